package org.ideogramcamel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.ideogramcamel.support.FreePorts;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.TestPostgres;

/**
 * App instances as separate JVMs, started the way the README's "Running several instances" starts them:
 * {@code java @config/jvm.options -D... -jar target/ideogram-camel.jar} in one home folder holding {@code config/}
 * and {@code routes/}, each with its own {@code ideogram.instance-id}, state folder and management port (the same
 * in each of its runs), all on one state database. A test names the instances, starts, kills (SIGKILL: no shutdown
 * hook runs, nothing finishes) and restarts them; each run's output goes to {@code <home>/app-<instance>-<run>.log}.
 * Closing stops every instance still running (SIGTERM, then SIGKILL after a grace period).
 */
final class ClusterApps implements AutoCloseable {

    static final Path JAR = Path.of("target/ideogram-camel.jar").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("target/ideogram-camel.jsa").toAbsolutePath();
    /** Camel Main's line once every route runs: "Apache Camel 4.18.0 (ideogram-camel) started in 1s85ms". */
    private static final String STARTED = "(ideogram-camel) started in";

    private final Path home;
    private final List<String> shared;
    private final Map<String, Process> apps = new LinkedHashMap<>();
    private final Map<String, Integer> runs = new TreeMap<>();
    /** One management port per instance, kept across its restarts (a test asks it at the same address). */
    private final Map<String, Integer> managementPorts = new TreeMap<>();

    /**
     * @param home     the working directory of every instance; {@code config/} and {@code routes/} are copied into
     *                 it from the project, whatever it held before is deleted
     * @param database the JDBC URL of the one state database (user {@value TestPostgres#USER})
     * @param shared   further system properties every instance gets ({@code key=value}, without {@code -D})
     */
    ClusterApps(Path home, String database, List<String> shared) {
        this.home = home;
        TestFolders.delete(home);
        TestFolders.copy(Path.of("config"), home.resolve("config"));
        TestFolders.copy(Path.of("routes"), home.resolve("routes"));
        List<String> all = new ArrayList<>(List.of("ideogram.state.store=jdbc", "ideogram.state.jdbc.url=" + database,
                "ideogram.state.jdbc.user=" + TestPostgres.USER));
        all.addAll(shared);
        this.shared = List.copyOf(all);
    }

    Path home() {
        return home;
    }

    /** Starts (or starts again) an instance under its id, with the shared properties and these of its own. */
    void start(String instance, String... own) {
        if (isAlive(instance)) {
            throw new IllegalStateException("instance " + instance + " runs already");
        }
        int run = runs.merge(instance, 1, Integer::sum);
        List<String> command = new ArrayList<>(List.of(java(), "@config/jvm.options"));
        if (Files.isRegularFile(ARCHIVE)) {
            // what bin/ideogram-camel does: the class-data archive `mvn package` left beside the jar (jvm.options
            // names it relative to the project root, and the instances run in their home); one that does not fit
            // the JDK is ignored with a warning
            command.add("-XX:SharedArchiveFile=" + ARCHIVE);
        }
        shared.forEach(p -> command.add("-D" + p));
        command.add("-Dideogram.instance-id=" + instance);
        command.add("-Dideogram.state=state-" + instance);
        int managementPort = managementPorts.computeIfAbsent(instance, i -> FreePorts.freePort());
        command.add("-Dideogram.management.port=" + managementPort);
        for (String p : own) {
            command.add("-D" + p);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Process app = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log(instance, run).toFile()).start();
            app.getOutputStream().close();
            apps.put(instance, app);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start instance " + instance, e);
        }
    }

    /** The JDK that made the class-data archive ({@code -Dcds.java}, as failsafe passes it), else this one. */
    private static String java() {
        String cds = System.getProperty("cds.java", "");
        return !cds.isBlank() && Files.isExecutable(Path.of(cds)) ? cds
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Until the instance's current run says Camel started (every route runs); fails at once if it exited. */
    void awaitStarted(String instance, Duration atMost) throws InterruptedException {
        Path log = log(instance);
        waitUntil(atMost, () -> {
            Process app = apps.get(instance);
            if (!app.isAlive()) {
                throw new AssertionError("instance " + instance + " exited with " + app.exitValue() + "; see " + log);
            }
            return read(log).contains(STARTED);
        }, () -> "instance " + instance + " did not start within " + atMost.toSeconds() + " s; see " + log);
    }

    /** SIGKILL, as {@code kill -9} or a machine gone: returns once the process is gone. */
    void kill(String instance) throws InterruptedException {
        Process app = apps.get(instance);
        app.destroyForcibly();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("instance " + instance + " did not die from SIGKILL");
        }
    }

    /** Where the instance answers {@code /observe/...} (the same port in every run). */
    int managementPort(String instance) {
        return managementPorts.get(instance);
    }

    /** How many times the instance was started. */
    int runs(String instance) {
        return runs.getOrDefault(instance, 0);
    }

    boolean isAlive(String instance) {
        Process app = apps.get(instance);
        return app != null && app.isAlive();
    }

    /** The log of the instance's current (last) run. */
    Path log(String instance) {
        return log(instance, runs.getOrDefault(instance, 1));
    }

    Path log(String instance, int run) {
        return home.resolve("app-" + instance + "-" + run + ".log");
    }

    /** Stops every instance still running: SIGTERM (a graceful stop), SIGKILL after 40 s. */
    @Override
    public void close() throws InterruptedException {
        apps.values().forEach(Process::destroy);
        for (Process app : apps.values()) {
            if (!app.waitFor(40, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Visible files of a folder (hidden temporaries and Camel's lock markers left out); none if it is missing. */
    static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.endsWith(".camelLock")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file anywhere under a folder, relative to it; none if it is missing. */
    static List<String> filesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls the condition every 200 ms until it holds; fails with the message after {@code atMost}. */
    static void waitUntil(Duration atMost, BooleanSupplier condition, Supplier<String> why)
            throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(why.get());
            }
            Thread.sleep(200);
        }
    }
}
