package org.ideogramcamel.metrics;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.ideogramcamel.job.FailureKind;

/**
 * The app's own metrics, registered in the Micrometer registry Camel scrapes at {@code /observe/metrics}. Names
 * follow Prometheus' conventions once rendered ({@code ideogram.jobs.received} becomes
 * {@code ideogram_jobs_received_total}).
 *
 * <p>Tags are bounded on purpose: {@code provider} is one of the known providers (anything else is
 * {@code unknown}) and {@code reason} one of {@link FailureKind}'s labels. Job and file names never become tags:
 * each distinct value would be a new time series.
 */
public class JobMetrics {

    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Collection<String> providers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer createToStored;
    private final DistributionSummary pollsPerPrediction;
    private volatile DoubleSupplier spendToday = () -> 0.0;

    public JobMetrics(MeterRegistry registry, Collection<String> providers) {
        this.registry = registry;
        this.providers = providers;
        Gauge.builder("ideogram.predictions.in.flight", inFlight, AtomicInteger::get)
                .description("Jobs accepted and not yet ended: waiting for a max-in-flight slot, creating, polling"
                        + " or storing")
                .register(registry);
        Gauge.builder("ideogram.spend.today", this, metrics -> metrics.spendToday.getAsDouble())
                .description("What today's jobs have cost so far, as the budget counts it (0 without a budget)")
                .register(registry);
        createToStored = Timer.builder("ideogram.create.to.stored")
                .description("From a job's acceptance (just before its create call) to its last image stored")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofMinutes(15))
                .register(registry);
        pollsPerPrediction = DistributionSummary.builder("ideogram.polls.per.prediction")
                .description("Status polls a prediction needed before it was final (0 for synchronous providers)")
                .serviceLevelObjectives(1, 2, 3, 5, 8, 13, 21, 34, 55)
                .register(registry);
        // start every provider's counters at 0, so a rate() over them exists before the first job
        for (String provider : providers) {
            received(provider);
            succeeded(provider);
            images(provider);
        }
    }

    /** Feeds {@code ideogram_spend_today}; the budget binds its own supplier here. */
    public void spendToday(DoubleSupplier supplier) {
        this.spendToday = supplier == null ? () -> 0.0 : supplier;
    }

    public void jobReceived(String provider) {
        received(provider).increment();
    }

    public void jobStarted() {
        inFlight.incrementAndGet();
    }

    public void jobLeftFlight() {
        inFlight.decrementAndGet();
    }

    public void jobSucceeded(String provider, int imagesStored, Duration sinceAccepted) {
        succeeded(provider).increment();
        if (imagesStored > 0) {
            images(provider).increment(imagesStored);
        }
        createToStored.record(sinceAccepted);
    }

    /** A failed job; the images it did store before failing still count as stored. */
    public void jobFailed(String provider, FailureKind kind, int imagesStored) {
        Counter.builder("ideogram.jobs.failed")
                .description("Jobs that ended in a dead-letter channel, by provider and kind of failure")
                .tag("provider", label(provider))
                .tag("reason", (kind == null ? FailureKind.INTERNAL : kind).label())
                .register(registry).increment();
        if (imagesStored > 0) {
            images(provider).increment(imagesStored);
        }
    }

    public void predictionPolled(int polls) {
        pollsPerPrediction.record(polls);
    }

    private Counter received(String provider) {
        return Counter.builder("ideogram.jobs.received").description("Jobs read from the inbox or a message")
                .tag("provider", label(provider)).register(registry);
    }

    private Counter succeeded(String provider) {
        return Counter.builder("ideogram.jobs.succeeded").description("Jobs whose every image was stored")
                .tag("provider", label(provider)).register(registry);
    }

    private Counter images(String provider) {
        return Counter.builder("ideogram.images.stored").description("Images written to the store")
                .tag("provider", label(provider)).register(registry);
    }

    private String label(String provider) {
        if (provider == null) {
            return UNKNOWN;
        }
        String lower = provider.trim().toLowerCase(Locale.ROOT);
        return providers.contains(lower) ? lower : UNKNOWN;
    }
}
