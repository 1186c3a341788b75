package org.ideogramcamel.failover;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resilience4j circuit breaker per provider, on creates only (used by the {@code circuitBreaker} EIP of
 * {@code routes/generate.camel.yaml} as {@code <provider>Creates}). It opens after {@code ideogram.failover.open-after}
 * creates in a row failed for a reason that says the provider is down: a 5xx answer, a connection that could not be
 * made, a timeout. A 429 is throttling (the provider is up and the limits adapt to it) and any other answer proves
 * the provider up. After {@code ideogram.failover.probe-after} it lets one create through (half-open): its success
 * closes the breaker, its failure opens it again.
 */
public class ProviderBreakers {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.failover");

    private final Map<String, CircuitBreaker> byProvider = new LinkedHashMap<>();
    private final int openAfter;

    public ProviderBreakers(List<String> providers, int openAfter, Duration probeAfter) {
        this.openAfter = openAfter;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                // a streak: the last openAfter creates, all failed
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(openAfter)
                .minimumNumberOfCalls(openAfter)
                .failureRateThreshold(100)
                .waitDurationInOpenState(probeAfter)
                .permittedNumberOfCallsInHalfOpenState(1)
                // half-open on time, not on the next call: health shows it, and the next create is the probe
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(ProviderBreakers::isOutage)
                // the HTTP call's answer comes back as the exchange: a 5xx is a failure though nothing was thrown
                .recordResult(result -> result instanceof Exchange exchange && status(exchange) >= 500)
                .build();
        for (String provider : providers) {
            CircuitBreaker breaker = CircuitBreaker.of(beanName(provider), config);
            breaker.getEventPublisher().onStateTransition(event -> LOG.warn("{}: creates {} ({})", provider,
                    describe(event.getStateTransition().getToState()), event.getStateTransition()));
            byProvider.put(provider, breaker);
        }
    }

    /** The name the routes refer to the provider's breaker by ({@code replicateCreates}). */
    public static String beanName(String provider) {
        return provider + "Creates";
    }

    public Map<String, CircuitBreaker> all() {
        return byProvider;
    }

    /** CLOSED, OPEN, HALF_OPEN …; CLOSED for a provider without a breaker (offline). */
    public CircuitBreaker.State state(String provider) {
        CircuitBreaker breaker = byProvider.get(provider);
        return breaker == null ? CircuitBreaker.State.CLOSED : breaker.getState();
    }

    /** Whether new creates should not go to the provider now: its breaker is open. */
    public boolean isDown(String provider) {
        CircuitBreaker.State state = state(provider);
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /** One line for logs, records and health: why the provider counts as unavailable. */
    public String why(String provider) {
        return provider + " is unavailable: its circuit breaker is " + state(provider) + " after " + openAfter
                + " creates in a row failed (5xx, connection failure or timeout)";
    }

    private static String describe(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN -> "stopped: the provider counts as down, jobs that may move fail over";
            case HALF_OPEN -> "probing: the next create tells whether the provider is back";
            case CLOSED -> "flowing again: the provider is back";
            default -> state.name();
        };
    }

    private static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static int status(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 0 : status;
    }
}
