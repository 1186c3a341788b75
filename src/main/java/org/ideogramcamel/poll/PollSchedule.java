package org.ideogramcamel.poll;

/**
 * The polling state of one prediction. Polls are spaced geometrically in time: each poll comes {@code backoff}
 * times later than the previous one, counted from the create answer, so the wait between polls grows with the
 * time already spent (backoff, not a fixed hammer) while a completion is never noticed more than
 * {@code backoff - 1} of its own latency late. The first poll comes at the faster quarter of the recent
 * completion times of the provider's model (see {@link CompletionTimes}), so a typical prediction takes one or two
 * polls; until anything was observed, it comes after {@code interval}.
 */
public final class PollSchedule {

    private final long startedAtMillis;
    private final long firstWaitMillis;
    private final long shortestWaitMillis;
    private long lastPendingAtMillis;
    private int polls;

    /**
     * @param shortestWaitMillis floor of the waits after the first: {@code interval} while the model's latency is
     *                           unknown; once known, a backoff's share of it, so a short latency is still
     *                           polled finely enough to notice its completion within that share
     */
    PollSchedule(long startedAtMillis, long firstWaitMillis, long shortestWaitMillis) {
        this.startedAtMillis = startedAtMillis;
        this.firstWaitMillis = firstWaitMillis;
        this.shortestWaitMillis = shortestWaitMillis;
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    /**
     * The wait before the next poll, clamped so no poll lands after the deadline. Asked again, the previous poll
     * answered "still pending", which the schedule remembers for {@link #completedWithinMillis()}.
     */
    long takeWait(PollPolicy policy, long now) {
        long elapsed = now - startedAtMillis;
        if (polls > 0) {
            // asked again: the previous poll has just answered "still pending"
            lastPendingAtMillis = elapsed;
        }
        long wait;
        if (polls == 0) {
            wait = firstWaitMillis;
        } else {
            // the next poll at elapsed * backoff: the wait is a fixed fraction of the time already spent
            wait = (long) (elapsed * (policy.backoff() - 1.0));
            wait = Math.max(shortestWaitMillis, Math.min(wait, policy.maxInterval().toMillis()));
        }
        long remaining = startedAtMillis + policy.deadline().toMillis() - now;
        wait = Math.max(0, Math.min(wait, remaining));
        polls++;
        return wait;
    }

    public int polls() {
        return polls;
    }

    /**
     * When the prediction completed, as well as polling can tell: between the answer of the last poll that found
     * it pending and the answer that found it final ({@code now}); the midpoint, in milliseconds from the create
     * answer. Measured when the answers arrived, not when the polls were meant to go, so a late scheduler does
     * not skew it. When the first poll already found it final, {@code firstWait / backoff}. -1 before any poll.
     */
    long completedWithinMillis(long now, double backoff) {
        if (polls == 0) {
            return -1;
        }
        long doneAt = now - startedAtMillis;
        if (polls == 1) {
            // the first poll already found it final: all we know is "before the aim". Recorded a little before the
            // aim (not before the answer, which a busy machine reads late and would push the aim ever later), so
            // the aim drifts down until a poll finds a prediction pending again
            return (long) (firstWaitMillis / backoff);
        }
        return (lastPendingAtMillis + doneAt) / 2;
    }
}
