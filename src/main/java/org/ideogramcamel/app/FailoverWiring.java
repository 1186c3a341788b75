package org.ideogramcamel.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spi.Registry;
import org.ideogramcamel.dialect.registry.Providers;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.failover.Failover;
import org.ideogramcamel.failover.ProviderBreakers;
import org.ideogramcamel.health.ProviderBreakerCheck;
import org.ideogramcamel.job.Vocabulary;
import org.ideogramcamel.journal.CreateOutcomes;
import org.ideogramcamel.limit.ProviderGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failover (issue 14): a circuit breaker on each provider's creates ({@code <provider>Creates}, used by the
 * {@code circuitBreaker} EIP of the routes), the {@code failover} bean that moves a job whose provider is down, and
 * the breakers' state in health and metrics.
 */
final class FailoverWiring {

    private static final Logger LOG = LoggerFactory.getLogger(IdeogramConfiguration.class);
    /** The providers reached over HTTP (offline answers locally and has no breaker). */
    private static final List<String> REMOTE = Providers.names().stream().filter(p -> !p.equals("offline")).toList();

    private FailoverWiring() {
    }

    static void bind(CamelContext context, Settings settings, String defaultProvider, Dialects dialects,
            ProviderGate gate, CreateOutcomes createOutcomes) {
        Registry registry = context.getRegistry();
        List<String> order = order(settings);
        ProviderBreakers breakers = new ProviderBreakers(REMOTE,
                settings.integer("ideogram.failover.open-after", 5, 1, 1000),
                settings.duration("ideogram.failover.probe-after", Duration.ofSeconds(30)));
        breakers.all().forEach((provider, breaker) -> registry.bind(ProviderBreakers.beanName(provider), breaker));
        registry.bind("failover", new Failover(order, breakers, dialects, gate, createOutcomes::mayHaveBeenBilled));

        Set<String> used = new LinkedHashSet<>();
        used.add(defaultProvider);
        used.addAll(order);
        MeterRegistry meters = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        breakers.all().forEach((provider, breaker) -> {
            if (used.contains(provider)) {
                registry.bind("ideogramProviderBreakerCheck-" + provider, new ProviderBreakerCheck(provider, breaker));
            }
            if (meters != null) {
                Gauge.builder("ideogram.provider.circuit.state", breaker, FailoverWiring::gaugeValue)
                        .description("circuit breaker on the provider's creates: 0 closed, 1 half-open, 2 open")
                        .tag("provider", provider).register(meters);
            }
        });
        if (!order.isEmpty()) {
            LOG.info("Failover: while a provider is down, jobs that may move go to the first of {} that sells them",
                    order);
        }
    }

    /** ideogram.failover: a comma-separated list of providers, tried in that order. */
    private static List<String> order(Settings settings) {
        List<String> order = new ArrayList<>();
        for (String name : settings.text("ideogram.failover", "").split(",")) {
            String provider = name.trim();
            if (provider.isEmpty()) {
                continue;
            }
            if (!REMOTE.contains(provider)) {
                throw new IllegalArgumentException("ideogram.failover=" + settings.text("ideogram.failover", "")
                        + " names '" + provider + "'; list providers that make real images: " + String.join(" ",
                                REMOTE));
            }
            order.add(provider);
        }
        return order;
    }

    private static double gaugeValue(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case HALF_OPEN -> 1;
            default -> 2;
        };
    }
}
