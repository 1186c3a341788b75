package org.ideogramcamel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ideogramcamel.support.TestFolders;

/**
 * End-to-end throughput benchmark: the real app ({@code java -jar target/ideogram-camel.jar}, its own JVM, in a
 * fresh working directory with copies of {@code routes/} and {@code config/}) against a {@link LoopbackProvider}
 * with latency L; N prompt files are dropped into the inbox at once and the clock stops when the last one reaches
 * {@code done/} (all its images stored) or a dead-letter channel.
 *
 * <p>Run it with {@code mvn -B -ntp -Pbench verify -Dbench.provider=replicate -Dbench.n=1000 -Dbench.c=50
 * -Dbench.latency=1.2s}. Every {@code bench.*} key takes a comma-separated list and the benchmark runs every
 * combination. Keys: {@code bench.provider} (replicate, wavespeed), {@code bench.n}, {@code bench.c} (the app's
 * {@code ideogram.providers.<name>.max-in-flight}), {@code bench.latency}, {@code bench.java} (java executables;
 * on 21+ virtual threads are switched on unless {@code bench.virtual-threads=false}), {@code bench.image-bytes}
 * (2000000), {@code bench.prefer-wait} (Replicate's wait window in s, default the app's 60),
 * {@code bench.in-flight-limit} (the stub answers 429 beyond it; 0 = never), {@code bench.app-options}
 * (extra {@code key=value} app properties, space-separated), {@code bench.jvm-options} (added after the run's
 * {@code config/jvm.options}, which the app is started with as the README says; {@code bench.jvm-options-file=none}
 * leaves it out; the class-data archive it names is made by {@code mvn package} for {@code -Dcds.java}, Maven's
 * own JDK by default, so a {@code bench.java} run of another JDK passes {@code -Dcds.java} with the same java or runs
 * without it, as its row then says), {@code bench.results}
 * (markdown table the rows are appended to, default {@code target/bench/results.md}), {@code bench.repeat} (runs of
 * each configuration, then their medians) and {@code bench.official=true} (each app run followed by the same batch
 * run by the official Replicate client on Node; see {@link SideBySide}).
 */
public final class Benchmark {

    private static final Pattern JAVA_VERSION = Pattern.compile("version \"(\\d+)");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (ClusterRun.requested()) { // bench.instances, bench.state, bench.kill: several instances (BENCHMARKS.md)
            ClusterRun.runAll();
            return;
        }
        if (StartupRun.requested()) { // bench.starts: the ready time alone, as the README starts the app
            StartupRun.runAll();
            return;
        }
        List<String> providers = list("bench.provider", "replicate");
        List<String> ns = list("bench.n", "100");
        List<String> cs = list("bench.c", "16");
        List<String> latencies = list("bench.latency", "1.2s");
        List<String> javas = list("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path results = Path.of(System.getProperty("bench.results", "target/bench/results.md"));
        int failures = 0;
        for (String java : javas) {
            for (String provider : providers) {
                for (String latency : latencies) {
                    for (String c : cs) {
                        for (String n : ns) {
                            Run run = new Run(provider, Integer.parseInt(n), Integer.parseInt(c),
                                    duration(latency), java);
                            if (SideBySide.requested()) { // bench.repeat, bench.official: medians, the official client
                                failures += SideBySide.run(run, results);
                                continue;
                            }
                            Result result = run.execute();
                            System.out.println(result.describe());
                            append(results, result);
                            failures += result.failed > 0 || result.timedOut ? 1 : 0;
                        }
                    }
                }
            }
        }
        System.out.println("results appended to " + results.toAbsolutePath());
        if (failures > 0) {
            throw new IllegalStateException(failures + " run(s) dead-lettered jobs or timed out; see the output above");
        }
    }

    /** 1.2s, 500ms, or plain milliseconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
        }
        return Duration.ofMillis(Long.parseLong(t));
    }

    static List<String> list(String key, String fallback) {
        String value = System.getProperty(key);
        return Arrays.stream((value == null || value.isBlank() ? fallback : value).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** One configuration: provider, N jobs, C in flight, latency L, one JVM. */
    public static final class Run {
        final String provider;
        final int n;
        final int c;
        final Duration latency;
        final String java;
        final int javaVersion;
        final boolean virtualThreads;

        public Run(String provider, int n, int c, Duration latency, String java) {
            this.provider = provider;
            this.n = n;
            this.c = c;
            this.latency = latency;
            this.java = java;
            this.javaVersion = javaVersion(java);
            this.virtualThreads = javaVersion >= 21 && !"false".equals(System.getProperty("bench.virtual-threads"));
        }

        public Result execute() throws Exception {
            int imageBytes = Integer.parseInt(System.getProperty("bench.image-bytes", "2000000"));
            int limit = Integer.parseInt(System.getProperty("bench.in-flight-limit", "0"));
            Path work = Files.createDirectories(Path.of("target", "bench",
                    provider + "-n" + n + "-c" + c + "-l" + latency.toMillis() + "-jdk" + javaVersion + "-"
                            + System.currentTimeMillis()));
            boolean archived = BenchHome.prepare(work);
            Result result = new Result(this);
            result.loadBefore = loadAverage();
            try (LoopbackProvider stub = new LoopbackProvider(latency, imageBytes, limit, 1)) {
                result.imageBytes = stub.imageBytes();
                List<String> properties = new ArrayList<>(List.of(
                        "ideogram.provider=" + provider,
                        "ideogram.max-in-flight=" + c,
                        "ideogram.providers." + provider + ".max-in-flight=" + c,
                        "ideogram.providers.replicate.base-url=" + stub.replicateBaseUrl(),
                        "ideogram.providers.replicate.api-token=r8_benchmark",
                        "ideogram.providers.wavespeed.base-url=" + stub.wavespeedBaseUrl(),
                        "ideogram.providers.wavespeed.api-key=ws_benchmark",
                        // any free management port: 9876 may be taken, and a port in use stops the app
                        "ideogram.management.port=0"));
                String preferWait = System.getProperty("bench.prefer-wait");
                if (preferWait != null) {
                    properties.add("ideogram.providers.replicate.prefer-wait=" + preferWait);
                }
                list("bench.app-options", "").forEach(o -> properties.addAll(List.of(o.split("\\s+"))));
                if (javaVersion >= 21) {
                    // the app turns them on by itself on 21+; bench.virtual-threads=false measures platform threads
                    properties.add("camel.threads.virtual.enabled=" + virtualThreads);
                }
                List<String> jvmOptions = BenchHome.jvmOptions(work);
                Path inbox = Files.createDirectories(work.resolve("inbox"));
                Path staging = Files.createDirectories(work.resolve("staging"));
                for (int i = 1; i <= n; i++) {
                    Files.writeString(staging.resolve("bench-" + i + ".txt"),
                            "Benchmark prompt " + i + ": a lighthouse on a cliff at dusk, watercolour");
                }
                try (AppProcess app = new AppProcess(work, java, jvmOptions, properties, BenchHome.launch())) {
                    result.readyMillis = app.awaitReady(60);
                    long cpuAtReady = app.cpuMillis();
                    long systemCpuAtReady = app.systemCpuMillis();
                    java.util.Map<String, Long> threadsAtReady = app.cpuMillisByThreadGroup();
                    long start = System.nanoTime();
                    try (Stream<Path> files = Files.list(staging)) {
                        for (Path file : (Iterable<Path>) files::iterator) {
                            Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                    long deadline = start + timeoutNanos();
                    Path done = work.resolve("done");
                    while (true) {
                        TimeUnit.MILLISECONDS.sleep(100);
                        result.peakThreads = Math.max(result.peakThreads, app.threads());
                        result.done = count(done, "");
                        result.failed = count(work.resolve("failed/client-errors"), ".error.json")
                                + count(work.resolve("failed/server-errors"), ".error.json");
                        if (result.done + result.failed >= n) {
                            break;
                        }
                        if (!app.isAlive() || System.nanoTime() > deadline) {
                            result.timedOut = true;
                            break;
                        }
                    }
                    long end = System.nanoTime();
                    result.wallMillis = TimeUnit.NANOSECONDS.toMillis(end - start);
                    // where the wall time went: before the provider saw work, while it did, after its last prediction
                    result.firstCreateMillis = TimeUnit.NANOSECONDS.toMillis(stub.firstCreateNanos() - start);
                    result.tailMillis = TimeUnit.NANOSECONDS.toMillis(end - stub.lastCreateNanos() - latency.toNanos());
                    result.cpuMillis = app.cpuMillis() - cpuAtReady;
                    result.systemCpuMillis = app.systemCpuMillis() - systemCpuAtReady;
                    app.cpuMillisByThreadGroup().forEach((group, millis) -> result.cpuByThreadGroup.put(group,
                            millis - threadsAtReady.getOrDefault(group, 0L)));
                    result.peakRssMiB = app.peakRssMiB();
                    result.heapNowMiB = app.heapUsedNowMiB(java);
                    result.peakHeapMiB = Math.max(app.peakHeapMiB(), result.heapNowMiB);
                    result.errors = app.errors();
                    result.classDataArchive = archived && !app.archiveRefused();
                    if ("true".equals(System.getProperty("bench.histogram"))) {
                        app.classHistogram(java, work.resolve("histogram.txt"));
                    }
                }
                result.stored = count(work.resolve("outbox"), ".png");
                result.creates = stub.creates.sum();
                result.polls = stub.polls.sum();
                result.cancels = stub.cancels.sum();
                result.tooMany = stub.tooManyRequests.sum();
                result.downloads = stub.downloads.sum();
                result.peakInFlight = stub.peakInFlight();
                result.handoffMillis = stub.meanHandoffMillis(c);
                result.noticeMeanMillis = stub.meanNoticeDelayMillis();
                result.noticeMaxMillis = stub.maxNoticeDelayMillis();
            }
            result.loadAfter = loadAverage();
            if (!"true".equals(System.getProperty("bench.keep"))) {
                TestFolders.delete(work.resolve("outbox"));
                TestFolders.delete(work.resolve("done"));
            }
            return result;
        }

        private long timeoutNanos() {
            long ideal = (long) Math.ceil((double) n / c) * latency.toNanos();
            // bench.timeout-factor: more room on a machine shared with other work (the run is still timed)
            long factor = Long.parseLong(System.getProperty("bench.timeout-factor", "4"));
            return Math.max(TimeUnit.SECONDS.toNanos(60), ideal * factor);
        }
    }

    /** What one run measured. */
    public static final class Result {
        final Run run;
        int imageBytes;
        long readyMillis;
        boolean classDataArchive;
        long wallMillis;
        long cpuMillis;
        /** the kernel's part of cpuMillis */
        long systemCpuMillis;
        /** CPU ms from ready to the end by thread group (jit, gc, app), of the threads alive at the end. */
        final java.util.Map<String, Long> cpuByThreadGroup = new java.util.TreeMap<>();
        double peakRssMiB;
        long peakHeapMiB;
        long heapNowMiB;
        int peakThreads;
        int done;
        int failed;
        int stored;
        boolean timedOut;
        long creates;
        long polls;
        long cancels;
        long tooMany;
        long downloads;
        int peakInFlight;
        long firstCreateMillis;
        double handoffMillis;
        long tailMillis;
        double noticeMeanMillis;
        double noticeMaxMillis;
        String loadBefore;
        String loadAfter;
        List<String> errors = List.of();

        Result(Run run) {
            this.run = run;
        }

        double idealSeconds() {
            return Math.ceil((double) run.n / run.c) * run.latency.toMillis() / 1000.0;
        }

        double ratio() {
            return wallMillis / 1000.0 / idealSeconds();
        }

        double requestsPerPrediction() {
            return (double) (creates + polls + cancels) / run.n;
        }

        /** The JVM, and whatever this run did differently from the defaults. */
        String jvm() {
            StringBuilder jvm = new StringBuilder("JDK " + run.javaVersion + (run.virtualThreads ? " VT" : ""));
            if ("none".equals(System.getProperty("bench.jvm-options-file"))) {
                jvm.append(" without jvm.options");
            } else if (!classDataArchive) {
                // not made (-Dcds.skip), or made by another JDK than this run's: build with -Dcds.java=<its java>
                jvm.append(" without the class-data archive");
            }
            String options = System.getProperty("bench.jvm-options", "");
            if (!options.isBlank()) {
                jvm.append(' ').append(options.trim());
            }
            if (imageBytes < 1_900_000 || imageBytes > 2_100_000) {
                jvm.append(String.format(Locale.ROOT, ", %.1f MB images", imageBytes / 1e6));
            }
            String appOptions = System.getProperty("bench.app-options", "");
            if (!appOptions.isBlank()) {
                jvm.append(", ").append(appOptions.trim());
            }
            for (String key : List.of("bench.prefer-wait", "bench.in-flight-limit")) {
                if (System.getProperty(key) != null) {
                    jvm.append(", ").append(key.substring(6)).append('=').append(System.getProperty(key));
                }
            }
            return jvm.toString();
        }

        String describe() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%n== %s, %s, N=%d, C=%d, L=%.1fs, image %.1f MB%n", run.provider, jvm(),
                    run.n, run.c, run.latency.toMillis() / 1000.0, imageBytes / 1e6));
            s.append(String.format(Locale.ROOT, "wall time          %.2f s   ideal ceil(N/C)*L %.2f s   ratio %.3f%s%n",
                    wallMillis / 1000.0, idealSeconds(), ratio(), timedOut ? "   TIMED OUT" : ""));
            s.append(String.format(Locale.ROOT,
                    "requests/prediction %.2f  (creates %d, polls %d, cancels %d; 429 answers %d; downloads %d)%n",
                    requestsPerPrediction(), creates, polls, cancels, tooMany, downloads));
            s.append(String.format(Locale.ROOT,
                    "completion noticed  mean %.0f ms (%.1f %% of L), max %.0f ms (%.1f %% of L)%n", noticeMeanMillis,
                    100 * noticeMeanMillis / run.latency.toMillis(), noticeMaxMillis,
                    100 * noticeMaxMillis / run.latency.toMillis()));
            long busyMillis = wallMillis - firstCreateMillis - tailMillis;
            s.append(String.format(Locale.ROOT,
                    "time went          %.2f s before the first create, %.2f s from it to the end of the last prediction"
                            + " (%.1f of C=%d in flight on average; a freed slot took %.0f ms to get its next create), %.2f s after%n",
                    firstCreateMillis / 1000.0, busyMillis / 1000.0,
                    (double) creates * run.latency.toMillis() / Math.max(1, busyMillis), run.c, handoffMillis,
                    tailMillis / 1000.0));
            s.append(String.format(Locale.ROOT, "images/s           %.1f   (done %d, dead-lettered %d, images stored %d)%n",
                    done / (wallMillis / 1000.0), done, failed, stored));
            s.append(String.format(Locale.ROOT,
                    "peak heap %d MiB (now %d MiB), peak RSS %.0f MiB, peak threads %d, peak in flight at the provider %d%n",
                    peakHeapMiB, heapNowMiB, peakRssMiB, peakThreads, peakInFlight));
            s.append(String.format(Locale.ROOT, "CPU                %.1f ms per image (%d ms), of which the kernel %.1f%n",
                    (double) cpuMillis / Math.max(1, done), cpuMillis, (double) systemCpuMillis / Math.max(1, done)));
            if (!cpuByThreadGroup.isEmpty()) {
                long listed = cpuByThreadGroup.values().stream().mapToLong(Long::longValue).sum();
                StringBuilder groups = new StringBuilder();
                cpuByThreadGroup.forEach((group, millis) -> groups.append(String.format(Locale.ROOT,
                        "%s %.1f, ", group, (double) millis / Math.max(1, done))));
                s.append(String.format(Locale.ROOT, "CPU by thread      %sthreads that ended %.1f (ms per image)%n",
                        groups, (double) (cpuMillis - listed) / Math.max(1, done)));
            }
            s.append(String.format(Locale.ROOT, "ready              %d ms from java -jar to Camel's \"started\"%n",
                    readyMillis));
            s.append("load average       ").append(loadBefore).append(" -> ").append(loadAfter).append('\n');
            errors.forEach(e -> s.append("app error: ").append(e).append('\n'));
            return s.toString();
        }

        String row() {
            return String.format(Locale.ROOT,
                    "| %s | %s | %s | %d | %d | %.1f | %.2f | %.1f | %.3f | %.2f | %d | %.0f (%.0f%%) | %.1f | %d | %.0f | %.1f | %d | %s | %s |",
                    Instant.now().toString().substring(0, 16), run.provider, jvm(), run.n, run.c,
                    run.latency.toMillis() / 1000.0, wallMillis / 1000.0, idealSeconds(), ratio(),
                    requestsPerPrediction(), tooMany, noticeMeanMillis, 100 * noticeMeanMillis / run.latency.toMillis(),
                    done / (wallMillis / 1000.0), peakHeapMiB, peakRssMiB, (double) cpuMillis / Math.max(1, done),
                    readyMillis, loadBefore.split(" ")[0] + "→" + loadAfter.split(" ")[0],
                    failed > 0 || timedOut ? (timedOut ? "TIMED OUT " : "") + failed + " dead-lettered" : "ok");
        }
    }

    private static final String HEADER = """
            | when (UTC) | provider | JVM | N | C | L s | wall s | ideal s | ratio | req/pred | 429 | noticed ms (% of L) \
            | img/s | peak heap MiB | peak RSS MiB | CPU ms/img | ready ms | load 1m before→after | outcome |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
            """;

    private static void append(Path results, Result result) throws IOException {
        appendRow(results, result.row());
    }

    /** Appends one row to the results table, starting the table if the file is new. */
    static void appendRow(Path results, String row) throws IOException {
        appendRow(results, HEADER, row);
    }

    /** Appends one row to a markdown table, writing {@code header} first when the file is new. */
    static void appendRow(Path results, String header, String row) throws IOException {
        Files.createDirectories(results.toAbsolutePath().getParent());
        if (!Files.exists(results)) {
            Files.writeString(results, header);
        }
        Files.writeString(results, row + "\n", StandardOpenOption.APPEND);
    }

    static int javaVersion(String java) {
        try {
            Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = JAVA_VERSION.matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + java, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static int count(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && name.endsWith(suffix)).count();
        }
    }
}
