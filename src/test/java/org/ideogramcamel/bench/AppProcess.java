package org.ideogramcamel.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app as a user runs it ({@code java -jar target/ideogram-camel.jar} in a working directory holding
 * {@code routes/} and {@code config/}), with what the benchmark reads from the outside: the moment its log says
 * Camel started, and its own peak RSS, CPU time and heap from {@code /proc} and the GC log.
 */
final class AppProcess implements AutoCloseable {

    /** Camel Main's line once every route runs: "Apache Camel 4.18.0 (ideogram-camel) started in 185ms". */
    private static final Pattern STARTED = Pattern.compile("\\(ideogram-camel\\) started in");
    /** A G1/Serial/Parallel pause line of -Xlog:gc: "Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.1ms". */
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final long startedNanos;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile long readyNanos;
    private volatile boolean archiveRefused;
    private final Path gcLog;
    private final List<String> errors = new ArrayList<>();

    /**
     * @param launch what follows the options on the command line: {@code -jar <jar>}, or {@code -cp <classpath>
     *               <main class>} for a smoke run before the jar is built
     */
    AppProcess(Path workDir, String java, List<String> jvmOptions, List<String> properties, List<String> launch) {
        this(workDir, java, jvmOptions, properties, launch, "");
    }

    /**
     * @param logSuffix tells apart the logs of several instances in one home: {@code app<suffix>.log},
     *                  {@code gc<suffix>.log}
     */
    AppProcess(Path workDir, String java, List<String> jvmOptions, List<String> properties, List<String> launch,
            String logSuffix) {
        this.gcLog = workDir.toAbsolutePath().resolve("gc" + logSuffix + ".log");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-Xlog:gc:file=" + gcLog);
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        try {
            startedNanos = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path log = workDir.resolve("app" + logSuffix + ".log");
        Thread reader = new Thread(() -> copyLog(log), "app-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void copyLog(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (readyNanos == 0 && STARTED.matcher(line).find()) {
                    readyNanos = System.nanoTime();
                    ready.countDown();
                }
                if (line.contains("[warning][cds") || line.contains("[error  ][cds")) {
                    // the JVM could not use the class-data archive (another JDK's, or made for another jar)
                    archiveRefused = true;
                }
                if (line.contains(" ERROR ") && errors.size() < 5) {
                    errors.add(line);
                }
                out.println(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Milliseconds from starting the JVM to Camel's "started" line. */
    long awaitReady(long timeoutSeconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!ready.await(200, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                throw new IllegalStateException("the app did not start (" + (process.isAlive() ? "timed out"
                        : "exited with " + process.exitValue()) + "); see app.log");
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(readyNanos - startedNanos);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> errors() {
        return errors;
    }

    /** Peak resident set size (VmHWM) in MiB. */
    double peakRssMiB() {
        return statusKiB("VmHWM") / 1024.0;
    }

    int threads() {
        return (int) statusKiB("Threads");
    }

    private long statusKiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** User + system CPU time of the process so far, in milliseconds. */
    long cpuMillis() {
        return ProcStats.cpuMillis(pid());
    }

    /** System (kernel) CPU time of the process so far, in milliseconds. */
    long systemCpuMillis() {
        return ProcStats.systemCpuMillis(pid());
    }

    /**
     * CPU time (user + system, ms) of each live thread so far, by group: {@code jit} (C1/C2 compiler threads),
     * {@code gc} (G1's and the other collectors' own threads), {@code app} (every other thread: Camel's pools, the
     * file consumer, HTTP, logging). A thread that ended is no longer listed: the process total minus these groups
     * is what ended threads used.
     */
    java.util.Map<String, Long> cpuMillisByThreadGroup() {
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid()), "task");
        try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    groups.merge(threadGroup(name), ProcStats.cpuMillisOf(stat), Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return java.util.Map.of();
        }
        return groups;
    }

    /** The group of a thread by its (15-character) Linux name: JIT compilers, garbage collector, or the app. */
    static String threadGroup(String name) {
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
            return "gc";
        }
        return "app";
    }

    /** Whether the JVM said it could not use the class-data archive config/jvm.options names. */
    boolean archiveRefused() {
        return archiveRefused;
    }

    /** The largest heap occupancy the GC log shows (before a collection), in MiB; 0 if no collection ran. */
    long peakHeapMiB() {
        long peak = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return peak;
    }

    /** Heap in use now, in MiB, from {@code jcmd GC.heap_info} (-1 if jcmd is not there). */
    long heapUsedNowMiB(String java) {
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** What the heap holds after a full GC ({@code jcmd GC.class_histogram}), for finding what grows. */
    void classHistogram(String java, Path target) {
        try {
            new ProcessBuilder(Path.of(java).resolveSibling("jcmd").toString(), Long.toString(pid()),
                    "GC.class_histogram").redirectErrorStream(true).redirectOutput(target.toFile()).start()
                    .waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
