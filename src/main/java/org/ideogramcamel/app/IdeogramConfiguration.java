package org.ideogramcamel.app;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.Registry;
import org.ideogramcamel.budget.Budget;
import org.ideogramcamel.budget.BudgetLimits;
import org.apache.camel.throttling.ThrottlingInflightRoutePolicy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;
import org.apache.camel.util.concurrent.ThreadType;
import org.ideogramcamel.deadletter.DeadLetters;
import org.ideogramcamel.deadletter.Failures;
import org.ideogramcamel.deadletter.RedeliveryCounter;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.dialect.registry.Providers;
import org.ideogramcamel.flow.BatchProgress;
import org.ideogramcamel.flow.JobDesk;
import org.ideogramcamel.http.HttpErrorAnswers;
import org.ideogramcamel.http.HttpIntake;
import org.ideogramcamel.http.SharedSecret;
import org.ideogramcamel.flow.JobOutcomes;
import org.ideogramcamel.health.FoldersCheck;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobValidator;
import org.ideogramcamel.job.SourceImages;
import org.ideogramcamel.metrics.JobMetrics;
import org.ideogramcamel.journal.JobJournal;
import org.ideogramcamel.journal.Journaling;
import org.ideogramcamel.limit.FileJobAdmission;
import org.ideogramcamel.limit.ProviderGate;
import org.ideogramcamel.limit.RateLimits;
import org.ideogramcamel.poll.PollPolicy;
import org.ideogramcamel.poll.Polling;
import org.ideogramcamel.status.JobBoard;
import org.ideogramcamel.store.EarlierImages;
import org.ideogramcamel.store.FolderImageStore;
import org.ideogramcamel.store.ImageDownloads;
import org.ideogramcamel.store.PromptArchive;
import org.ideogramcamel.store.S3Clients;
import org.ideogramcamel.store.S3ImageStore;
import org.ideogramcamel.store.S3KeyTemplate;
import org.ideogramcamel.store.S3Options;
import org.ideogramcamel.store.StoredImageLookup;
import org.ideogramcamel.store.UnsafePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Binds the beans the routes call ({@code bean: {ref: jobDesk, ...}}) from the {@code ideogram.*} keys. This is
 * the one place that reads configuration; every other class gets plain values.
 */
public class IdeogramConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IdeogramConfiguration.class);
    /** Jobs submitted over HTTP whose status GET /jobs/{id} still knows (the oldest finished are forgotten). */
    static final int JOB_BOARD_CAPACITY = 10_000;

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        // first: relative folders resolve against ideogram.home, not the working directory
        Path home = IdeogramHome.anchorFolders(context.getPropertiesComponent(), settings);

        String provider = ProviderWiring.defaultProvider(settings);
        // unknown keys, the default provider's credential, the management port, one instance per state folder
        StartupChecks.run(context, settings);
        ProviderWiring.requireCredential(settings, provider);
        int maxInFlight = settings.integer("ideogram.max-in-flight", 16, 1, 1000);
        // the file consumer resolves a relative moveFailed against the inbox, so hand it an absolute folder
        context.getPropertiesComponent().addInitialProperty("ideogram.unprocessed",
                settings.folder("ideogram.failed", "failed").resolve("unprocessed").toAbsolutePath().toString());

        StateWiring state = StateWiring.configure(context, settings);
        ProviderGate providerGate = providerGate(context, settings, maxInFlight);
        providerGate.limitAcrossCluster(state.providerSlots(settings));
        Dialects dialects = new Dialects(ProviderWiring.dialects(settings), providerGate);
        JobReader reader = new JobReader(settings.bytes("ideogram.max-file-size", 1_048_576L));
        JobValidator validator = new JobValidator(provider, new SourceImages(
                settings.folder("ideogram.inbox", "inbox"), settings.bytes("ideogram.max-image-size", 10_485_760L)), Providers.CATALOG);

        registry.bind("dialects", dialects);
        registry.bind("providerHeaderFilter", providerHeaderFilter());
        JobMetrics metrics = new JobMetrics(meterRegistry(context), Providers.names());
        JobOutcomes outcomes = new JobOutcomes(metrics,
                new BatchProgress(settings.duration("ideogram.progress.interval", Duration.ofSeconds(5))), provider);
        registry.bind("jobMetrics", metrics);
        registry.bind("jobDesk", new JobDesk(reader, validator, dialects).reportTo(outcomes));
        KameletWiring.bind(registry);
        PollPolicy pollPolicy = pollPolicy(settings);
        registry.bind("polling", new Polling(pollPolicy, Clock.systemUTC()));
        registry.bind("imageDownloads", new ImageDownloads());
        // an image a folder refuses is held in <ideogram.state>/store-spool until failed/server-errors has it
        Path storeSpool = settings.folder("ideogram.state", "state").resolve("store-spool");
        FolderImageStore imageStore = new FolderImageStore(settings.folder("ideogram.outbox", "outbox"), storeSpool);
        registry.bind("imageStore", imageStore);
        // made here, bound below with the unsafe policy: the journal asks it too what a killed run already stored
        FolderImageStore quarantineStore = new FolderImageStore(settings.folder("ideogram.quarantine", "quarantine"),
                storeSpool);
        S3ImageStore s3Store = s3Store(settings, registry);
        registry.bind("s3Store", s3Store);
        registry.bind("promptArchive", new PromptArchive(settings.folder("ideogram.done", "done")));
        registry.bind("deadLetters", new DeadLetters().reportTo(outcomes));
        registry.bind("redeliveryCounter", new RedeliveryCounter());
        boolean resendUnknownOutcome = settings.flag("ideogram.retry.unknown-outcome", false);
        registry.bind("failures", new Failures(resendUnknownOutcome, exchange -> RecoveryWiring.canFindLostCreate(
                dialects, exchange)));
        Journaling journaling = journaling(settings, dialects, reader, resendUnknownOutcome,
                new EarlierImages(quarantineStore, imageStore, s3Store), state);
        registry.bind("journal", journaling);
        FailoverWiring.bind(context, settings, provider, dialects, providerGate,
                RecoveryWiring.bind(registry, journaling, dialects, resendUnknownOutcome));
        // predictions left running at a provider by the last run count against its max-in-flight from the start, so
        // the inbox's first creates (100 ms after start) cannot take their place before their jobs take them up
        journaling.runningAtProviders()
                .forEach(entry -> providerGate.expectResumed(entry.provider(), entry.key(), pollPolicy.deadline()));
        registry.bind("ideogramJobPool", IdleThreads.jobPool(context, this, maxInFlight));
        bindHttpIntake(context, registry, settings, reader, state.jobBoard(settings, JOB_BOARD_CAPACITY));
        OperatorTools.bind(registry, settings, reader, validator, dialects);
        KafkaWiring.bind(registry, settings, reader);
        // what becomes of images the provider flags unsafe, and the daily budget (issue 5)
        UnsafePolicy unsafePolicy = new UnsafePolicy(settings.text("ideogram.unsafe", "quarantine"));
        registry.bind("unsafePolicy", unsafePolicy);
        registry.bind("quarantineStore", quarantineStore);
        Budget budget = budget(settings, state);
        registry.bind("budget", budget);
        metrics.spendToday(() -> budget.spentToday().doubleValue());
        registry.bind("providerGate", providerGate);
        // a burst of files in the inbox: the file consumer pauses while this many files are in progress and
        // resumes at 70 %, so memory stays flat however many files wait (their jobs queue at the provider gate)
        ThrottlingInflightRoutePolicy intakeBackpressure = new ThrottlingInflightRoutePolicy();
        intakeBackpressure.setMaxInflightExchanges(FileJobAdmission.boundFor(maxInFlight));
        intakeBackpressure.setResumePercentOfMax(70);
        registry.bind("intakeBackpressure", intakeBackpressure);
        // and a JSONL file counts as one file there: its jobs are admitted as many at a time (issue 18), except
        // while predictions of the last run are still expected back (their jobs may be behind the waiting lines)
        FileJobAdmission fileJobAdmission = new FileJobAdmission(FileJobAdmission.boundFor(maxInFlight),
                providerGate::expectsResumed);
        registry.bind("fileJobAdmission", fileJobAdmission);
        registry.bind("rateLimits", rateLimits(settings));
        RoutePredicates.bind(registry);
        // poll waits and rate-limit waits: the continuation runs the (short) poll call and the image download
        ScheduledExecutorService scheduler = context.getExecutorServiceManager()
                .newScheduledThreadPool(this, "ideogram-scheduler", Math.max(10, maxInFlight));
        if (scheduler instanceof SizedScheduledExecutorService sized) {
            // at shutdown (after the routes' own graceful timeout) waits still scheduled are dropped, not awaited
            sized.getScheduledThreadPoolExecutor().setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            sized.getScheduledThreadPoolExecutor().setRemoveOnCancelPolicy(true);
            IdleThreads.endWhenIdle(sized.getScheduledThreadPoolExecutor());
        }
        registry.bind("ideogramScheduler", scheduler);
        // a stop lets jobs waiting for the budget or a provider slot go at once, never dead-lettered (issue 17)
        CleanStop.wire(context, Duration.ofMillis(budget.recheckMillis()), scheduler, providerGate,
                fileJobAdmission);

        Map<String, String> credentials = ProviderWiring.credentialStatus(settings);
        registry.bind("ideogramProviderCredentialsCheck", ProviderWiring.credentialsCheck(settings, provider));
        registry.bind("ideogramFoldersCheck", new FoldersCheck(settings.folder("ideogram.inbox", "inbox"),
                writtenFolders(settings, s3Store, unsafePolicy)));

        StartupBanner.log(context, settings, home, credentials);
        StartupBanner.logWhenReady(context, settings, provider, ProviderWiring.credentialSummary(settings, provider),
                s3Store.options() == null ? null : s3Store.options().describe());
        announce(provider, settings, s3Store.options());
    }

    /**
     * The HTTP intake's beans. When it is on, its port is tried first so that a port already in use stops the app
     * with a line that names the key, rather than with a bind error from deep inside the HTTP server.
     */
    private static void bindHttpIntake(CamelContext context, Registry registry, Settings settings, JobReader reader,
            JobBoard board) {
        registry.bind("jobBoard", board);
        SharedSecret secret = new SharedSecret(settings.optional("ideogram.http.shared-secret").orElse(null));
        registry.bind("httpIntake", new HttpIntake(reader, board, secret));
        if (!settings.flag("ideogram.http.enabled", false)) {
            return;
        }
        String host = settings.text("ideogram.http.host", "127.0.0.1");
        int port = settings.integer("ideogram.http.port", 8080, 0, 65535);
        HttpPorts.requireFree(host, port);
        try {
            context.addStartupListener(new HttpErrorAnswers(port, reader.maxBytes()));
        } catch (Exception e) {
            throw new IllegalStateException("could not register the HTTP error answers", e);
        }
        LOG.info("HTTP intake on http://{}:{}/jobs{}", host.contains(":") ? "[" + host + "]" : host, port,
                secret.isRequired()
                        ? " (callers must send " + SharedSecret.HEADER + ")"
                        : " (no authentication: keep it on 127.0.0.1 or behind a gateway, see README)");
    }

    /**
     * The Micrometer registry Camel's Prometheus endpoint scrapes: an embedding application's own
     * ({@code metricsRegistry}) if it bound one, else a Prometheus registry bound under that name for Camel to use.
     */
    private static MeterRegistry meterRegistry(CamelContext context) {
        MeterRegistry existing = context.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, created);
        return created;
    }

    /**
     * The job journal in {@code {ideogram.state}/journal}: finished entries older than {@code ideogram.dedupe.window}
     * are pruned at start-up, unfinished ones are kept until they are resumed.
     */
    private static Journaling journaling(Settings settings, Dialects dialects, JobReader reader,
            boolean resendUnknownOutcome, StoredImageLookup storedImages, StateWiring state) {
        JobJournal journal = state.journal(settings.folder("ideogram.state", "state"));
        Duration window = settings.duration("ideogram.dedupe.window", Duration.ofDays(7));
        int pruned = journal.prune(Instant.now().minus(window));
        boolean dedupe = settings.flag("ideogram.dedupe", true);
        LOG.info("Job journal in {} ({} finished entr{} older than {} pruned); duplicates are {}",
                state.describeJournal(settings.folder("ideogram.state", "state")),
                pruned, pruned == 1 ? "y" : "ies", settings.text("ideogram.dedupe.window", "7d"),
                dedupe ? "not paid again" : "run again (ideogram.dedupe=false)");
        return new Journaling(journal, dialects, reader, settings.folder("ideogram.inbox", "inbox"), storedImages,
                state.claims(), dedupe, resendUnknownOutcome);
    }

    /**
     * The per-provider in-flight caps ({@code ideogram.providers.<name>.max-in-flight}, default
     * {@code ideogram.max-in-flight}) and the pool granted calls run on: one thread per slot at most, since a
     * slot's create may block in its HTTP call; idle threads end after a minute.
     */
    private ProviderGate providerGate(CamelContext context, Settings settings, int maxInFlight) {
        Map<String, Integer> caps = new LinkedHashMap<>();
        for (String provider : Providers.names()) {
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
        for (String provider : Providers.names()) {
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

    /**
     * What readiness must be able to write: where the configured store puts images (the outbox, or with
     * ideogram.store=s3 the spool each image waits in until S3 has it) and, under ideogram.unsafe=quarantine, the
     * quarantine folder.
     */
    private static List<FoldersCheck.WrittenFolder> writtenFolders(Settings settings, S3ImageStore s3Store,
            UnsafePolicy unsafePolicy) {
        List<FoldersCheck.WrittenFolder> folders = new ArrayList<>();
        folders.add(s3Store.options() == null
                ? FoldersCheck.WrittenFolder.outbox(settings.folder("ideogram.outbox", "outbox"))
                : FoldersCheck.WrittenFolder.s3Spool(s3Store.spoolFolder()));
        if (unsafePolicy.policy().equals("quarantine")) {
            folders.add(FoldersCheck.WrittenFolder.quarantine(settings.folder("ideogram.quarantine", "quarantine")));
        }
        return folders;
    }

    /**
     * The S3 store, used by routes/store-s3.camel.yaml when ideogram.store=s3. With the folder store it is still
     * bound (the route refers to it) but has no client and is never called.
     */
    private static S3ImageStore s3Store(Settings settings, Registry registry) {
        String store = settings.text("ideogram.store", "folder");
        if (!store.equals("folder") && !store.equals("s3")) {
            throw new IllegalArgumentException("ideogram.store=" + store + " is not valid; use folder or s3");
        }
        Path spool = settings.folder("ideogram.state", "state").resolve("s3-spool");
        if (store.equals("folder")) {
            return new S3ImageStore(null, () -> {
                throw new IllegalStateException("ideogram.store=folder: the S3 store is not configured");
            }, spool, Clock.systemUTC());
        }
        S3Options options = s3Options(settings);
        S3Client client = S3Clients.build(options);
        registry.bind("ideogramS3Client", client);
        return new S3ImageStore(options, () -> client, spool, Clock.systemUTC());
    }

    private static S3Options s3Options(Settings settings) {
        String bucket = settings.optional("ideogram.s3.bucket").orElseThrow(() -> new IllegalArgumentException(
                "ideogram.store=s3 needs ideogram.s3.bucket: set it to an existing bucket"));
        Optional<String> accessKey = settings.optional("ideogram.s3.access-key");
        Optional<String> secretKey = settings.optional("ideogram.s3.secret-key");
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("set both ideogram.s3.access-key and ideogram.s3.secret-key, or neither"
                    + " (then the AWS default credentials chain is used)");
        }
        URI endpoint = settings.optional("ideogram.s3.endpoint-override").isPresent()
                ? settings.url("ideogram.s3.endpoint-override", "http://127.0.0.1:9000") : null;
        return new S3Options(bucket, settings.text("ideogram.s3.region", "us-east-1"), endpoint,
                settings.flag("ideogram.s3.force-path-style", false), accessKey.orElse(null), secretKey.orElse(null),
                S3KeyTemplate.parse(settings.text("ideogram.s3.key-template", S3KeyTemplate.DEFAULT)));
    }

    /** camel-http's default filter, except that it lets Cache-Control through (Pixazo documents no-cache). */
    private static HttpHeaderFilterStrategy providerHeaderFilter() {
        HttpHeaderFilterStrategy filter = new HttpHeaderFilterStrategy();
        filter.getOutFilter().remove("cache-control");
        return filter;
    }

    private static PollPolicy pollPolicy(Settings settings) {
        return new PollPolicy(
                settings.duration("ideogram.poll.interval", Duration.ofMillis(250)),
                settings.decimal("ideogram.poll.backoff", 1.1),
                settings.duration("ideogram.poll.max-interval", Duration.ofSeconds(10)),
                settings.duration("ideogram.poll.deadline", Duration.ofMinutes(10)));
    }

    /** ideogram.budget.* and each provider's price-per-image. */
    private static Budget budget(Settings settings, StateWiring state) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (String provider : Providers.names()) {
            BigDecimal price = amount(settings, "ideogram.providers." + provider + ".price-per-image");
            if (price != null) {
                prices.put(provider, price);
            }
        }
        BigDecimal maxSpend = amount(settings, "ideogram.budget.max-spend");
        Integer maxImages = settings.optional("ideogram.budget.max-images").isPresent()
                ? settings.integer("ideogram.budget.max-images", 0, 0, Integer.MAX_VALUE) : null;
        BudgetLimits limits = new BudgetLimits(maxSpend, maxImages, prices);
        if (limits.isActive()) {
            LOG.info("Budget per UTC day: max-spend {}, max-images {}; prices per image {}",
                    maxSpend == null ? "none" : maxSpend.toPlainString(), maxImages == null ? "none" : maxImages,
                    prices.isEmpty() ? "none set" : prices);
        }
        return new Budget(limits, state.spendLedger(settings), Clock.systemUTC(),
                settings.duration("ideogram.budget.recheck-interval", Duration.ofSeconds(30)));
    }

    /** A decimal amount such as 0.08, at least 0; null when the key is unset or empty. */
    private static BigDecimal amount(Settings settings, String key) {
        return settings.optional(key).map(v -> {
            try {
                BigDecimal value = new BigDecimal(v);
                if (value.signum() < 0) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + "=" + v + " is not valid; expected an amount of 0 or more"
                        + " such as 0.08");
            }
        }).orElse(null);
    }

    private static void announce(String provider, Settings settings, S3Options s3) {
        if ("offline".equals(provider)) {
            LOG.warn("Provider 'offline': images are PLACEHOLDERS rendered locally, no API is called. For real images"
                    + " set ideogram.provider to one of " + String.join(", ", Providers.names().stream()
                            .filter(name -> !name.equals("offline")).toList()) + " and give it its key, e.g."
                    + " -Dideogram.provider=replicate with REPLICATE_API_TOKEN (see README).");
        } else {
            LOG.info("Provider '{}' is the default for jobs that name none", provider);
        }
        if (s3 != null) {
            LOG.info("Watching {} for prompt files; images go to S3 {} as {} (credentials: {}; not checked until"
                    + " the first upload)", settings.text("ideogram.inbox", "inbox"), s3.describe(), s3.keyTemplate(),
                    s3.hasStaticCredentials() ? "ideogram.s3.access-key" : "AWS default chain");
        } else {
            LOG.info("Watching {} for prompt files; images go to {}", settings.text("ideogram.inbox", "inbox"),
                    settings.text("ideogram.outbox", "outbox"));
        }
    }
}
