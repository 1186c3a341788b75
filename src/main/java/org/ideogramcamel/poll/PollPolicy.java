package org.ideogramcamel.poll;

import java.time.Duration;

/**
 * How a pending prediction is polled: the shortest wait, how the poll times grow, the longest wait, and the
 * deadline after which the prediction is cancelled ({@code ideogram.poll.*}). See {@link PollSchedule}.
 *
 * @param interval    first wait while nothing is known about the provider's model, and the shortest wait until
 *                    its latency is known (then a backoff's share of that latency, at least 50 ms)
 * @param backoff     each poll comes this many times later than the previous one, counted from the create answer
 *                    (1.1: a completion is noticed at most 10 % of its latency late; 1.0 = every interval)
 * @param maxInterval longest single wait
 * @param deadline    how long a prediction may stay pending, counted from the create answer
 */
public record PollPolicy(Duration interval, double backoff, Duration maxInterval, Duration deadline) {

    public PollPolicy {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ideogram.poll.interval must be positive, such as 1s");
        }
        if (backoff < 1.0) {
            throw new IllegalArgumentException("ideogram.poll.backoff=" + backoff + " must be 1.0 or more");
        }
        if (maxInterval.compareTo(interval) < 0) {
            maxInterval = interval;
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("ideogram.poll.deadline must be positive, such as 10m");
        }
    }
}
