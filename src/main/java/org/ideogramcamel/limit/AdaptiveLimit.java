package org.ideogramcamel.limit;

import java.time.Duration;

/**
 * One provider's in-flight limit, adapted to what the provider answers (AIMD, as TCP does): a 429 halves it (once
 * per {@code Retry-After} window, so one burst of refusals counts once) and never leaves it above the predictions
 * the provider is running for us right now, since it just refused one more; every accepted create adds
 * {@code 1/limit}, i.e. one more slot per round of successes, but only after the provider's {@code Retry-After}
 * has passed. The limit stays between 1 and the configured cap. Not thread-safe: {@link ProviderGate} guards it.
 */
final class AdaptiveLimit {

    /** When a 429 carries no Retry-After, how long the limit is held before it grows again. */
    static final long DEFAULT_HOLD_NANOS = Duration.ofSeconds(1).toNanos();

    private final int cap;
    private double limit;
    private long holdUntilNanos = Long.MIN_VALUE;
    private long lastDecreaseNanos = Long.MIN_VALUE;

    AdaptiveLimit(int cap) {
        this.cap = cap;
        this.limit = cap;
    }

    int cap() {
        return cap;
    }

    /** Slots that may be taken at once. */
    int current() {
        return (int) limit;
    }

    /** A create was accepted: grow by one slot per round of successes, unless the provider asked us to hold. */
    void onAccepted(long nowNanos) {
        if (nowNanos - holdUntilNanos >= 0 && limit < cap) {
            limit = Math.min(cap, limit + 1.0 / Math.max(1.0, limit));
        }
    }

    /**
     * The provider refused a request with 429.
     *
     * @param runningNow slots still held after the refused one was given back: the provider accepted no more
     * @param retryAfter the provider's Retry-After, or null
     */
    void onThrottled(int runningNow, Duration retryAfter, long nowNanos) {
        long hold = retryAfter == null ? DEFAULT_HOLD_NANOS : Math.max(DEFAULT_HOLD_NANOS / 10, retryAfter.toNanos());
        if (lastDecreaseNanos == Long.MIN_VALUE || nowNanos - lastDecreaseNanos >= hold) {
            limit = limit / 2;
            lastDecreaseNanos = nowNanos;
        }
        limit = Math.max(1, Math.min(limit, runningNow));
        holdUntilNanos = nowNanos + hold;
    }
}
