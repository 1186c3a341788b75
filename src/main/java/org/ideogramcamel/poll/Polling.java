package org.ideogramcamel.poll;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.PredictionTimedOutException;

/**
 * Route-facing polling steps for the loop EIP in {@code routes/generate.camel.yaml}: how long to wait before
 * the next poll (the delay EIP waits without holding a thread), and whether the deadline has passed.
 */
public class Polling {

    /** Never two polls of one prediction closer than this, however short its model's latency. */
    static final long MIN_WAIT_MILLIS = 50;

    private final PollPolicy policy;
    private final Clock clock;
    private final CompletionTimes completionTimes = new CompletionTimes();

    public Polling(PollPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** Route step: sets {@value ExchangeKeys#POLL_DELAY} to the wait before the next poll. */
    public void scheduleNext(Exchange exchange) {
        PollSchedule schedule = schedule(exchange);
        exchange.setProperty(ExchangeKeys.POLL_DELAY, schedule.takeWait(policy, clock.millis()));
    }

    /** Route predicate: the prediction has been pending for longer than {@code ideogram.poll.deadline}. */
    public boolean isOverdue(Exchange exchange) {
        PollSchedule schedule = schedule(exchange);
        return clock.millis() - schedule.startedAtMillis() >= policy.deadline().toMillis();
    }

    /**
     * Route step after the poll loop: a prediction that needed polls tells how long this provider's model takes,
     * which aims the first poll of the next one (see {@link PollSchedule}).
     */
    public void finished(Exchange exchange) {
        PollSchedule schedule = exchange.getProperty(ExchangeKeys.POLL, PollSchedule.class);
        Prediction prediction = exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class);
        // a prediction resumed after a restart was timed from the restart, not its create: it would teach a too-short time
        boolean resumed = exchange.getProperty(ExchangeKeys.RESUME_HANDLE) != null;
        if (!resumed && schedule != null && prediction != null && prediction.isSucceeded()) {
            completionTimes.record(prediction.provider(), key(exchange),
                    schedule.completedWithinMillis(clock.millis(), policy.backoff()));
        }
    }

    /** Route step: ends the job once the cancel was tried (see {@value ExchangeKeys#CANCEL}). */
    public void giveUp(Exchange exchange) {
        throw new PredictionTimedOutException(exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class),
                policy.deadline(), exchange.getProperty(ExchangeKeys.CANCEL, String.class));
    }

    private PollSchedule schedule(Exchange exchange) {
        PollSchedule schedule = exchange.getProperty(ExchangeKeys.POLL, PollSchedule.class);
        if (schedule == null) {
            Prediction prediction = exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class);
            long typical = prediction == null ? -1
                    : completionTimes.fasterQuarter(prediction.provider(), key(exchange));
            long interval = policy.interval().toMillis();
            long firstWait = typical < 0 ? interval : Math.max(interval, typical);
            long shortestWait = typical < 0 || policy.backoff() <= 1.0 ? interval
                    : Math.max(MIN_WAIT_MILLIS, Math.min(interval, (long) (typical * (policy.backoff() - 1.0))));
            schedule = new PollSchedule(clock.millis(), firstWait, shortestWait);
            exchange.setProperty(ExchangeKeys.POLL, schedule);
        }
        return schedule;
    }

    /** The model as the job asked for it: the answer's own model name may differ in spelling between calls. */
    private static String key(Exchange exchange) {
        Object job = exchange.getProperty(ExchangeKeys.JOB);
        return job instanceof org.ideogramcamel.job.ImageJob j && j.model() != null ? j.model() : "default";
    }
}
