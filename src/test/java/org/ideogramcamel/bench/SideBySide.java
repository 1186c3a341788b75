package org.ideogramcamel.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Repeated and side-by-side runs of one configuration in one invocation: {@code -Dbench.repeat=R} runs it R times,
 * {@code -Dbench.official=true} alternates each app run with a run of the same batch by the official Replicate client
 * (app, official, app, official, …, so both see the same drift of a shared machine), and a summary gives the medians:
 * ratio, peak RSS, requests per prediction and CPU per image, for both. Every run's row and the median rows go to the
 * results table.
 */
final class SideBySide {

    private SideBySide() {
    }

    /** Whether the benchmark's main loop hands each configuration to {@link #run}. */
    static boolean requested() {
        return official() || repeat() > 1;
    }

    private static boolean official() {
        return "true".equals(System.getProperty("bench.official"));
    }

    private static int repeat() {
        return Integer.parseInt(System.getProperty("bench.repeat", "1").trim());
    }

    private static OfficialClient client;
    private static boolean installTried;

    /** Runs one configuration R times (each app run followed by the official client's); returns the failed runs. */
    static int run(Benchmark.Run run, Path results) throws Exception {
        OfficialClient official = null;
        if (official()) {
            if (!"replicate".equals(run.provider)) {
                System.out.println("official client skipped for " + run.provider
                        + ": the official client compared here is Replicate's (bench.provider=replicate)");
            } else {
                official = installedClient();
            }
        }
        int failures = 0;
        List<Figures> app = new ArrayList<>();
        List<Figures> other = new ArrayList<>();
        String appLabel = null;
        String officialLabel = null;
        for (int i = 1; i <= repeat(); i++) {
            Benchmark.Result result = run.execute();
            System.out.println(result.describe());
            Benchmark.appendRow(results, result.row());
            appLabel = result.jvm();
            app.add(new Figures(result.wallMillis, result.ratio(), result.peakRssMiB, result.requestsPerPrediction(),
                    (double) result.cpuMillis / Math.max(1, result.done), result.readyMillis));
            failures += result.failed > 0 || result.timedOut ? 1 : 0;
            if (official != null) {
                OfficialClientRun.Result theirs = new OfficialClientRun(official, run.n, run.c, run.latency).execute();
                System.out.println(theirs.describe());
                Benchmark.appendRow(results, theirs.row());
                officialLabel = theirs.client();
                other.add(new Figures(theirs.wallMillis, theirs.ratio(), theirs.peakRssMiB,
                        theirs.requestsPerPrediction(), theirs.cpuMillisPerImage(), theirs.readyMillis));
                failures += theirs.ok() ? 0 : 1;
            }
        }
        if (app.size() > 1 || !other.isEmpty()) { // nothing to sum up after one run alone
            String when = Instant.now().toString().substring(0, 16);
            Benchmark.appendRow(results, medianRow(when, run, "app, " + appLabel, app));
            if (!other.isEmpty()) {
                Benchmark.appendRow(results, medianRow(when, run, officialLabel, other));
            }
            System.out.println(summary(run, app, other));
        }
        return failures;
    }

    private static OfficialClient installedClient() {
        if (!installTried) {
            installTried = true;
            client = OfficialClient.install();
        }
        return client;
    }

    static String summary(Benchmark.Run run, List<Figures> app, List<Figures> official) {
        String head = String.format(Locale.ROOT, "%n== median of %d, %s, N=%d, C=%d, L=%.1fs: ", app.size(), run.provider,
                run.n, run.c, run.latency.toMillis() / 1000.0);
        if (official.isEmpty()) {
            return head + String.format(Locale.ROOT, "ratio %.3f, peak RSS %.0f MiB, req/pred %.2f, CPU %.1f ms/image,"
                    + " ready %.0f ms", median(app, Figures::ratio), median(app, Figures::rssMiB),
                    median(app, Figures::requestsPerPrediction), median(app, Figures::cpuMillisPerImage),
                    median(app, Figures::readyMillis));
        }
        double ours = median(app, Figures::ratio);
        double theirs = median(official, Figures::ratio);
        return head + String.format(Locale.ROOT, "app vs official client: ratio %.3f vs %.3f (app %s by %.3f),"
                        + " peak RSS %.0f vs %.0f MiB, req/pred %.2f vs %.2f, CPU %.1f vs %.1f ms/image",
                ours, theirs, ours <= theirs ? "ahead" : "behind", Math.abs(ours - theirs),
                median(app, Figures::rssMiB), median(official, Figures::rssMiB),
                median(app, Figures::requestsPerPrediction), median(official, Figures::requestsPerPrediction),
                median(app, Figures::cpuMillisPerImage), median(official, Figures::cpuMillisPerImage));
    }

    /** The median row of the results table: wall, ratio, req/pred, RSS, CPU and ready are medians, the rest blank. */
    private static String medianRow(String when, Benchmark.Run run, String client, List<Figures> runs) {
        double ideal = Math.ceil((double) run.n / run.c) * run.latency.toMillis() / 1000.0;
        return String.format(Locale.ROOT,
                "| %s | %s | median of %d: %s | %d | %d | %.1f | %.2f | %.1f | **%.3f** | %.2f | – | – | – | – | %.0f | %.1f | %.0f | – | median |",
                when, run.provider, runs.size(), client, run.n, run.c, run.latency.toMillis() / 1000.0,
                median(runs, Figures::wallMillis) / 1000.0, ideal, median(runs, Figures::ratio),
                median(runs, Figures::requestsPerPrediction), median(runs, Figures::rssMiB),
                median(runs, Figures::cpuMillisPerImage), median(runs, Figures::readyMillis));
    }

    /** The middle value (the mean of the two middle ones for an even count); NaN for none. */
    static double median(List<Figures> runs, ToDoubleFunction<Figures> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** The figures a median is taken of, for either client. */
    record Figures(double wallMillis, double ratio, double rssMiB, double requestsPerPrediction,
            double cpuMillisPerImage, double readyMillis) {
    }
}
