package org.ideogramcamel.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AdaptiveLimitTest {

    static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aBurstOfRefusalsHalvesOnceAndNeverLeavesMoreThanTheProviderAccepted() {
        AdaptiveLimit limit = new AdaptiveLimit(16);
        // 16 sent at once, the provider took 5: eleven 429s arrive while the others still hold their slots
        for (int running = 15; running >= 5; running--) {
            limit.onThrottled(running, Duration.ofSeconds(1), 0);
        }
        assertThat(limit.current()).isEqualTo(5);
    }

    @Test
    void growsOneSlotPerRoundOfSuccessesOnlyAfterRetryAfterAndUpToTheCap() {
        AdaptiveLimit limit = new AdaptiveLimit(8);
        limit.onThrottled(3, Duration.ofSeconds(2), 0);
        assertThat(limit.current()).isEqualTo(3);

        for (int i = 0; i < 20; i++) {
            limit.onAccepted(SECOND); // inside the Retry-After window: held
        }
        assertThat(limit.current()).isEqualTo(3);

        // +1/limit per success: a round of about `limit` successes adds one slot
        for (int i = 0; i < 4; i++) {
            limit.onAccepted(3 * SECOND);
        }
        assertThat(limit.current()).isEqualTo(4);

        for (int i = 0; i < 1000; i++) {
            limit.onAccepted(4 * SECOND);
        }
        assertThat(limit.current()).isEqualTo(8);
    }

    @Test
    void neverBelowOne() {
        AdaptiveLimit limit = new AdaptiveLimit(4);
        limit.onThrottled(0, null, 0);
        limit.onThrottled(0, null, 2 * SECOND);
        assertThat(limit.current()).isEqualTo(1);
    }
}
