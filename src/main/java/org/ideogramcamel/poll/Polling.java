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

    private final PollPolicy policy;
    private final Clock clock;

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

    /** Route step: ends the job once the cancel was tried (see {@value ExchangeKeys#CANCEL}). */
    public void giveUp(Exchange exchange) {
        throw new PredictionTimedOutException(exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class),
                policy.deadline(), exchange.getProperty(ExchangeKeys.CANCEL, String.class));
    }

    private PollSchedule schedule(Exchange exchange) {
        PollSchedule schedule = exchange.getProperty(ExchangeKeys.POLL, PollSchedule.class);
        if (schedule == null) {
            schedule = new PollSchedule(clock.millis(), policy.interval().toMillis());
            exchange.setProperty(ExchangeKeys.POLL, schedule);
        }
        return schedule;
    }
}
