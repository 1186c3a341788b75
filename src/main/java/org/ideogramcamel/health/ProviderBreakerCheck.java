package org.ideogramcamel.health;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of one provider the app sends jobs to (the default one and those of {@code ideogram.failover}), from its
 * creates' circuit breaker: DOWN while it is open (the provider failed creates in a row; jobs that may move fail
 * over), UNKNOWN while half-open (the next create is the probe), UP when closed.
 */
public class ProviderBreakerCheck extends ReadinessCheck {

    private final String provider;
    private final CircuitBreaker breaker;

    public ProviderBreakerCheck(String provider, CircuitBreaker breaker) {
        super("provider-" + provider);
        this.provider = provider;
        this.breaker = breaker;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        CircuitBreaker.State state = breaker.getState();
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        builder.detail("provider", provider).detail("circuit", state.name())
                .detail("failed_creates", metrics.getNumberOfFailedCalls());
        switch (state) {
            case CLOSED -> builder.message(provider + " takes creates").up();
            case HALF_OPEN -> builder.message(provider + " was down; the next create is the probe").unknown();
            default -> builder.message(provider + " is down: its creates failed in a row (5xx, connection failure"
                    + " or timeout); jobs that may move fail over to ideogram.failover").down();
        }
    }
}
