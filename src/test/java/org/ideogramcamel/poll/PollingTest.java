package org.ideogramcamel.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.Prediction;
import org.junit.jupiter.api.Test;

class PollingTest {

    static final class StepClock extends Clock {
        long millis = 1_000_000;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void pollTimesGrowGeometricallyUpToTheCeilingAndNeverPassTheDeadline() {
        StepClock clock = new StepClock();
        Polling polling = new Polling(new PollPolicy(Duration.ofMillis(1000), 2.0, Duration.ofMillis(5000),
                Duration.ofMillis(12_000)), clock);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());

        List<Long> waits = new ArrayList<>();
        while (!polling.isOverdue(exchange)) {
            polling.scheduleNext(exchange);
            long wait = exchange.getProperty(ExchangeKeys.POLL_DELAY, Long.class);
            waits.add(wait);
            clock.millis += wait;
        }
        // polls at 1, 2, 4, 8 s (each twice the time spent so far), then at most 5 s apart, clamped to the deadline
        assertThat(waits).containsExactly(1000L, 1000L, 2000L, 4000L, 4000L);
    }

    @Test
    void aCompletionIsNoticedWithinTheBackoffOfItsLatency() {
        PollPolicy policy = new PollPolicy(Duration.ofMillis(250), 1.1, Duration.ofSeconds(10), Duration.ofMinutes(10));
        for (long latency : new long[] {1200, 3000, 7000, 45_000}) {
            StepClock clock = new StepClock();
            Polling polling = new Polling(policy, clock);
            Exchange exchange = new DefaultExchange(new DefaultCamelContext());
            long elapsed = 0;
            while (elapsed < latency) {
                polling.scheduleNext(exchange);
                long wait = exchange.getProperty(ExchangeKeys.POLL_DELAY, Long.class);
                clock.millis += wait;
                elapsed += wait;
            }
            assertThat(elapsed - latency).as("noticed late after %d ms", latency).isLessThanOrEqualTo(latency / 10);
        }
    }

    @Test
    void theFirstPollIsAimedAtTheFastestRecentCompletion() {
        PollPolicy policy = new PollPolicy(Duration.ofMillis(250), 1.1, Duration.ofSeconds(10), Duration.ofMinutes(10));
        StepClock clock = new StepClock();
        Polling polling = new Polling(policy, clock);
        // one prediction polled until it completed after 3 s
        Polled first = pollUntilDone(polling, clock, new DefaultExchange(new DefaultCamelContext()), 3000);

        assertThat(firstWait(polling)).as("after %d polls of the first", first.polls()).isBetween(2700L, 3300L);
    }

    @Test
    void aPredictionResumedAfterARestartTeachesNoCompletionTime() {
        PollPolicy policy = new PollPolicy(Duration.ofMillis(250), 1.1, Duration.ofSeconds(10), Duration.ofMinutes(10));
        StepClock clock = new StepClock();
        Polling polling = new Polling(policy, clock);
        // timed from the restart, it seems to complete in 300 ms: that must not aim the next first poll
        Exchange resumed = new DefaultExchange(new DefaultCamelContext());
        resumed.setProperty(ExchangeKeys.RESUME_HANDLE, "t1");
        pollUntilDone(polling, clock, resumed, 300);

        assertThat(firstWait(polling)).as("still the configured interval").isEqualTo(250L);
    }

    @Test
    void onceTheLatencyIsKnownAShortOneIsStillNoticedWithinTheBackoff() {
        PollPolicy policy = new PollPolicy(Duration.ofMillis(250), 1.1, Duration.ofSeconds(10), Duration.ofMinutes(10));
        StepClock clock = new StepClock();
        Polling polling = new Polling(policy, clock);
        long[] latencies = {1200, 1200, 1150, 1250, 1200, 1180, 1220};
        long worstLate = 0;
        int lastPolls = 0;
        for (long latency : latencies) {
            Polled polled = pollUntilDone(polling, clock, new DefaultExchange(new DefaultCamelContext()), latency);
            if (latency != latencies[0]) {
                worstLate = Math.max(worstLate, polled.elapsed() - latency);
            }
            lastPolls = polled.polls();
        }
        // the first prediction was polled every 250 ms; the later ones within 10 % of ~1.2 s, in a few polls
        assertThat(worstLate).isLessThanOrEqualTo(125);
        assertThat(lastPolls).isLessThanOrEqualTo(3);
    }

    @Test
    void aFixedIntervalStaysFixed() {
        StepClock clock = new StepClock();
        Polling polling = new Polling(new PollPolicy(Duration.ofMillis(300), 1.0, Duration.ofMillis(300),
                Duration.ofSeconds(10)), clock);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        polling.scheduleNext(exchange);
        polling.scheduleNext(exchange);
        assertThat(exchange.getProperty(ExchangeKeys.POLL_DELAY, Long.class)).isEqualTo(300L);
    }

    @Test
    void policyRefusesNonsenseWithTheKeyName() {
        assertThatThrownBy(() -> new PollPolicy(Duration.ZERO, 1.5, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("ideogram.poll.interval");
        assertThatThrownBy(() -> new PollPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("ideogram.poll.backoff");
    }

    /** How long polling took to notice the completion, and in how many polls. */
    record Polled(long elapsed, int polls) {
    }

    /** Polls one prediction that completes after {@code latency} ms, then tells polling it finished. */
    static Polled pollUntilDone(Polling polling, StepClock clock, Exchange exchange, long latency) {
        exchange.setProperty(ExchangeKeys.PREDICTION, prediction(Prediction.State.PENDING));
        long elapsed = 0;
        int polls = 0;
        while (elapsed < latency) {
            polling.scheduleNext(exchange);
            long wait = exchange.getProperty(ExchangeKeys.POLL_DELAY, Long.class);
            clock.millis += wait;
            elapsed += wait;
            polls++;
        }
        exchange.setProperty(ExchangeKeys.PREDICTION, prediction(Prediction.State.SUCCEEDED));
        polling.finished(exchange);
        return new Polled(elapsed, polls);
    }

    /** The wait before the first poll of a new prediction. */
    static long firstWait(Polling polling) {
        Exchange next = new DefaultExchange(new DefaultCamelContext());
        next.setProperty(ExchangeKeys.PREDICTION, prediction(Prediction.State.PENDING));
        polling.scheduleNext(next);
        return next.getProperty(ExchangeKeys.POLL_DELAY, Long.class);
    }

    static Prediction prediction(Prediction.State state) {
        return new Prediction("wavespeed", "t", "m", state, List.of(), null);
    }
}
