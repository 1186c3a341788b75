package org.ideogramcamel.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderHttpException;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.InvalidJobException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Today's caps, the UTC day change (with a clock the test moves), settlement and persistence across a restart. */
class BudgetTest {

    static final Instant EVENING = Instant.parse("2026-12-01T23:59:00Z");

    @TempDir
    Path state;
    final MovableClock clock = new MovableClock(EVENING);

    Budget budget(BudgetLimits limits) {
        return new Budget(limits, new DailySpendStore(state.resolve("budget")), clock, Duration.ofSeconds(30));
    }

    static BudgetLimits images(int max) {
        return new BudgetLimits(null, max, Map.of("ideogram", new BigDecimal("0.08")));
    }

    @Test
    void theThirdJobWaitsWhenMaxImagesIsTwoAndGoesAfterMidnightUtc() {
        Budget budget = budget(images(2));
        assertThat(budget.tryReserve("a", "ideogram", 1, "x1")).isNotNull();
        assertThat(budget.tryReserve("b", "ideogram", 1, "x2")).isNotNull();

        assertThat(budget.tryReserve("c", "ideogram", 1, "x3")).as("over max-images").isNull();
        assertThat(budget.jobsWaiting()).isEqualTo(1);
        assertThat(budget.imagesToday()).isEqualTo(2);
        assertThat(budget.spentToday()).isEqualByComparingTo("0.16");

        clock.set(EVENING.plus(Duration.ofMinutes(1))); // 2026-12-02T00:00Z
        Reservation c = budget.tryReserve("c", "ideogram", 1, "x3");
        assertThat(c).as("a new UTC day").isNotNull();
        assertThat(c.day()).hasToString("2026-12-02");
        assertThat(budget.jobsWaiting()).isZero();
        assertThat(budget.imagesToday()).isEqualTo(1);
        assertThat(budget.spentToday()).isEqualByComparingTo("0.08");
    }

    @Test
    void maxSpendCountsNumImagesTimesThePrice() {
        Budget budget = budget(new BudgetLimits(new BigDecimal("0.50"), null, Map.of("ideogram", new BigDecimal("0.08"))));
        assertThat(budget.tryReserve("four", "ideogram", 4, "x1").cost()).isEqualByComparingTo("0.32");
        assertThat(budget.tryReserve("three", "ideogram", 3, "x2")).as("0.32 + 0.24 > 0.50").isNull();
        assertThat(budget.tryReserve("two", "ideogram", 2, "x3")).as("0.32 + 0.16 = 0.48").isNotNull();
        assertThat(budget.tryReserve("free", "offline", 8, "x4")).as("no price: costs nothing").isNotNull();
        assertThat(budget.spentToday()).isEqualByComparingTo("0.48");
        assertThat(budget.imagesToday()).isEqualTo(14);
    }

    @Test
    void aJobBiggerThanAWholeDaysCapIsRefusedInsteadOfWaitingForever() {
        Budget budget = budget(images(2));
        assertThatThrownBy(() -> budget.tryReserve("big", "ideogram", 3, "x1"))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("ideogram.budget.max-images allows 2 a day");
        assertThat(budget.imagesToday()).isZero();
    }

    @Test
    void aRestartKeepsTodaysSpend() {
        Budget before = budget(images(2));
        before.tryReserve("a", "ideogram", 1, "x1");
        before.tryReserve("b", "ideogram", 1, "x2");

        Budget after = budget(images(2));
        assertThat(after.imagesToday()).isEqualTo(2);
        assertThat(after.spentToday()).isEqualByComparingTo("0.16");
        assertThat(after.tryReserve("c", "ideogram", 1, "x3")).isNull();
    }

    @Test
    void aCreateRefusedWith4xxIsReleasedAnUnansweredOneIsKept() {
        Budget budget = budget(images(2));
        Exchange refused = reserved(budget, "refused");
        refused.setProperty(Exchange.EXCEPTION_CAUGHT,
                new ProviderHttpException("ideogram", CallKind.CREATE, 422, "prompt rejected", null));
        Exchange unanswered = reserved(budget, "unanswered");
        unanswered.setProperty(Exchange.EXCEPTION_CAUGHT, new RuntimeException(new SocketTimeoutException("Read timed out")));
        assertThat(budget.imagesToday()).isEqualTo(2);

        budget.settle(refused);
        budget.settle(refused); // settled twice (a record per image, say): released once
        budget.settle(unanswered);

        assertThat(budget.imagesToday()).isEqualTo(1);
        assertThat(budget.spentToday()).isEqualByComparingTo("0.08");
        assertThat(budget(images(2)).imagesToday()).as("persisted").isEqualTo(1);
    }

    @Test
    void aServerErrorOnTheCreateKeepsTheReservation() {
        Budget budget = budget(images(2));
        Exchange failed = reserved(budget, "bad-gateway");
        failed.setProperty(Exchange.EXCEPTION_CAUGHT,
                new ProviderHttpException("ideogram", CallKind.CREATE, 502, "bad gateway", null));
        budget.settle(failed);
        assertThat(budget.imagesToday()).isEqualTo(1);
    }

    @Test
    void theRouteStepWaitsThenReservesAndFillsTheSidecarSpend() {
        Budget budget = budget(images(1));
        Exchange first = reserved(budget, "first");
        assertThat(first.getProperty(ExchangeKeys.BUDGET_WAITING, Boolean.class)).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> spend = first.getProperty(ExchangeKeys.SPEND, Map.class);
        assertThat(spend).containsEntry("price_per_image", new BigDecimal("0.08")).containsEntry("max_images", 1)
                .containsEntry("images_today", 1).containsKey("currency_note");
        assertThat((BigDecimal) spend.get("spent_today")).isEqualByComparingTo("0.08");

        Exchange second = exchange("second");
        budget.reserve(second);
        assertThat(second.getProperty(ExchangeKeys.BUDGET_WAITING, Boolean.class)).isTrue();
        assertThat(second.getProperty(ExchangeKeys.BUDGET)).isNull();
    }

    @Test
    void eachSidecarSeesTheTotalRightAfterItsOwnReservation() {
        Budget budget = budget(images(5));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = reserved(budget, "first").getProperty(ExchangeKeys.SPEND, Map.class);
        reserved(budget, "second");
        assertThat((BigDecimal) first.get("spent_today")).isEqualByComparingTo("0.08");
        assertThat(first.get("images_today")).isEqualTo(1);
    }

    @Test
    void withoutCapsOrPricesNothingIsPersistedButImagesAreCounted() {
        Budget budget = budget(BudgetLimits.none());
        budget.tryReserve("a", "offline", 3, "x1");
        assertThat(budget.imagesToday()).isEqualTo(3);
        assertThat(state.resolve("budget")).doesNotExist();
    }

    private Exchange reserved(Budget budget, String name) {
        Exchange exchange = exchange(name);
        budget.reserve(exchange);
        assertThat(exchange.getProperty(ExchangeKeys.BUDGET)).as("reserved " + name).isNotNull();
        return exchange;
    }

    private static Exchange exchange(String name) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangeKeys.JOB, new ImageJob(name, "a prompt", null, null, null, null, null, null, 1,
                null, null, "ideogram", "generate", null, null, null));
        exchange.setProperty(ExchangeKeys.CALL, new ProviderCall(CallKind.CREATE, "POST",
                URI.create("https://api.ideogram.ai/generate"), Map.of(), Map.of(), "{}"));
        return exchange;
    }

    /** A clock the test moves forward. */
    @Test
    void whileTheSharedLedgerCannotBeAskedAJobWaitsInsteadOfFailingAndGoesOnceItCan() {
        DownLedger ledger = new DownLedger(new DailySpendStore(state.resolve("budget")));
        Budget budget = new Budget(images(2), ledger, clock, Duration.ofSeconds(30));
        ledger.down = true;
        assertThat(budget.tryReserve("a", "ideogram", 1, "x1")).as("nothing reserved: nothing may be sent").isNull();
        assertThat(budget.jobsWaiting()).isEqualTo(1);

        ledger.down = false;
        assertThat(budget.tryReserve("a", "ideogram", 1, "x1")).isNotNull();
        assertThat(budget.jobsWaiting()).isZero();
        assertThat(ledger.load(clock.instant().atZone(ZoneOffset.UTC).toLocalDate()).images()).isEqualTo(1);
    }

    /** A shared ledger whose database can be switched off. */
    static final class DownLedger implements SpendLedger {
        final SpendLedger inner;
        volatile boolean down;

        DownLedger(SpendLedger inner) {
            this.inner = inner;
        }

        private void check() {
            if (down) {
                throw new LedgerUnavailableException("the state database cannot be reached", null);
            }
        }

        @Override
        public DailySpend load(java.time.LocalDate day) {
            check();
            return inner.load(day);
        }

        @Override
        public java.util.Optional<DailySpend> reserve(java.time.LocalDate day, BigDecimal cost, int images,
                BudgetLimits limits) {
            check();
            return inner.reserve(day, cost, images, limits);
        }

        @Override
        public DailySpend release(java.time.LocalDate day, BigDecimal cost, int images) {
            check();
            return inner.release(day, cost, images);
        }
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
