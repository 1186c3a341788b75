package org.ideogramcamel.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.budget.DailySpendStore;
import org.ideogramcamel.budget.SpendLedger;
import org.ideogramcamel.dialect.registry.Providers;
import org.ideogramcamel.health.StateDatabaseCheck;
import org.ideogramcamel.journal.FolderJournal;
import org.ideogramcamel.journal.JobJournal;
import org.ideogramcamel.limit.ClusterSlots;
import org.ideogramcamel.state.InstanceId;
import org.ideogramcamel.state.JobClaims;
import org.ideogramcamel.state.LocalJobClaims;
import org.ideogramcamel.state.jdbc.DatabaseOutage;
import org.ideogramcamel.state.jdbc.InboxFileClaims;
import org.ideogramcamel.state.jdbc.JdbcDailySpend;
import org.ideogramcamel.state.jdbc.JdbcJobBoard;
import org.ideogramcamel.state.jdbc.JdbcJobClaims;
import org.ideogramcamel.state.jdbc.JdbcJournal;
import org.ideogramcamel.state.jdbc.JdbcProviderSlots;
import org.ideogramcamel.state.jdbc.StateDatabase;
import org.ideogramcamel.status.JobBoard;
import org.ideogramcamel.status.MemoryJobBoard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the state that must survive a crash or be shared between instances lives: {@code ideogram.state.store} =
 * {@code folder} (default: files under {@code ideogram.state}, one running instance per state folder) or {@code jdbc}
 * (PostgreSQL at {@code ideogram.state.jdbc.url}, shared by every instance that names it). The one place that reads
 * the {@code ideogram.state.*} and {@code ideogram.instance-id} keys; everything else gets the chosen stores.
 */
final class StateWiring {

    private static final Logger LOG = LoggerFactory.getLogger(StateWiring.class);
    static final String PASSWORD_ENVIRONMENT_VARIABLE = "IDEOGRAM_STATE_JDBC_PASSWORD";
    /** The placeholder routes/resume.camel.yaml's sweep runs by (milliseconds). */
    static final String SWEEP_INTERVAL = "ideogram.state.sweep-interval";
    /** The placeholder routes/intake-files.camel.yaml's read lock is chosen by (set here, not by users). */
    static final String INBOX_READ_LOCK = "ideogram.inbox.read-lock";
    /** The inbox's claims on its files, bound for routes/intake-files.camel.yaml. */
    static final String INBOX_LOCKS = "ideogramInboxLocks";

    private final InstanceId instanceId;
    private final StateDatabase database;
    private final JobClaims claims;

    private StateWiring(InstanceId instanceId, StateDatabase database, JobClaims claims) {
        this.instanceId = instanceId;
        this.database = database;
        this.claims = claims;
    }

    static StateWiring configure(CamelContext context, Settings settings) {
        InstanceId instanceId = settings.optional("ideogram.instance-id").map(InstanceId::new)
                .orElseGet(InstanceId::ofThisProcess);
        context.getRegistry().bind("ideogramInstanceId", instanceId);
        // routes/error-handling.camel.yaml: a step the state database could not serve waits for it (never with folder)
        context.getRegistry().bind("stateDatabaseOutage", new DatabaseOutage());
        String store = settings.text("ideogram.state.store", "folder");
        Duration lease = settings.duration("ideogram.state.lease", Duration.ofSeconds(30));
        if (lease.toMillis() < 1000) {
            throw new IllegalArgumentException("ideogram.state.lease=" + settings.text("ideogram.state.lease", "")
                    + " is too short; use at least 1s (default 30s)");
        }
        Duration sweep = settings.duration(SWEEP_INTERVAL, lease.dividedBy(2));
        context.getPropertiesComponent().addInitialProperty(SWEEP_INTERVAL, String.valueOf(sweep.toMillis()));
        switch (store) {
            case "folder" -> {
                LOG.info("State in folders under {} (one running instance per state folder); this instance is {}",
                        settings.folder("ideogram.state", "state"), instanceId);
                // one instance reads the inbox: a file is taken once its size and time stop changing, as always
                context.getPropertiesComponent().addInitialProperty(INBOX_READ_LOCK, "changed");
                context.getRegistry().bind(INBOX_LOCKS, MemoryIdempotentRepository.memoryIdempotentRepository());
                return new StateWiring(instanceId, null, new LocalJobClaims());
            }
            case "jdbc" -> {
                StateDatabase database = openDatabase(settings);
                context.getRegistry().bind("ideogramStateDatabase", database);
                // stopped after the routes (services stop in reverse order of their start), so the last journal
                // writes of a graceful stop still reach the database
                addCloser(context, database);
                JdbcJobClaims claims = new JdbcJobClaims(database.dataSource(), instanceId, lease);
                startHeartbeat(context, claims);
                sharedInbox(context, database, lease);
                context.getRegistry().bind("ideogramStateDatabaseCheck", new StateDatabaseCheck(database::problem,
                        settings.text("ideogram.state.jdbc.url", "").replaceAll("\\?.*", "")));
                LOG.info("State in PostgreSQL at {} (shared by every instance that names it); this instance is {},"
                        + " its work taken over by the others {} after its last heartbeat",
                        settings.text("ideogram.state.jdbc.url", ""), instanceId, settings.text("ideogram.state.lease",
                        "30s"));
                return new StateWiring(instanceId, database, claims);
            }
            default -> throw new IllegalArgumentException("ideogram.state.store=" + store
                    + " is not valid; use folder (one instance) or jdbc (several instances on one PostgreSQL)");
        }
    }

    /**
     * Several instances read one inbox: a file is taken once it stopped changing and this instance's row for it went
     * into CAMEL_MESSAGEPROCESSED first (camel-file's idempotent-changed read lock over camel-sql's orphan-aware
     * repository), so each file is taken by one instance. The row is kept alive while the file is in work; the row of
     * an instance that died is an orphan once it is older than one and a half leases, after that instance's job claims
     * have lapsed, and the file is then taken up by another instance (its jobs resume from the journal). When the
     * database is down no row can be written, so no new file is taken until it is back.
     */
    private static void sharedInbox(CamelContext context, StateDatabase database, Duration lease) {
        InboxFileClaims locks = new InboxFileClaims(database.dataSource(), context, lease);
        context.getRegistry().bind(INBOX_LOCKS, locks);
        context.getPropertiesComponent().addInitialProperty(INBOX_READ_LOCK, "idempotent-changed");
        try {
            context.addService(locks);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the shared inbox's file claims", e);
        }
    }

    /**
     * This instance's heartbeat: written now (before any route claims a job) and renewed a few times per lease on a
     * Camel-managed thread; at a graceful stop (after the routes) the instance signs off, so its claims are free for
     * the others at once. A renewal the database misses is logged and tried again at the next tick.
     */
    private static void startHeartbeat(CamelContext context, JdbcJobClaims claims) {
        claims.heartbeat();
        long every = Math.max(200, Math.min(5_000, claims.lease().toMillis() / 4));
        ScheduledExecutorService timer = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(claims, "ideogram-heartbeat");
        timer.scheduleWithFixedDelay(() -> {
            try {
                claims.heartbeat();
            } catch (RuntimeException e) {
                LOG.warn("heartbeat of instance {} missed: {}", claims.instance(), OneLine.of(e.getMessage(), 300));
            }
        }, every, every, TimeUnit.MILLISECONDS);
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    context.getExecutorServiceManager().shutdownNow(timer);
                    claims.leave();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not register the instance's sign-off", e);
        }
    }

    private static StateDatabase openDatabase(Settings settings) {
        String url = settings.optional("ideogram.state.jdbc.url").orElseThrow(() -> new IllegalArgumentException(
                "ideogram.state.store=jdbc needs ideogram.state.jdbc.url, e.g. jdbc:postgresql://db-host:5432/ideogram"));
        String user = settings.text("ideogram.state.jdbc.user", "ideogram");
        String password = settings.optional("ideogram.state.jdbc.password")
                .or(() -> Optional.ofNullable(System.getenv(PASSWORD_ENVIRONMENT_VARIABLE))).orElse(null);
        int poolSize = settings.integer("ideogram.state.jdbc.pool-size", 10, 2, 200);
        return StateDatabase.open(url, user, password, poolSize);
    }

    private static void addCloser(CamelContext context, StateDatabase database) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    database.close();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not register the state database's shutdown", e);
        }
    }

    InstanceId instanceId() {
        return instanceId;
    }

    /** The database with {@code jdbc}; empty with {@code folder}. */
    Optional<StateDatabase> database() {
        return Optional.ofNullable(database);
    }

    boolean isShared() {
        return database != null;
    }

    JobClaims claims() {
        return claims;
    }

    /** The job journal: {@code <ideogram.state>/journal} with folder, the ideogram_journal table with jdbc. */
    JobJournal journal(Path stateFolder) {
        return database == null ? new FolderJournal(stateFolder.resolve("journal")) : new JdbcJournal(
                database.dataSource());
    }

    /** Where the journal is, for the start-up log. */
    String describeJournal(Path stateFolder) {
        return database == null ? stateFolder.resolve("journal").toString() : "the state database (ideogram_journal)";
    }

    // --- the budget, the job board and the cluster's provider slots (issue 13, points 1 and 5) ---

    /** Each UTC day's spend: a file per day under {@code {ideogram.state}/budget}, or one row per day shared by all. */
    SpendLedger spendLedger(Settings settings) {
        return database().<SpendLedger>map(db -> new JdbcDailySpend(db.dataSource()))
                .orElseGet(() -> new DailySpendStore(settings.folder("ideogram.state", "state").resolve("budget")));
    }

    /**
     * The board behind {@code GET /jobs/{id}}: in memory (the last {@code capacity} jobs), or in the database, where
     * every instance answers for every job and finished jobs are kept for {@code ideogram.dedupe.window}.
     */
    JobBoard jobBoard(Settings settings, int capacity) {
        return database().<JobBoard>map(db -> new JdbcJobBoard(db.dataSource(), instanceId,
                settings.duration("ideogram.dedupe.window", Duration.ofDays(7)), Clock.systemUTC()))
                .orElseGet(() -> new MemoryJobBoard(capacity, Clock.systemUTC()));
    }

    /**
     * {@code ideogram.providers.<name>.cluster-max-in-flight}: slots of a provider account leased in the database, so
     * all instances together never run more predictions there. Ignored (with a warning) on {@code folder}, where
     * {@code max-in-flight} is the whole limit.
     */
    ClusterSlots providerSlots(Settings settings) {
        Map<String, Integer> caps = new LinkedHashMap<>();
        for (String provider : Providers.names()) {
            String key = "ideogram.providers." + provider + ".cluster-max-in-flight";
            if (settings.optional(key).isPresent() && !"offline".equals(provider)) {
                caps.put(provider, settings.integer(key, 1, 1, 1000));
            }
        }
        if (caps.isEmpty()) {
            return ClusterSlots.NONE;
        }
        if (database == null) {
            LOG.warn("cluster-max-in-flight {} is ignored: ideogram.state.store=folder runs one instance, whose"
                    + " ideogram.providers.<name>.max-in-flight is the limit; set ideogram.state.store=jdbc to share"
                    + " slots between instances", caps);
            return ClusterSlots.NONE;
        }
        Duration lease = settings.duration("ideogram.state.lease", Duration.ofSeconds(30));
        JdbcProviderSlots slots = new JdbcProviderSlots(database.dataSource(), instanceId, caps, lease);
        int leftovers = slots.releaseLeftovers();
        LOG.info("Predictions in flight at most, all instances together: {} (slots of an instance silent for {} are"
                + " free again{})", caps, lease, leftovers == 0 ? "" : "; " + leftovers + " slot(s) of this instance's"
                + " earlier run given back");
        return slots;
    }
}

