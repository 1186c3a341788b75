package org.ideogramcamel.budget;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The daily caps and each provider's price per image.
 *
 * @param maxSpend  {@code ideogram.budget.max-spend}: most that may be spent per UTC day, or null for no cap
 * @param maxImages {@code ideogram.budget.max-images}: most images per UTC day, or null for no cap
 * @param prices    {@code ideogram.providers.<name>.price-per-image}; a provider not listed costs 0 (unknown)
 */
public record BudgetLimits(BigDecimal maxSpend, Integer maxImages, Map<String, BigDecimal> prices) {

    public BudgetLimits {
        prices = Map.copyOf(prices);
    }

    /** No caps and no prices: images are only counted. */
    public static BudgetLimits none() {
        return new BudgetLimits(null, null, Map.of());
    }

    public BigDecimal price(String provider) {
        return prices.getOrDefault(provider, BigDecimal.ZERO);
    }

    /** Whether a day already at {@code day} may take {@code cost} and {@code images} more within both caps. */
    public boolean admits(DailySpend day, BigDecimal cost, int images) {
        return (maxImages == null || (long) day.images() + images <= maxImages)
                && (maxSpend == null || day.spent().add(cost).compareTo(maxSpend) <= 0);
    }

    /** Something to enforce or to account for: a cap, or a price above 0. Only then is the day's spend persisted. */
    public boolean isActive() {
        return maxSpend != null || maxImages != null
                || prices.values().stream().anyMatch(p -> p.signum() > 0);
    }
}
