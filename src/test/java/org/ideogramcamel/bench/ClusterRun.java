package org.ideogramcamel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.TestPostgres;

/**
 * The benchmark with several instances (issue 13): k app JVMs started as the README's "Running several instances"
 * starts them ({@code java @config/jvm.options -jar target/ideogram-camel.jar}, one shared home, so one inbox,
 * outbox, done and failed folder; each its own {@code ideogram.instance-id}, state folder and management port;
 * {@code ideogram.state.store=jdbc} on an embedded PostgreSQL), each with {@code max-in-flight} = {@code bench.c},
 * against one {@link LoopbackProvider}. N prompt files are dropped into the shared inbox at once; the clock stops
 * when every file is in {@code done/} or dead-lettered.
 *
 * <p>Keys (comma lists like the benchmark's others, every combination runs; the k=1 rows first, so that each row
 * with k &gt; 1 prints its throughput against the k=1 row of the same invocation): {@code bench.instances} (default
 * 1), {@code bench.state} ({@code folder}, {@code jdbc}; default {@code jdbc}; {@code folder} only with k=1),
 * {@code bench.kill} ({@code true}: SIGKILL instance b once 40 % of the files are done, restart it under the same id
 * after its lease lapsed and the others took its jobs over; k &ge; 2 only), {@code bench.lease} (the kill runs'
 * {@code ideogram.state.lease}, default {@code 5s}; the other runs keep the app's default unless it is given).
 * Rows go to {@code target/bench/cluster-results.md} ({@code bench.cluster-results}).
 */
final class ClusterRun {

    private static final double KILL_AT = 0.4;
    private static final String VICTIM = "b";

    private final String provider;
    private final int n;
    private final int c;
    private final Duration latency;
    private final int instances;
    private final String state;
    private final boolean kill;
    private final Benchmark.Run jvm;

    ClusterRun(String provider, int n, int c, Duration latency, int instances, String state, boolean kill,
            Benchmark.Run jvm) {
        this.provider = provider;
        this.n = n;
        this.c = c;
        this.latency = latency;
        this.instances = instances;
        this.state = state;
        this.kill = kill;
        this.jvm = jvm;
    }

    /** Whether the benchmark was asked for the several-instances mode. */
    static boolean requested() {
        return Stream.of("bench.instances", "bench.state", "bench.kill").anyMatch(k -> System.getProperty(k) != null);
    }

    /** Every combination of the keys; fails at the end if a run paid twice, lost an image, dead-lettered or timed out. */
    static void runAll() throws Exception {
        String java = Benchmark.list("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .get(0);
        Path results = Path.of(System.getProperty("bench.cluster-results", "target/bench/cluster-results.md"));
        List<Integer> ks = Benchmark.list("bench.instances", "1").stream().map(Integer::parseInt).sorted().toList();
        List<String> states = Benchmark.list("bench.state", "jdbc");
        List<Boolean> kills = Benchmark.list("bench.kill", "false").stream().map(Boolean::parseBoolean).toList();
        List<String> failed = new ArrayList<>();
        for (String provider : Benchmark.list("bench.provider", "replicate")) {
            for (String latency : Benchmark.list("bench.latency", "1.0s")) {
                for (String c : Benchmark.list("bench.c", "10")) {
                    for (String n : Benchmark.list("bench.n", "600")) {
                        List<ClusterResult> done = new ArrayList<>();
                        for (int k : ks) {
                            for (String state : states) {
                                for (boolean kill : kills) {
                                    if (k > 1 && !"jdbc".equals(state)) {
                                        System.out.println("skipped: " + k + " instances on the folder state"
                                                + " (several instances need bench.state=jdbc)");
                                        continue;
                                    }
                                    if (kill && k < 2) {
                                        continue; // killing the only instance tests a restart, not a takeover
                                    }
                                    Benchmark.Run run = new Benchmark.Run(provider, Integer.parseInt(n),
                                            Integer.parseInt(c), Benchmark.duration(latency), java);
                                    ClusterResult result = new ClusterRun(provider, run.n, run.c, run.latency, k,
                                            state, kill, run).execute();
                                    result.baseline = baseline(done, state);
                                    done.add(result);
                                    System.out.println(result.describe());
                                    append(results, result);
                                    if (!result.problems().isEmpty()) {
                                        failed.add(result.label() + ": " + String.join(", ", result.problems()));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println("results appended to " + results.toAbsolutePath());
        // now, not in the shutdown hook: under `mvn -Pbench` (exec:java) the class loader is closed by then and the
        // server's data folder would stay in /tmp
        TestPostgres.stopShared();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " run(s) did not come out exact: " + failed);
        }
    }

    /** The one-instance run (not killed) of the same state store, else of any store: what k instances are held to. */
    private static ClusterResult baseline(List<ClusterResult> done, String state) {
        ClusterResult any = null;
        for (ClusterResult r : done) {
            if (r.run.instances == 1 && !r.run.kill) {
                if (r.run.state.equals(state)) {
                    return r;
                }
                any = any == null ? r : any;
            }
        }
        return any;
    }

    ClusterResult execute() throws Exception {
        int imageBytes = Integer.parseInt(System.getProperty("bench.image-bytes", "2000000"));
        Duration lease = Benchmark.duration(System.getProperty("bench.lease", "5s"));
        boolean leaseGiven = kill || System.getProperty("bench.lease") != null;
        Path work = Files.createDirectories(Path.of("target", "bench", "cluster-" + provider + "-n" + n + "-c" + c
                + "-l" + latency.toMillis() + "-k" + instances + "-" + state + (kill ? "-kill" : "") + "-"
                + System.currentTimeMillis()));
        BenchHome.prepare(work);
        ClusterResult result = new ClusterResult(this, leaseGiven ? lease : null);
        result.loadBefore = Benchmark.loadAverage();
        String database = "jdbc".equals(state) ? TestPostgres.newDatabase() : null;
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path staging = Files.createDirectories(work.resolve("staging"));
        for (int i = 1; i <= n; i++) {
            Files.writeString(staging.resolve("bench-" + i + ".txt"),
                    "Benchmark prompt " + i + ": a lighthouse on a cliff at dusk, watercolour");
        }
        Map<String, AppProcess> apps = new LinkedHashMap<>();
        try (LoopbackProvider stub = new LoopbackProvider(latency, imageBytes, 0, 1)) {
            result.imageBytes = stub.imageBytes();
            for (int i = 0; i < instances; i++) {
                String id = String.valueOf((char) ('a' + i));
                apps.put(id, start(work, id, 1, stub, database, leaseGiven ? lease : null));
            }
            Map<String, Long> cpuAtReady = new LinkedHashMap<>();
            for (Map.Entry<String, AppProcess> app : apps.entrySet()) {
                result.readyMillis = Math.max(result.readyMillis, app.getValue().awaitReady(120));
            }
            apps.forEach((id, app) -> cpuAtReady.put(id, app.cpuMillis()));

            long start = System.nanoTime();
            try (Stream<Path> files = Files.list(staging)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            long ideal = (long) Math.ceil((double) n / (instances * c)) * latency.toNanos();
            long deadline = start + Math.max(TimeUnit.SECONDS.toNanos(120), ideal * 4)
                    + (kill ? lease.toNanos() * 8 : 0);
            Path done = work.resolve("done");
            Path failed = work.resolve("failed");
            long killedAt = 0;
            boolean restarted = false;
            while (true) {
                TimeUnit.MILLISECONDS.sleep(100);
                result.done = ClusterResult.count(done, ".txt");
                result.deadLetters = ClusterResult.countUnder(failed, ".error.json");
                if (result.done + result.deadLetters >= n) {
                    break;
                }
                if (kill && killedAt == 0 && result.done >= KILL_AT * n) {
                    AppProcess victim = apps.get(VICTIM);
                    result.cpuMillis.put(VICTIM, victim.cpuMillis() - cpuAtReady.get(VICTIM));
                    result.peakRssMiB.put(VICTIM, victim.peakRssMiB());
                    result.claimsAtKill = claimsOf(database, VICTIM);
                    ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
                    killedAt = System.nanoTime();
                    result.killedAtMillis = TimeUnit.NANOSECONDS.toMillis(killedAt - start);
                    result.doneAtKill = result.done;
                } else if (killedAt > 0 && !restarted) {
                    long since = System.nanoTime() - killedAt;
                    if (result.takeoverMillis < 0 && claimsOf(database, VICTIM) == 0) {
                        result.takeoverMillis = TimeUnit.NANOSECONDS.toMillis(since);
                    }
                    // back under the same id once its lease (and its files' 1.5 leases) lapsed and the others took
                    // its jobs over, or after four leases whatever happened
                    if (since > lease.toNanos() * 2 && (result.takeoverMillis >= 0 || since > lease.toNanos() * 4)) {
                        apps.get(VICTIM).close();
                        apps.put(VICTIM + "'", start(work, VICTIM, 2, stub, database, lease));
                        cpuAtReady.put(VICTIM + "'", 0L); // its whole life counts: the restart is part of the cost
                        restarted = true;
                        result.restartedAtMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    }
                }
                if (System.nanoTime() > deadline || apps.values().stream().noneMatch(AppProcess::isAlive)) {
                    result.timedOut = true;
                    break;
                }
            }
            long end = System.nanoTime();
            result.wallMillis = TimeUnit.NANOSECONDS.toMillis(end - start);
            result.firstCreateMillis = TimeUnit.NANOSECONDS.toMillis(stub.firstCreateNanos() - start);
            for (Map.Entry<String, AppProcess> app : apps.entrySet()) {
                if (app.getValue().isAlive()) {
                    result.cpuMillis.put(app.getKey(), app.getValue().cpuMillis() - cpuAtReady.get(app.getKey()));
                    result.peakRssMiB.put(app.getKey(), app.getValue().peakRssMiB());
                }
                app.getValue().errors().forEach(e -> result.errors.add(app.getKey() + ": " + e));
            }
            Thread.sleep(1000); // a create still on its way now would be a second payment: let the stub see it
            result.creates = stub.creates.sum();
            result.createsByPrompt = stub.createsByPrompt();
            result.createsByInstance = stub.createsByCredential();
            result.polls = stub.polls.sum();
            result.downloads = stub.downloads.sum();
            result.peakInFlight = stub.peakInFlight();
            result.handoffMillis = stub.meanHandoffMillis(instances * c);
        } finally {
            for (AppProcess app : apps.values()) {
                app.close();
            }
        }
        result.images(work.resolve("outbox"));
        result.firstDeadLetter = ClusterResult.firstDeadLetter(work.resolve("failed"));
        result.loadAfter = Benchmark.loadAverage();
        if (!"true".equals(System.getProperty("bench.keep"))) {
            TestFolders.delete(work.resolve("outbox"));
            TestFolders.delete(work.resolve("done"));
        }
        return result;
    }

    /** One instance as the README starts it, with the stub's URLs and a credential of its own (the stub counts by it). */
    private AppProcess start(Path work, String id, int life, LoopbackProvider stub, String database, Duration lease) {
        List<String> properties = new ArrayList<>(List.of(
                "ideogram.provider=" + provider,
                "ideogram.max-in-flight=" + c,
                "ideogram.providers." + provider + ".max-in-flight=" + c,
                "ideogram.providers.replicate.base-url=" + stub.replicateBaseUrl(),
                "ideogram.providers.replicate.api-token=r8_benchmark_" + id,
                "ideogram.providers.wavespeed.base-url=" + stub.wavespeedBaseUrl(),
                "ideogram.providers.wavespeed.api-key=ws_benchmark_" + id,
                "ideogram.instance-id=" + id,
                "ideogram.state=state-" + id,
                "ideogram.management.port=0"));
        if (database != null) {
            properties.addAll(List.of("ideogram.state.store=jdbc", "ideogram.state.jdbc.url=" + database,
                    "ideogram.state.jdbc.user=" + TestPostgres.USER));
            if (lease != null) {
                properties.add("ideogram.state.lease=" + lease.toMillis() + "ms");
            }
        }
        String preferWait = System.getProperty("bench.prefer-wait");
        if (preferWait != null) {
            properties.add("ideogram.providers.replicate.prefer-wait=" + preferWait);
        }
        Benchmark.list("bench.app-options", "").forEach(o -> properties.addAll(List.of(o.split("\\s+"))));
        if (jvm.virtualThreads) {
            properties.add("camel.threads.virtual.enabled=true");
        }
        return new AppProcess(work, jvm.java, BenchHome.jvmOptions(work), properties,
                List.of("-jar", Path.of("target", "ideogram-camel.jar").toAbsolutePath().toString()),
                "-" + id + (life > 1 ? "-" + life : ""));
    }

    /**
     * Jobs the instance holds a claim on in the state database (README: "Running several instances"): read here,
     * from the outside, only to time the takeover; -1 when it cannot be read.
     */
    private static int claimsOf(String database, String instance) {
        if (database == null) {
            return -1;
        }
        try (Connection db = DriverManager.getConnection(database, TestPostgres.USER, "");
                PreparedStatement q = db.prepareStatement("SELECT count(*) FROM ideogram_job_claim WHERE owner = ?")) {
            q.setString(1, instance);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    String provider() {
        return provider;
    }

    int n() {
        return n;
    }

    int c() {
        return c;
    }

    Duration latency() {
        return latency;
    }

    int instances() {
        return instances;
    }

    String state() {
        return state;
    }

    boolean kill() {
        return kill;
    }

    Benchmark.Run jvm() {
        return jvm;
    }

    private static void append(Path results, ClusterResult result) throws IOException {
        Benchmark.appendRow(results, ClusterResult.HEADER, result.row(Instant.now()));
    }
}
