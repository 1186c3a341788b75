package org.ideogramcamel.budget;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What one UTC day has cost so far: every create reserved that day and not released (a create the provider
 * refused, or never received, is released; one whose outcome is unknown is not).
 *
 * @param day    the UTC date
 * @param spent  sum of the reserved job costs, in the unit of the configured prices
 * @param images number of images reserved
 */
public record DailySpend(LocalDate day, BigDecimal spent, int images) {

    public static DailySpend empty(LocalDate day) {
        return new DailySpend(day, BigDecimal.ZERO, 0);
    }

    DailySpend plus(BigDecimal cost, int count) {
        return new DailySpend(day, spent.add(cost), images + count);
    }

    DailySpend minus(BigDecimal cost, int count) {
        return new DailySpend(day, spent.subtract(cost).max(BigDecimal.ZERO), Math.max(0, images - count));
    }
}
