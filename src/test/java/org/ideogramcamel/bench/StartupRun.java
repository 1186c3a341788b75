package org.ideogramcamel.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The ready time alone ({@code bench.starts=N}): the README's first command, {@code java @config/jvm.options -jar
 * target/ideogram-camel.jar}, started N times, each in a fresh home (the offline provider, no key, empty folders,
 * any free management port), from launch to Camel's "started" line, then stopped. A throughput run's own ready
 * figure is taken right after the previous run removed its gigabytes of images and beside the stub's JVM; this one
 * pauses before each start ({@code bench.start-pause}, default 2 s) so it measures the app's start, not the
 * machine's aftermath. Prints every start and the median; appends a row to {@code bench.startup-results} (default
 * {@code target/bench/startup.md}). {@code bench.java} (a comma list) and the JVM option keys apply as in
 * {@link Benchmark}.
 */
final class StartupRun {

    static final String HEADER = "| when (UTC) | JVM | starts | ready median ms | min–max ms | class-data archive |\n"
            + "|---|---|---|---|---|---|\n";

    private StartupRun() {
    }

    static boolean requested() {
        return System.getProperty("bench.starts") != null;
    }

    static void runAll() throws Exception {
        int starts = Integer.parseInt(System.getProperty("bench.starts").trim());
        if (starts < 1) {
            throw new IllegalArgumentException("bench.starts=" + starts + ": give the number of starts, 1 or more");
        }
        long pauseMillis = Benchmark.duration(System.getProperty("bench.start-pause", "2s")).toMillis();
        Path results = Path.of(System.getProperty("bench.startup-results", "target/bench/startup.md"));
        String defaultJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String java : Benchmark.list("bench.java", defaultJava)) {
            List<Long> readies = new ArrayList<>();
            boolean archived = false;
            for (int i = 1; i <= starts; i++) {
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
                Path work = Files.createDirectories(Path.of("target", "bench",
                        "startup-" + System.currentTimeMillis() + "-" + i));
                boolean linked = BenchHome.prepare(work);
                try (AppProcess app = new AppProcess(work, java, BenchHome.jvmOptions(work),
                        List.of("ideogram.management.port=0"), BenchHome.launch())) {
                    long ready = app.awaitReady(60);
                    readies.add(ready);
                    // the JVM maps the archive only for the jar and JDK it was made with (not a classpath launch)
                    archived = linked && !app.archiveRefused();
                    System.out.printf("start %d of %d: ready in %d ms%n", i, starts, ready);
                }
            }
            Summary summary = Summary.of(readies);
            String extra = System.getProperty("bench.jvm-options", "").trim();
            String jvm = "JDK " + Benchmark.javaVersion(java) + (extra.isEmpty() ? "" : " " + extra)
                    + ("none".equals(System.getProperty("bench.jvm-options-file")) ? ", without jvm.options" : "");
            System.out.printf("ready (%s, %d starts): median %d ms, %d–%d ms%n", jvm, starts, summary.median(),
                    summary.min(), summary.max());
            Benchmark.appendRow(results, HEADER, "| " + Instant.now().toString().substring(0, 16) + " | " + jvm + " | "
                    + starts + " | **" + summary.median() + "** | " + summary.min() + "–" + summary.max() + " | "
                    + (archived ? "yes" : "no") + " |");
            System.out.println("ready times " + readies.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + "; appended to " + results.toAbsolutePath());
        }
    }

    /** The median (the lower of the two middle values for an even count), the fastest and the slowest start. */
    record Summary(long median, long min, long max) {

        static Summary of(List<Long> readies) {
            List<Long> sorted = readies.stream().sorted().toList();
            return new Summary(sorted.get((sorted.size() - 1) / 2), sorted.get(0), sorted.get(sorted.size() - 1));
        }
    }
}
