package org.ideogramcamel.poll;

/** The polling state of one prediction: when polling started and how long the next wait is. */
public final class PollSchedule {

    private final long startedAtMillis;
    private long nextWaitMillis;
    private int polls;

    PollSchedule(long startedAtMillis, long firstWaitMillis) {
        this.startedAtMillis = startedAtMillis;
        this.nextWaitMillis = firstWaitMillis;
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    /** The wait before the next poll, clamped so no poll lands after the deadline; then grows the wait. */
    long takeWait(PollPolicy policy, long now) {
        long remaining = startedAtMillis + policy.deadline().toMillis() - now;
        long wait = Math.max(0, Math.min(nextWaitMillis, remaining));
        nextWaitMillis = Math.min((long) (nextWaitMillis * policy.backoff()), policy.maxInterval().toMillis());
        polls++;
        return wait;
    }

    public int polls() {
        return polls;
    }
}
