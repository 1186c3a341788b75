package org.ideogramcamel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What one {@link ClusterRun} measured, as the console report and as a row of {@code cluster-results.md}. */
final class ClusterResult {

    static final String HEADER = """
            | when (UTC) | provider | JVM | instances | state | N | C each | L s | wall s | ideal s | img/s \
            | × 1 instance | creates | paid twice | images stored | dead letters | kill | CPU ms/img (all) \
            | peak RSS MiB each | load 1m before→after | outcome |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
            """;
    /** The first image of a prompt file bench-7.txt is bench-7-1.png; a second copy would be bench-7-1-2.png. */
    private static final Pattern FIRST_COPY = Pattern.compile("bench-\\d+-1\\.png");

    final ClusterRun run;
    /** The ideogram.state.lease the instances were given, or null for the app's default. */
    final Duration lease;
    /** The one-instance row this one is compared with (null for a one-instance row, or none ran). */
    ClusterResult baseline;
    int imageBytes;
    long readyMillis;
    long wallMillis;
    long firstCreateMillis;
    boolean timedOut;
    int done;
    int deadLetters;
    String firstDeadLetter = "";
    long creates;
    Map<String, Long> createsByPrompt = Map.of();
    Map<String, Long> createsByInstance = Map.of();
    long polls;
    long downloads;
    int peakInFlight;
    double handoffMillis;
    int images;
    int secondCopies;
    final Map<String, Long> cpuMillis = new LinkedHashMap<>();
    final Map<String, Double> peakRssMiB = new LinkedHashMap<>();
    long killedAtMillis = -1;
    int doneAtKill;
    int claimsAtKill = -1;
    long takeoverMillis = -1;
    long restartedAtMillis = -1;
    String loadBefore = "?";
    String loadAfter = "?";
    final List<String> errors = new ArrayList<>();

    ClusterResult(ClusterRun run, Duration lease) {
        this.run = run;
        this.lease = lease;
    }

    double idealSeconds() {
        return Math.ceil((double) run.n() / (run.instances() * run.c())) * run.latency().toMillis() / 1000.0;
    }

    double imagesPerSecond() {
        return done / (wallMillis / 1000.0);
    }

    /** Throughput against the one-instance row, NaN without one. */
    double speedUp() {
        return baseline == null || baseline == this ? Double.NaN
                : imagesPerSecond() / baseline.imagesPerSecond();
    }

    /** Prompts the provider was asked to create more than once: each extra create is a second payment. */
    long paidTwice() {
        return createsByPrompt.values().stream().mapToLong(count -> count - 1).filter(extra -> extra > 0).sum();
    }

    long cpuTotalMillis() {
        return cpuMillis.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What is not exact: every file created once, stored once, nothing dead-lettered, in time. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (timedOut) {
            problems.add("timed out with " + done + " of " + run.n() + " done");
        }
        if (creates != run.n()) {
            problems.add(creates + " creates for " + run.n() + " prompts");
        }
        if (paidTwice() > 0) {
            problems.add(paidTwice() + " paid twice");
        }
        if (images != run.n() || secondCopies > 0) {
            problems.add(images + " images stored, " + secondCopies + " second copies");
        }
        if (deadLetters > 0) {
            problems.add(deadLetters + " dead letters");
        }
        return problems;
    }

    String label() {
        return run.instances() + " instance" + (run.instances() > 1 ? "s" : "") + ", " + run.state() + " state"
                + (run.kill() ? ", " + "instance b killed" : "")
                + (lease != null ? ", lease " + lease.toMillis() / 1000.0 + " s" : "");
    }

    String jvm() {
        StringBuilder s = new StringBuilder("JDK " + run.jvm().javaVersion + (run.jvm().virtualThreads ? " VT" : ""));
        for (String key : List.of("bench.prefer-wait", "bench.jvm-options", "bench.app-options")) {
            String value = System.getProperty(key);
            if (value != null && !value.isBlank()) {
                s.append(", ").append(key.substring(6)).append('=').append(value.trim());
            }
        }
        if (imageBytes < 1_900_000 || imageBytes > 2_100_000) {
            s.append(String.format(Locale.ROOT, ", %.1f MB images", imageBytes / 1e6));
        }
        return s.toString();
    }

    String describe() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n== %s, %s, %s, N=%d, C=%d per instance, L=%.1fs, image %.1f MB%n",
                run.provider(), jvm(), label(), run.n(), run.c(), run.latency().toMillis() / 1000.0, imageBytes / 1e6));
        s.append(String.format(Locale.ROOT, "wall time          %.2f s   ideal ceil(N/(k*C))*L %.2f s   ratio %.3f%s%n",
                wallMillis / 1000.0, idealSeconds(), wallMillis / 1000.0 / idealSeconds(),
                timedOut ? "   TIMED OUT" : ""));
        s.append(String.format(Locale.ROOT, "images/s           %.1f", imagesPerSecond()));
        if (!Double.isNaN(speedUp())) {
            s.append(String.format(Locale.ROOT, "   = %.2f x the one-instance run (%s: %.1f images/s)", speedUp(),
                    baseline.label(), baseline.imagesPerSecond()));
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT,
                "creates            %d for %d prompts (paid twice: %d); by instance %s; polls %d, downloads %d%n",
                creates, run.n(), paidTwice(), createsByInstance, polls, downloads));
        s.append(String.format(Locale.ROOT,
                "outcome            %d in done, %d images stored (second copies %d), %d dead letters%s%n", done,
                images, secondCopies, deadLetters, firstDeadLetter.isEmpty() ? "" : " (first: " + firstDeadLetter + ")"));
        if (run.kill()) {
            s.append(String.format(Locale.ROOT,
                    "kill               b killed (SIGKILL) at %.2f s with %d of %d done, holding %d job claims; the others"
                            + " held none of them any more %s after the kill; b %s%n",
                    killedAtMillis / 1000.0, doneAtKill, run.n(), claimsAtKill, seconds(takeoverMillis),
                    restartedAtMillis < 0 ? "not restarted (the others finished first)"
                            : String.format(Locale.ROOT, "restarted under its id at %.2f s", restartedAtMillis / 1000.0)));
        }
        s.append(String.format(Locale.ROOT,
                "time went          %.2f s before the first create; peak in flight at the provider %d of %d;"
                        + " a freed slot took %.0f ms to get its next create%n",
                firstCreateMillis / 1000.0, peakInFlight, run.instances() * run.c(), handoffMillis));
        s.append(String.format(Locale.ROOT, "CPU                %.1f ms per image, all instances (%s ms)%n",
                (double) cpuTotalMillis() / Math.max(1, done), cpuMillis));
        s.append("peak RSS MiB       ").append(rss()).append('\n');
        s.append(String.format(Locale.ROOT, "ready              %d ms (the slowest instance)%n", readyMillis));
        s.append("load average       ").append(loadBefore).append(" -> ").append(loadAfter).append('\n');
        errors.stream().limit(10).forEach(e -> s.append("app error: ").append(e).append('\n'));
        List<String> problems = problems();
        s.append(problems.isEmpty() ? "exact: every prompt created once, every image stored once, no dead letter\n"
                : "NOT EXACT: " + String.join(", ", problems) + "\n");
        return s.toString();
    }

    String row(Instant when) {
        String killed = !run.kill() ? "—" : String.format(Locale.ROOT,
                "b SIGKILLed at %.1f s (%d done, %d claims), taken over in %s, %s", killedAtMillis / 1000.0, doneAtKill,
                claimsAtKill, seconds(takeoverMillis), restartedAtMillis < 0 ? "not restarted (done before)"
                        : String.format(Locale.ROOT, "back at %.1f s", restartedAtMillis / 1000.0));
        return String.format(Locale.ROOT,
                "| %s | %s | %s | %d | %s | %d | %d | %.1f | %.2f | %.1f | %.1f | %s | %d | %d | %d (%d second copies) | %d"
                        + " | %s | %.1f | %s | %s | %s |",
                when.toString().substring(0, 16), run.provider(), jvm(), run.instances(),
                run.state() + (lease != null ? ", lease " + lease.toMillis() / 1000.0 + " s" : ""), run.n(), run.c(),
                run.latency().toMillis() / 1000.0, wallMillis / 1000.0, idealSeconds(), imagesPerSecond(),
                Double.isNaN(speedUp()) ? "—" : String.format(Locale.ROOT, "%.2f", speedUp()), creates, paidTwice(),
                images, secondCopies, deadLetters, killed, (double) cpuTotalMillis() / Math.max(1, done), rss(),
                loadBefore.split(" ")[0] + "→" + loadAfter.split(" ")[0],
                problems().isEmpty() ? "exact" : String.join(", ", problems()));
    }

    private static String seconds(long millis) {
        return millis < 0 ? "(never seen)" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private String rss() {
        return peakRssMiB.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.0f", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Images in the outbox, and how many of them are a second copy of a prompt's image. */
    void images(Path outbox) {
        List<String> pngs = names(outbox).stream().filter(name -> name.endsWith(".png")).toList();
        images = pngs.size();
        secondCopies = (int) pngs.stream().filter(name -> !FIRST_COPY.matcher(name).matches()).count();
    }

    static int count(Path folder, String suffix) {
        return (int) names(folder).stream().filter(name -> name.endsWith(suffix)).count();
    }

    static int countUnder(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return (int) walk.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a file moved while we walked: the next look counts it
        }
    }

    /** The first dead-letter record's text, shortened: why the app gave up on a job. */
    static String firstDeadLetter(Path failed) {
        if (!Files.isDirectory(failed)) {
            return "";
        }
        try (Stream<Path> walk = Files.walk(failed)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".error.json")).sorted().findFirst()
                    .map(p -> {
                        try {
                            String text = Files.readString(p).replaceAll("\\s+", " ");
                            return failed.relativize(p) + " " + text.substring(0, Math.min(240, text.length()));
                        } catch (IOException e) {
                            return p.toString();
                        }
                    }).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
