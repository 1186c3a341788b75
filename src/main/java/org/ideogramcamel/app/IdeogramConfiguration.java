package org.ideogramcamel.app;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.throttling.ThrottlingInflightRoutePolicy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;
import org.apache.camel.util.concurrent.ThreadType;
import org.ideogramcamel.deadletter.DeadLetters;
import org.ideogramcamel.deadletter.Failures;
import org.ideogramcamel.deadletter.RedeliveryCounter;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.dialect.ideogram.IdeogramDialect;
import org.ideogramcamel.dialect.ideogram.IdeogramOptions;
import org.ideogramcamel.dialect.offline.OfflineDialect;
import org.ideogramcamel.dialect.pixazo.PixazoDialect;
import org.ideogramcamel.dialect.pixazo.PixazoOptions;
import org.ideogramcamel.dialect.replicate.ReplicateDialect;
import org.ideogramcamel.dialect.replicate.ReplicateOptions;
import org.ideogramcamel.dialect.wavespeed.WaveSpeedDialect;
import org.ideogramcamel.dialect.wavespeed.WaveSpeedOptions;
import org.ideogramcamel.flow.JobDesk;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobValidator;
import org.ideogramcamel.job.SourceImages;
import org.ideogramcamel.job.Vocabulary;
import org.ideogramcamel.limit.ProviderGate;
import org.ideogramcamel.limit.RateLimits;
import org.ideogramcamel.poll.PollPolicy;
import org.ideogramcamel.poll.Polling;
import org.ideogramcamel.store.FolderImageStore;
import org.ideogramcamel.store.ImageDownloads;
import org.ideogramcamel.store.PromptArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the beans the routes call ({@code bean: {ref: jobDesk, ...}}) from the {@code ideogram.*} keys. This is
 * the one place that reads configuration; every other class gets plain values.
 */
public class IdeogramConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IdeogramConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context.getPropertiesComponent());
        Registry registry = context.getRegistry();

        String provider = settings.text("ideogram.provider", "offline");
        if (!Vocabulary.PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("ideogram.provider=" + provider + " is not valid; use one of "
                    + String.join(" ", Vocabulary.PROVIDERS));
        }
        int maxInFlight = settings.integer("ideogram.max-in-flight", 16, 1, 1000);
        // the file consumer resolves a relative moveFailed against the inbox, so hand it an absolute folder
        context.getPropertiesComponent().addInitialProperty("ideogram.unprocessed",
                settings.folder("ideogram.failed", "failed").resolve("unprocessed").toAbsolutePath().toString());

        ProviderGate providerGate = providerGate(context, settings, maxInFlight);
        Dialects dialects = new Dialects(List.of(new OfflineDialect(), new ReplicateDialect(replicate(settings)),
                new WaveSpeedDialect(wavespeed(settings)), new IdeogramDialect(ideogram(settings)),
                new PixazoDialect(pixazo(settings))), providerGate);
        JobReader reader = new JobReader(settings.bytes("ideogram.max-file-size", 1_048_576L));
        JobValidator validator = new JobValidator(provider, new SourceImages(
                settings.folder("ideogram.inbox", "inbox"), settings.bytes("ideogram.max-image-size", 10_485_760L)));

        registry.bind("dialects", dialects);
        registry.bind("providerHeaderFilter", providerHeaderFilter());
        registry.bind("jobDesk", new JobDesk(reader, validator, dialects));
        registry.bind("polling", new Polling(pollPolicy(settings), Clock.systemUTC()));
        registry.bind("imageDownloads", new ImageDownloads());
        registry.bind("imageStore", new FolderImageStore(settings.folder("ideogram.outbox", "outbox")));
        registry.bind("promptArchive", new PromptArchive(settings.folder("ideogram.done", "done")));
        registry.bind("deadLetters", new DeadLetters());
        registry.bind("redeliveryCounter", new RedeliveryCounter());
        registry.bind("failures", new Failures(settings.flag("ideogram.retry.unknown-outcome", false)));
        registry.bind("ideogramJobPool",
                context.getExecutorServiceManager().newFixedThreadPool(this, "ideogram-jobs", maxInFlight));
        registry.bind("providerGate", providerGate);
        // a burst of files in the inbox: the file consumer pauses while this many files are in progress and
        // resumes at 70 %, so memory stays flat however many files wait (their jobs queue at the provider gate)
        ThrottlingInflightRoutePolicy intakeBackpressure = new ThrottlingInflightRoutePolicy();
        intakeBackpressure.setMaxInflightExchanges(Math.max(100, 4 * maxInFlight));
        intakeBackpressure.setResumePercentOfMax(70);
        registry.bind("intakeBackpressure", intakeBackpressure);
        registry.bind("rateLimits", rateLimits(settings));
        // poll waits and rate-limit waits: the continuation runs the (short) poll call and the image download
        ScheduledExecutorService scheduler = context.getExecutorServiceManager()
                .newScheduledThreadPool(this, "ideogram-scheduler", Math.max(10, maxInFlight));
        if (scheduler instanceof SizedScheduledExecutorService sized) {
            // at shutdown (after the routes' own graceful timeout) waits still scheduled are dropped, not awaited
            sized.getScheduledThreadPoolExecutor().setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            sized.getScheduledThreadPoolExecutor().setRemoveOnCancelPolicy(true);
        }
        registry.bind("ideogramScheduler", scheduler);

        announce(provider, settings);
    }

    /**
     * The per-provider in-flight caps ({@code ideogram.providers.<name>.max-in-flight}, default
     * {@code ideogram.max-in-flight}) and the pool granted calls run on: one thread per slot at most, since a
     * slot's create may block in its HTTP call; idle threads end after a minute.
     */
    private ProviderGate providerGate(CamelContext context, Settings settings, int maxInFlight) {
        Map<String, Integer> caps = new LinkedHashMap<>();
        for (String provider : Vocabulary.PROVIDERS) {
            caps.put(provider, settings.integer("ideogram.providers." + provider + ".max-in-flight", maxInFlight, 1,
                    1000));
        }
        // the offline provider renders locally and never takes a slot
        int slots = caps.entrySet().stream().filter(e -> !"offline".equals(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        int connections = settings.integer("camel.component.http.connections-per-route", 20, 1, 100_000);
        int largest = caps.values().stream().mapToInt(Integer::intValue).max().orElse(maxInFlight);
        if (connections < largest) {
            LOG.warn("camel.component.http.connections-per-route={} is below the largest max-in-flight ({}): calls"
                    + " will queue for a connection; raise it to at least {}", connections, largest, largest);
        }
        // threads made on demand (an idle one is reused first) and ended after a minute idle; room for every slot
        // plus jobs past their slot still storing images; beyond that the granting thread runs the job itself
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder("ideogram-calls").poolSize(1)
                .maxPoolSize(slots + maxInFlight).keepAliveTime(60L, TimeUnit.SECONDS).allowCoreThreadTimeOut(true)
                .maxQueueSize(0).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build();
        ExecutorService callPool = context.getExecutorServiceManager().newThreadPool(this, "ideogram-calls", profile);
        context.getRegistry().bind("ideogramCallPool", callPool);
        LOG.info("Predictions in flight at most: {}{}", caps, ThreadType.current() == ThreadType.VIRTUAL
                ? "; virtual threads" : "");
        return new ProviderGate(caps::get, callPool);
    }

    private static RateLimits rateLimits(Settings settings) {
        Map<String, Integer> perMinute = new LinkedHashMap<>();
        for (String provider : Vocabulary.PROVIDERS) {
            String key = "ideogram.providers." + provider + ".requests-per-minute";
            if (settings.optional(key).isPresent()) {
                perMinute.put(provider, settings.integer(key, 0, 1, 1_000_000));
            }
        }
        if (!perMinute.isEmpty()) {
            LOG.info("Requests per minute at most: {}", perMinute);
        }
        return new RateLimits(perMinute);
    }

    private static ReplicateOptions replicate(Settings settings) {
        String prefix = "ideogram.providers.replicate.";
        return new ReplicateOptions(
                URI.create(settings.text(prefix + "base-url", "https://api.replicate.com/v1")),
                secret(settings, prefix + "api-token", "REPLICATE_API_TOKEN"),
                settings.text(prefix + "model", "ideogram-v2-turbo"),
                settings.integer(prefix + "prefer-wait", 60, 0, 60));
    }

    private static WaveSpeedOptions wavespeed(Settings settings) {
        String prefix = "ideogram.providers.wavespeed.";
        return new WaveSpeedOptions(
                URI.create(settings.text(prefix + "base-url", "https://api.wavespeed.ai/api/v3")),
                secret(settings, prefix + "api-key", "WAVESPEED_API_KEY"),
                settings.text(prefix + "model", "ideogram-v2"),
                settings.flag(prefix + "base64-output", false));
    }

    private static IdeogramOptions ideogram(Settings settings) {
        String prefix = "ideogram.providers.ideogram.";
        return new IdeogramOptions(
                URI.create(settings.text(prefix + "base-url", "https://api.ideogram.ai")),
                secret(settings, prefix + "api-key", "IDEOGRAM_API_KEY"),
                settings.text(prefix + "auth-header", "Api-Key"),
                settings.text(prefix + "model", "V_2"));
    }

    private static PixazoOptions pixazo(Settings settings) {
        String prefix = "ideogram.providers.pixazo.";
        return new PixazoOptions(
                URI.create(settings.text(prefix + "base-url", "https://gateway.pixazo.ai")),
                secret(settings, prefix + "subscription-key", "PIXAZO_SUBSCRIPTION_KEY"),
                settings.text(prefix + "model", "v2"));
    }

    /** camel-http's default filter, except that it lets Cache-Control through (Pixazo documents no-cache). */
    private static HttpHeaderFilterStrategy providerHeaderFilter() {
        HttpHeaderFilterStrategy filter = new HttpHeaderFilterStrategy();
        filter.getOutFilter().remove("cache-control");
        return filter;
    }

    /** A credential from its key, else from the provider's usual environment variable; never logged. */
    private static String secret(Settings settings, String key, String environmentVariable) {
        return settings.optional(key).or(() -> Optional.ofNullable(System.getenv(environmentVariable))).orElse("");
    }

    private static PollPolicy pollPolicy(Settings settings) {
        return new PollPolicy(
                settings.duration("ideogram.poll.interval", Duration.ofMillis(250)),
                settings.decimal("ideogram.poll.backoff", 1.1),
                settings.duration("ideogram.poll.max-interval", Duration.ofSeconds(10)),
                settings.duration("ideogram.poll.deadline", Duration.ofMinutes(10)));
    }

    private static void announce(String provider, Settings settings) {
        if ("offline".equals(provider)) {
            LOG.warn("Provider 'offline': images are PLACEHOLDERS rendered locally, no API is called. For real images"
                    + " set ideogram.provider to replicate, wavespeed, ideogram or pixazo and give it its key, e.g."
                    + " -Dideogram.provider=replicate with REPLICATE_API_TOKEN (see README).");
        } else {
            LOG.info("Provider '{}' is the default for jobs that name none", provider);
        }
        LOG.info("Watching {} for prompt files; images go to {}", settings.text("ideogram.inbox", "inbox"),
                settings.text("ideogram.outbox", "outbox"));
    }
}
