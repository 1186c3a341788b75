package org.ideogramcamel.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ideogramcamel.budget.BudgetLimits;
import org.ideogramcamel.budget.DailySpend;
import org.ideogramcamel.budget.SpendLedger;
import org.ideogramcamel.budget.SpendLedgerContract;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger contract on {@code ideogram.state.store=jdbc}, and the caps held by two instances racing. */
class JdbcDailySpendTest extends SpendLedgerContract {

    StateDatabase first;
    StateDatabase second;

    @BeforeEach
    void open() {
        String url = TestPostgres.newDatabase();
        first = StateDatabase.open(url, TestPostgres.USER, null, 10);
        second = StateDatabase.open(url, TestPostgres.USER, null, 10);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Override
    protected SpendLedger ledger() {
        return new JdbcDailySpend(first.dataSource());
    }

    @Override
    protected SpendLedger reopened() {
        return new JdbcDailySpend(second.dataSource());
    }

    @Test
    void twoInstancesRacingNeverTakeMoreThanTheCapsTogether() throws Exception {
        // two instances, each with its own pool, 8 threads each, 400 tries of one image at 0.08 for 50 images / 3.00
        BudgetLimits limits = new BudgetLimits(new BigDecimal("3.00"), 50, Map.of());
        List<SpendLedger> instances = List.of(new JdbcDailySpend(first.dataSource()),
                new JdbcDailySpend(second.dataSource()));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> granted = new ArrayList<>();
        try {
            for (int t = 0; t < 16; t++) {
                SpendLedger ledger = instances.get(t % 2);
                Callable<Integer> racer = () -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < 25; i++) {
                        if (ledger.reserve(DAY, new BigDecimal("0.08"), 1, limits).isPresent()) {
                            mine++;
                        }
                    }
                    return mine;
                };
                granted.add(threads.submit(racer));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> racer : granted) {
                total += racer.get();
            }
            DailySpend day = instances.get(0).load(DAY);
            // 3.00 / 0.08 = 37.5: the spend cap binds first, at 37 images
            assertThat(total).as("reservations granted to both instances").isEqualTo(37);
            assertThat(day.images()).isEqualTo(37);
            assertThat(day.spent()).isEqualByComparingTo("2.96");
        } finally {
            threads.shutdownNow();
        }
    }
}
