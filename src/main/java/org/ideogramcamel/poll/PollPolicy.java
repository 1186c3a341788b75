package org.ideogramcamel.poll;

import java.time.Duration;

/**
 * How a pending prediction is polled: the first wait, how each wait grows, its ceiling, and the deadline after
 * which the prediction is cancelled ({@code ideogram.poll.*}).
 *
 * @param interval    first wait after the create answer
 * @param backoff     factor each wait is multiplied by (1.0 = fixed interval)
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
