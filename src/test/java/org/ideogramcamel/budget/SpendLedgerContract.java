package org.ideogramcamel.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What every {@link SpendLedger} promises: the folder one (one instance) and the JDBC one (a cluster). */
public abstract class SpendLedgerContract {

    protected static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    protected static final BudgetLimits TWO_IMAGES_OR_ONE_EURO = new BudgetLimits(new BigDecimal("1.00"), 2, Map.of());

    /** A fresh, empty ledger. */
    protected abstract SpendLedger ledger();

    /** The same stored days as {@link #ledger()} read by a new ledger, as after a restart or on another instance. */
    protected abstract SpendLedger reopened();

    @Test
    void reservationsCountUntilACapWouldBeExceededAndARefusedOneChangesNothing() {
        SpendLedger ledger = ledger();
        DailySpend first = ledger.reserve(DAY, new BigDecimal("0.40"), 1, TWO_IMAGES_OR_ONE_EURO).orElseThrow();
        assertThat(first.spent()).isEqualByComparingTo("0.40");
        assertThat(first.images()).isEqualTo(1);
        assertThat(ledger.reserve(DAY, new BigDecimal("0.70"), 1, TWO_IMAGES_OR_ONE_EURO)).as("1.10 > 1.00").isEmpty();
        assertThat(ledger.reserve(DAY, new BigDecimal("0.60"), 1, TWO_IMAGES_OR_ONE_EURO)).as("exactly 1.00").isPresent();
        assertThat(ledger.reserve(DAY, BigDecimal.ZERO, 1, TWO_IMAGES_OR_ONE_EURO)).as("a third image").isEmpty();

        DailySpend stored = reopened().load(DAY);
        assertThat(stored.spent()).isEqualByComparingTo("1.00");
        assertThat(stored.images()).isEqualTo(2);
    }

    @Test
    void aReleaseGivesTheReservationBackAndNeverGoesBelowZero() {
        SpendLedger ledger = ledger();
        ledger.reserve(DAY, new BigDecimal("0.80"), 2, TWO_IMAGES_OR_ONE_EURO);
        DailySpend after = ledger.release(DAY, new BigDecimal("0.80"), 2);
        assertThat(after.spent()).isEqualByComparingTo("0");
        assertThat(after.images()).isZero();
        assertThat(ledger.reserve(DAY, new BigDecimal("0.50"), 2, TWO_IMAGES_OR_ONE_EURO)).as("room again").isPresent();

        DailySpend floored = ledger.release(DAY, new BigDecimal("9"), 9);
        assertThat(floored.spent()).isEqualByComparingTo("0");
        assertThat(reopened().load(DAY).images()).isZero();
    }

    @Test
    void noCapsOnlyCountsAndEachDayStartsFromNothing() {
        SpendLedger ledger = ledger();
        BudgetLimits none = new BudgetLimits(null, null, Map.of("ideogram", new BigDecimal("0.08")));
        for (int i = 0; i < 3; i++) {
            assertThat(ledger.reserve(DAY, new BigDecimal("8"), 100, none)).isPresent();
        }
        assertThat(reopened().load(DAY).images()).isEqualTo(300);
        assertThat(reopened().load(DAY.plusDays(1))).isEqualTo(DailySpend.empty(DAY.plusDays(1)));
    }

    @Test
    void aFirstReservationThatAloneExceedsACapIsRefused() {
        assertThat(ledger().reserve(DAY, new BigDecimal("1.01"), 1, TWO_IMAGES_OR_ONE_EURO)).isEmpty();
        assertThat(reopened().load(DAY).images()).isZero();
    }
}
