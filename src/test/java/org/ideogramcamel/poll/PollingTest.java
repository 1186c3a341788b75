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
    void waitsGrowByTheBackoffUpToTheCeilingAndNeverPassTheDeadline() {
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
        // 1 + 2 + 4 + 5 = 12 s: the last wait is clamped so the deadline check follows at once
        assertThat(waits).containsExactly(1000L, 2000L, 4000L, 5000L);
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
