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
        org.ideogramcamel.dialect.Prediction pending = new org.ideogramcamel.dialect.Prediction("wavespeed", "t1",
                "m", org.ideogramcamel.dialect.Prediction.State.PENDING, List.of(), null);
        org.ideogramcamel.dialect.Prediction done = new org.ideogramcamel.dialect.Prediction("wavespeed", "t1",
                "m", org.ideogramcamel.dialect.Prediction.State.SUCCEEDED, List.of(), null);

        // one prediction polled until it completed after 3 s
        Exchange first = new DefaultExchange(new DefaultCamelContext());
        first.setProperty(ExchangeKeys.PREDICTION, pending);
        long elapsed = 0;
        int polls = 0;
        while (elapsed < 3000) {
            polling.scheduleNext(first);
            long wait = first.getProperty(ExchangeKeys.POLL_DELAY, Long.class);
            clock.millis += wait;
            elapsed += wait;
            polls++;
        }
        first.setProperty(ExchangeKeys.PREDICTION, done);
        polling.finished(first);

        Exchange next = new DefaultExchange(new DefaultCamelContext());
        next.setProperty(ExchangeKeys.PREDICTION, pending);
        polling.scheduleNext(next);
        long firstWait = next.getProperty(ExchangeKeys.POLL_DELAY, Long.class);
        assertThat(firstWait).as("after %d polls of the first", polls).isBetween(2700L, 3300L);
    }

    @Test
    void onceTheLatencyIsKnownAShortOneIsStillNoticedWithinTheBackoff() {
        PollPolicy policy = new PollPolicy(Duration.ofMillis(250), 1.1, Duration.ofSeconds(10), Duration.ofMinutes(10));
        StepClock clock = new StepClock();
        Polling polling = new Polling(policy, clock);
        org.ideogramcamel.dialect.Prediction pending = new org.ideogramcamel.dialect.Prediction("wavespeed", "t",
                "m", org.ideogramcamel.dialect.Prediction.State.PENDING, List.of(), null);
        org.ideogramcamel.dialect.Prediction done = new org.ideogramcamel.dialect.Prediction("wavespeed", "t",
                "m", org.ideogramcamel.dialect.Prediction.State.SUCCEEDED, List.of(), null);
        long[] latencies = {1200, 1200, 1150, 1250, 1200, 1180, 1220};
        long worstLate = 0;
        int lastPolls = 0;
        for (long latency : latencies) {
            Exchange exchange = new DefaultExchange(new DefaultCamelContext());
            exchange.setProperty(ExchangeKeys.PREDICTION, pending);
            long elapsed = 0;
            int polls = 0;
            while (elapsed < latency) {
                polling.scheduleNext(exchange);
                long wait = exchange.getProperty(ExchangeKeys.POLL_DELAY, Long.class);
                clock.millis += wait;
                elapsed += wait;
                polls++;
            }
            exchange.setProperty(ExchangeKeys.PREDICTION, done);
            polling.finished(exchange);
            if (latency != latencies[0]) {
                worstLate = Math.max(worstLate, elapsed - latency);
            }
            lastPolls = polls;
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
}
