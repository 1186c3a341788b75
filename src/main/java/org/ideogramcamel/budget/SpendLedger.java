package org.ideogramcamel.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where each UTC day's spend is kept: {@link DailySpendStore} (a file per day, one instance) or the JDBC ledger
 * (one row per day, shared by every instance). A reservation and a release are each one atomic step against the
 * stored total, so several instances together never take more than the caps allow.
 */
public interface SpendLedger {

    /** The day's spend as stored now, or nothing spent. */
    DailySpend load(LocalDate day);

    /**
     * Adds {@code cost} and {@code images} to the day's total if, with them, the total stays within both caps of
     * {@code limits}; otherwise changes nothing.
     *
     * @return the day's new total, or empty when a cap would be exceeded
     */
    Optional<DailySpend> reserve(LocalDate day, BigDecimal cost, int images, BudgetLimits limits);

    /** Takes {@code cost} and {@code images} off the day's total (never below 0); returns the new total. */
    DailySpend release(LocalDate day, BigDecimal cost, int images);
}
