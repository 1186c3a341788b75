package org.ideogramcamel.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ideogramcamel.support.TestFolders;

/**
 * The benchmark's batch run by the official Replicate client ({@code batch.mjs} on Node) instead of the app, against
 * a {@link LoopbackProvider} made exactly as the app's run makes it (same latency, same image, same in-flight limit),
 * measured the same way: from the moment the client is ready to the last image written, the process's CPU time over
 * that span and its peak RSS from {@code /proc}, and the requests the stub received.
 */
final class OfficialClientRun {

    private static final Pattern NUMBER = Pattern.compile("\"(wallMs|done|failed)\":(\\d+(?:\\.\\d+)?)");
    private static final Pattern FIRST_ERROR = Pattern.compile("\"firstError\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final OfficialClient client;
    private final int n;
    private final int c;
    private final Duration latency;

    OfficialClientRun(OfficialClient client, int n, int c, Duration latency) {
        this.client = client;
        this.n = n;
        this.c = c;
        this.latency = latency;
    }

    Result execute() throws Exception {
        int imageBytes = Integer.parseInt(System.getProperty("bench.image-bytes", "2000000"));
        int limit = Integer.parseInt(System.getProperty("bench.in-flight-limit", "0"));
        Path work = Files.createDirectories(Path.of("target", "bench",
                "official-replicate-n" + n + "-c" + c + "-l" + latency.toMillis() + "-" + System.currentTimeMillis()));
        Path outbox = work.resolve("outbox").toAbsolutePath();
        Result result = new Result();
        result.outbox = outbox;
        result.loadBefore = Benchmark.loadAverage();
        try (LoopbackProvider stub = new LoopbackProvider(latency, imageBytes, limit, 1)) {
            result.imageBytes = stub.imageBytes();
            ProcessBuilder builder = new ProcessBuilder(client.node, "batch.mjs", stub.replicateBaseUrl(),
                    Integer.toString(n), Integer.toString(c), outbox.toString())
                    .directory(client.dir.toFile())
                    .redirectError(work.resolve("node.log").toFile());
            builder.environment().put("REPLICATE_API_TOKEN", "r8_benchmark");
            long spawned = System.nanoTime();
            Process node = builder.start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readLines(node, lines), "official-client-out");
            reader.setDaemon(true);
            reader.start();
            try (OutputStream stdin = node.getOutputStream()) {
                awaitLine(node, lines, "ready", TimeUnit.SECONDS.toNanos(60));
                result.readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawned);
                long cpuAtReady = ProcStats.cpuMillis(node.pid());
                long start = System.nanoTime();
                stdin.write("go\n".getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                String line = awaitLine(node, lines, "result", Math.max(TimeUnit.SECONDS.toNanos(60),
                        4 * (long) Math.ceil((double) n / c) * latency.toNanos()));
                long end = System.nanoTime();
                if (line == null) {
                    result.timedOut = true;
                } else {
                    Matcher m = NUMBER.matcher(line);
                    while (m.find()) {
                        double value = Double.parseDouble(m.group(2));
                        switch (m.group(1)) {
                            case "wallMs" -> result.scriptWallMillis = value;
                            case "done" -> result.done = (int) value;
                            default -> result.failed = (int) value;
                        }
                    }
                    Matcher e = FIRST_ERROR.matcher(line);
                    result.firstError = e.find() ? e.group(1) : null;
                }
                result.wallMillis = TimeUnit.NANOSECONDS.toMillis(end - start);
                // read while the process still exists: it waits for its stdin to close
                result.cpuMillis = ProcStats.cpuMillis(node.pid()) - cpuAtReady;
                result.peakRssMiB = ProcStats.peakRssMiB(node.pid());
            } finally {
                if (!node.waitFor(10, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
            result.stored = count(outbox);
            result.creates = stub.creates.sum();
            result.polls = stub.polls.sum();
            result.cancels = stub.cancels.sum();
            result.tooMany = stub.tooManyRequests.sum();
            result.downloads = stub.downloads.sum();
            result.peakInFlight = stub.peakInFlight();
            result.handoffMillis = stub.meanHandoffMillis(c);
            result.noticeMeanMillis = stub.meanNoticeDelayMillis();
        }
        result.loadAfter = Benchmark.loadAverage();
        if (!"true".equals(System.getProperty("bench.keep"))) {
            TestFolders.delete(outbox);
        }
        return result;
    }

    private static void readLines(Process node, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The first line starting with {@code prefix}, or null if the process ended or the time ran out first. */
    private static String awaitLine(Process node, BlockingQueue<String> lines, String prefix, long timeoutNanos)
            throws InterruptedException {
        long until = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < until) {
            String line = lines.poll(20, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !node.isAlive() && lines.isEmpty()) {
                if ("ready".equals(prefix)) {
                    throw new IllegalStateException("the official client exited with " + node.exitValue()
                            + " before it was ready; see node.log in its run's folder under target/bench/");
                }
                return null;
            }
        }
        return null;
    }

    private static int count(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".png")).count();
        }
    }

    /** What one official-client run measured. */
    final class Result {
        /** Where the images were written (deleted after the run unless {@code bench.keep=true}). */
        Path outbox;
        int imageBytes;
        long readyMillis;
        long wallMillis;
        double scriptWallMillis;
        long cpuMillis;
        double peakRssMiB;
        int done;
        int failed;
        int stored;
        boolean timedOut;
        String firstError;
        long creates;
        long polls;
        long cancels;
        long tooMany;
        long downloads;
        int peakInFlight;
        double handoffMillis;
        double noticeMeanMillis;
        String loadBefore;
        String loadAfter;

        double idealSeconds() {
            return Math.ceil((double) n / c) * latency.toMillis() / 1000.0;
        }

        double ratio() {
            return wallMillis / 1000.0 / idealSeconds();
        }

        double requestsPerPrediction() {
            return (double) (creates + polls + cancels) / n;
        }

        double cpuMillisPerImage() {
            return (double) cpuMillis / Math.max(1, done);
        }

        boolean ok() {
            return !timedOut && failed == 0 && done == n && stored == n;
        }

        String client() {
            String label = client.label();
            if (imageBytes < 1_900_000 || imageBytes > 2_100_000) {
                label += String.format(Locale.ROOT, ", %.1f MB images", imageBytes / 1e6);
            }
            if (System.getProperty("bench.in-flight-limit") != null) {
                label += ", in-flight-limit=" + System.getProperty("bench.in-flight-limit");
            }
            return label;
        }

        String describe() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%n== replicate, %s, N=%d, C=%d, L=%.1fs, image %.1f MB%n", client(), n, c,
                    latency.toMillis() / 1000.0, imageBytes / 1e6));
            s.append(String.format(Locale.ROOT,
                    "wall time          %.2f s   ideal ceil(N/C)*L %.2f s   ratio %.3f   (the script's own clock %.2f s)%s%n",
                    wallMillis / 1000.0, idealSeconds(), ratio(), scriptWallMillis / 1000.0,
                    timedOut ? "   TIMED OUT" : ""));
            s.append(String.format(Locale.ROOT,
                    "requests/prediction %.2f  (creates %d, polls %d, cancels %d; 429 answers %d; downloads %d)%n",
                    requestsPerPrediction(), creates, polls, cancels, tooMany, downloads));
            s.append(String.format(Locale.ROOT,
                    "hand-off           a freed slot took %.0f ms to get its next create; peak in flight at the provider %d%n",
                    handoffMillis, peakInFlight));
            s.append(String.format(Locale.ROOT, "images/s           %.1f   (done %d, failed %d, images written %d)%n",
                    done / (wallMillis / 1000.0), done, failed, stored));
            s.append(String.format(Locale.ROOT, "peak RSS %.0f MiB%n", peakRssMiB));
            s.append(String.format(Locale.ROOT, "CPU                %.1f ms per image (%d ms)%n", cpuMillisPerImage(),
                    cpuMillis));
            s.append(String.format(Locale.ROOT, "ready              %d ms from starting node to the client made%n",
                    readyMillis));
            s.append("load average       ").append(loadBefore).append(" -> ").append(loadAfter).append('\n');
            if (firstError != null) {
                s.append("first error: ").append(firstError).append('\n');
            }
            return s.toString();
        }

        /** A row of the benchmark's results table (same columns as the app's; no heap, no polling lateness). */
        String row() {
            return String.format(Locale.ROOT,
                    "| %s | replicate | %s | %d | %d | %.1f | %.2f | %.1f | %.3f | %.2f | %d | %.0f (%.0f%%) | %.1f | – | %.0f | %.1f | %d | %s | %s |",
                    Instant.now().toString().substring(0, 16), client(), n, c, latency.toMillis() / 1000.0,
                    wallMillis / 1000.0, idealSeconds(), ratio(), requestsPerPrediction(), tooMany, noticeMeanMillis,
                    100 * noticeMeanMillis / latency.toMillis(), done / (wallMillis / 1000.0), peakRssMiB,
                    cpuMillisPerImage(), readyMillis, loadBefore.split(" ")[0] + "→" + loadAfter.split(" ")[0],
                    ok() ? "ok" : (timedOut ? "TIMED OUT " : "") + failed + " failed, " + stored + " written");
        }
    }
}
