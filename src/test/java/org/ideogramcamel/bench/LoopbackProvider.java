package org.ideogramcamel.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.ideogramcamel.support.ReplicateSeeds;
import org.ideogramcamel.support.WaveSpeedSeeds;

/**
 * A provider on 127.0.0.1 for the benchmark and for load tests: speaks Replicate ({@code /replicate/v1/...}) and
 * WaveSpeed ({@code /wavespeed/api/v3/...}) in the seed documents' shapes, finishes every prediction
 * {@code latency} after its create, and serves one pre-made PNG for every output URL.
 *
 * <p>It behaves as the real services do where it matters for throughput: Replicate holds a create that carries
 * {@code Prefer: wait=N} until the prediction is done or N seconds have passed; WaveSpeed always answers a submit
 * at once with {@code created}. With {@code inFlightLimit > 0} a create that would put more than that many
 * predictions in flight is answered 429 with {@code Retry-After}. Replicate's list of recent predictions
 * ({@code GET /v1/predictions?created_after=}) is there too, so that an instance taking over a killed one's create
 * (sent, never answered) can find its prediction, as it does at Replicate.
 *
 * <p>It counts what a user pays for in requests: creates, polls, cancels, 429 answers, downloads; the peak of
 * predictions in flight; and how late each completion was noticed (the first answer that reported it, minus the
 * moment it completed). com.sun.net.httpserver on a cached thread pool, so a held Replicate create costs the stub
 * one sleeping thread and nothing else; WireMock's request journal would grow with every request of a 10,000-job run.
 */
public final class LoopbackProvider implements AutoCloseable {

    private static final Pattern REPLICATE_CREATE = Pattern.compile("/replicate/v1/models/(ideogram-ai/[^/]+)/predictions");
    private static final String REPLICATE_LIST = "/replicate/v1/predictions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPLICATE_GET = Pattern.compile("/replicate/v1/predictions/([^/]+)");
    private static final Pattern REPLICATE_CANCEL = Pattern.compile("/replicate/v1/predictions/([^/]+)/cancel");
    private static final Pattern WAVESPEED_CREATE = Pattern.compile("/wavespeed/api/v3/ideogram-ai/[^/]+");
    private static final Pattern WAVESPEED_RESULT = Pattern.compile("/wavespeed/api/v3/predictions/([^/]+)/result");
    private static final Pattern FILE = Pattern.compile("/files/([^/]+)\\.png");
    private static final Pattern PREFER_WAIT = Pattern.compile("(?i)\\bwait(?:=(\\d+))?");

    static {
        // The JDK's HttpServer writes a response's headers and body as two segments without TCP_NODELAY, so Nagle
        // holds the body until the client's delayed ACK (40 ms on Linux): every answer would arrive 40 ms after the
        // stub sent it, a cost no real provider's server adds. Read once, before the first HttpServer is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-provider");
        t.setDaemon(true);
        return t;
    });
    private final long latencyNanos;
    private volatile int inFlightLimit;
    private final int retryAfterSeconds;
    private final byte[] image;
    private final Map<String, Long> doneAt = new ConcurrentHashMap<>();
    private final Map<String, Boolean> noticed = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Completion times of the predictions still running, soonest first. */
    private final PriorityQueue<Long> runningUntil = new PriorityQueue<>();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    /** System.nanoTime() of the first and of the last accepted create: where the provider's busy time starts and ends. */
    private final AtomicLong firstCreateNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastCreateNanos = new AtomicLong(Long.MIN_VALUE);
    /** When each accepted create arrived, for {@link #meanHandoffMillis}. */
    private final ConcurrentLinkedQueue<Long> createTimes = new ConcurrentLinkedQueue<>();

    public final LongAdder creates = new LongAdder();
    public final LongAdder polls = new LongAdder();
    public final LongAdder cancels = new LongAdder();
    public final LongAdder tooManyRequests = new LongAdder();
    public final LongAdder downloads = new LongAdder();
    public final LongAdder other = new LongAdder();
    /** Replicate's predictions as its list endpoint shows them, newest first. */
    private final ConcurrentLinkedDeque<ObjectNode> replicateListed = new ConcurrentLinkedDeque<>();
    private final Map<String, LongAdder> createsByPrompt = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> createsByCredential = new ConcurrentHashMap<>();
    private final LongAdder noticedCount = new LongAdder();
    private final LongAdder noticeDelayNanos = new LongAdder();
    private final AtomicLong maxNoticeDelayNanos = new AtomicLong();

    /**
     * @param latency           how long every prediction runs
     * @param imageBytes        approximate size of the PNG served for every output
     * @param inFlightLimit     creates beyond this many running predictions get 429 (0 = no limit)
     * @param retryAfterSeconds the Retry-After sent with a 429
     */
    public LoopbackProvider(Duration latency, int imageBytes, int inFlightLimit, int retryAfterSeconds) {
        this.latencyNanos = latency.toNanos();
        this.inFlightLimit = inFlightLimit;
        this.retryAfterSeconds = retryAfterSeconds;
        this.image = png(imageBytes);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** From now on, creates beyond this many running predictions get 429 (0 = no limit). */
    public void setInFlightLimit(int limit) {
        this.inFlightLimit = limit;
    }

    /** Zeroes every counter (between tests sharing one stub). */
    public void resetCounters() {
        for (LongAdder counter : List.of(creates, polls, cancels, tooManyRequests, downloads, other, noticedCount,
                noticeDelayNanos)) {
            counter.reset();
        }
        peakInFlight.set(0);
        maxNoticeDelayNanos.set(0);
        firstCreateNanos.set(Long.MAX_VALUE);
        createTimes.clear();
        createsByPrompt.clear();
        replicateListed.clear();
        createsByCredential.clear();
        lastCreateNanos.set(Long.MIN_VALUE);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String replicateBaseUrl() {
        return baseUrl() + "/replicate/v1";
    }

    public String wavespeedBaseUrl() {
        return baseUrl() + "/wavespeed/api/v3";
    }

    public int imageBytes() {
        return image.length;
    }

    /**
     * How long, on average, a slot stood empty between a prediction ending and the next create arriving, with
     * {@code slots} predictions allowed at once: the k-th create after the first {@code slots} takes the slot of
     * the k-th prediction to end. The client's whole turn-around (reading the answer, giving the slot on,
     * sending the next create), which a batch pays once per prediction and slot. NaN if there were too few.
     */
    public double meanHandoffMillis(int slots) {
        long[] creates = createTimes.stream().mapToLong(Long::longValue).sorted().toArray();
        if (creates.length <= slots) {
            return Double.NaN;
        }
        long[] ends = Arrays.stream(creates).map(t -> t + latencyNanos).sorted().toArray();
        long total = 0;
        int n = creates.length - slots;
        for (int k = 0; k < n; k++) {
            total += Math.max(0, creates[slots + k] - ends[k]);
        }
        return total / 1e6 / n;
    }

    /** System.nanoTime() of the first accepted create (Long.MAX_VALUE before any). */
    public long firstCreateNanos() {
        return firstCreateNanos.get();
    }

    /** System.nanoTime() of the last accepted create (Long.MIN_VALUE before any). */
    public long lastCreateNanos() {
        return lastCreateNanos.get();
    }

    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** Requests a user is billed or rate-limited for: creates (including refused ones), polls and cancels. */
    public long providerRequests() {
        return creates.sum() + polls.sum() + cancels.sum();
    }

    /** Mean delay between a prediction completing and an answer saying so, in milliseconds. */
    public double meanNoticeDelayMillis() {
        long n = noticedCount.sum();
        return n == 0 ? 0 : noticeDelayNanos.sum() / 1e6 / n;
    }

    public double maxNoticeDelayMillis() {
        return maxNoticeDelayNanos.get() / 1e6;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            byte[] body = http.getRequestBody().readAllBytes();
            String path = http.getRequestURI().getPath();
            String method = http.getRequestMethod();
            Matcher m;
            if (method.equals("GET") && (m = FILE.matcher(path)).matches()) {
                downloads.increment();
                http.getResponseHeaders().add("Content-Type", "image/png");
                http.sendResponseHeaders(200, image.length);
                try (OutputStream out = http.getResponseBody()) {
                    out.write(image);
                }
            } else if (method.equals("POST") && (m = REPLICATE_CREATE.matcher(path)).matches()) {
                replicateCreate(http, body, m.group(1));
            } else if (method.equals("GET") && path.equals(REPLICATE_LIST)) {
                polls.increment(); // a request the provider meters, as a poll is
                send(http, 200, replicateList(http.getRequestURI().getRawQuery()));
            } else if (method.equals("POST") && (m = REPLICATE_CANCEL.matcher(path)).matches()) {
                cancels.increment();
                send(http, 200, ReplicateSeeds.prediction(m.group(1), "canceled", null, null));
            } else if (method.equals("GET") && (m = REPLICATE_GET.matcher(path)).matches()) {
                polls.increment();
                send(http, 200, replicatePrediction(m.group(1)));
            } else if (method.equals("POST") && WAVESPEED_CREATE.matcher(path).matches()) {
                wavespeedCreate(http, body);
            } else if (method.equals("GET") && (m = WAVESPEED_RESULT.matcher(path)).matches()) {
                polls.increment();
                send(http, 200, wavespeedTask(m.group(1)));
            } else {
                other.increment();
                send(http, 404, "{\"detail\":\"not found\"}");
            }
        }
    }

    private void replicateCreate(HttpExchange http, byte[] body, String model) throws IOException {
        creates.increment();
        String id = start();
        recordCreate(http, body, id);
        if (id != null) {
            replicateListed.addFirst(listed(id, model, body));
        }
        if (id == null) {
            http.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
            send(http, 429, ReplicateSeeds.problem(429, "Request was throttled.",
                    "Request was throttled. Expected available in " + retryAfterSeconds + " second."));
            return;
        }
        String prefer = http.getRequestHeaders().getFirst("Prefer");
        Matcher wait = prefer == null ? null : PREFER_WAIT.matcher(prefer);
        if (wait != null && wait.find()) {
            // Replicate's sync mode: answer when the prediction is done or when the wait runs out
            long seconds = wait.group(1) == null ? 60 : Math.min(60, Long.parseLong(wait.group(1)));
            long until = Math.min(doneAt.get(id), System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
            sleepUntil(until);
        }
        send(http, 201, replicatePrediction(id));
    }

    private void wavespeedCreate(HttpExchange http, byte[] body) throws IOException {
        creates.increment();
        String id = start();
        recordCreate(http, body, id);
        if (id == null) {
            http.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
            send(http, 429, WaveSpeedSeeds.problem(429, "Too many requests"));
            return;
        }
        send(http, 200, WaveSpeedSeeds.task(id, "created", null));
    }

    /**
     * Replicate's list of recent predictions ({@code GET /v1/predictions?created_after=...}, newest first, one page):
     * what an instance that takes over a dead one's create, sent but never answered, searches to find its prediction
     * instead of dead-lettering it as "outcome unknown".
     */
    private String replicateList(String query) {
        Instant after = Instant.EPOCH;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("created_after=")) {
                    after = Instant.parse(URLDecoder.decode(pair.substring("created_after=".length()),
                            StandardCharsets.UTF_8));
                }
            }
        }
        ObjectNode page = JSON.createObjectNode();
        page.putNull("next");
        page.putNull("previous");
        ArrayNode results = page.putArray("results");
        long now = System.nanoTime();
        for (ObjectNode item : replicateListed) {
            if (Instant.parse(item.path("created_at").asText()).isBefore(after)) {
                break; // newest first
            }
            ObjectNode copy = item.deepCopy();
            copy.put("status", doneAt.get(copy.path("id").asText()) - now <= 0 ? "succeeded" : "processing");
            results.add(copy);
        }
        return page.toString();
    }

    private static ObjectNode listed(String id, String model, byte[] body) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", id);
        item.put("model", model);
        item.put("version", "hidden");
        try {
            item.set("input", JSON.readTree(body).path("input"));
        } catch (IOException e) {
            item.putObject("input");
        }
        item.put("created_at", Instant.now().toString());
        item.put("source", "api");
        return item;
    }

    /** An accepted create, by prompt (a prompt created twice is paid twice) and by the credential that sent it. */
    private void recordCreate(HttpExchange http, byte[] body, String id) {
        if (id == null) {
            return;
        }
        createsByPrompt.computeIfAbsent(prompt(body), k -> new LongAdder()).increment();
        String auth = http.getRequestHeaders().getFirst("Authorization");
        createsByCredential.computeIfAbsent(auth == null ? "-" : auth.replaceFirst("^Bearer ", ""),
                k -> new LongAdder()).increment();
    }

    /** The prompt of a create: Replicate's {@code input.prompt}, WaveSpeed's {@code prompt}. */
    private static String prompt(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode prompt = json.path("input").isObject() ? json.path("input").path("prompt") : json.path("prompt");
            return prompt.isTextual() ? prompt.asText() : "(no prompt)";
        } catch (IOException e) {
            return "(not JSON)";
        }
    }

    /** Accepted creates per prompt text: more than one for a prompt means that job was paid more than once. */
    public Map<String, Long> createsByPrompt() {
        Map<String, Long> copy = new TreeMap<>();
        createsByPrompt.forEach((prompt, count) -> copy.put(prompt, count.sum()));
        return copy;
    }

    /** Accepted creates per credential (Bearer token): which client sent them, when each has its own. */
    public Map<String, Long> createsByCredential() {
        Map<String, Long> copy = new TreeMap<>();
        createsByCredential.forEach((token, count) -> copy.put(token, count.sum()));
        return copy;
    }

    /**
     * A new prediction, or null when the in-flight limit refuses it. In flight means created and not yet at its
     * completion time, counted from the clock itself (not by a timer thread that a loaded machine delays).
     */
    private String start() {
        long now = System.nanoTime();
        int running;
        synchronized (runningUntil) {
            while (!runningUntil.isEmpty() && runningUntil.peek() - now <= 0) {
                runningUntil.poll();
            }
            if (inFlightLimit > 0 && runningUntil.size() >= inFlightLimit) {
                tooManyRequests.increment();
                return null;
            }
            runningUntil.add(now + latencyNanos);
            running = runningUntil.size();
        }
        peakInFlight.accumulateAndGet(running, Math::max);
        firstCreateNanos.accumulateAndGet(now, Math::min);
        createTimes.add(now);
        lastCreateNanos.accumulateAndGet(now, Math::max);
        String id = "p" + Long.toString(ids.incrementAndGet(), 36) + "bench";
        doneAt.put(id, now + latencyNanos);
        return id;
    }



    private String replicatePrediction(String id) {
        if (!isDone(id)) {
            return ReplicateSeeds.prediction(id, "processing", null, null);
        }
        return ReplicateSeeds.prediction(id, "succeeded", baseUrl() + "/files/" + id + ".png", null);
    }

    private String wavespeedTask(String id) {
        if (!isDone(id)) {
            return WaveSpeedSeeds.task(id, "processing", null);
        }
        return WaveSpeedSeeds.completed(id, baseUrl() + "/files/" + id + ".png");
    }

    private boolean isDone(String id) {
        Long done = doneAt.get(id);
        if (done == null) {
            throw new IllegalStateException("unknown prediction " + id);
        }
        long now = System.nanoTime();
        if (now < done) {
            return false;
        }
        if (noticed.putIfAbsent(id, Boolean.TRUE) == null) {
            long late = now - done;
            noticedCount.increment();
            noticeDelayNanos.add(late);
            maxNoticeDelayNanos.accumulateAndGet(late, Math::max);
        }
        return true;
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void send(HttpExchange http, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().add("Content-Type", "application/json");
        http.sendResponseHeaders(status, body.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(body);
        }
    }

    /** A real PNG of noise (noise does not compress), so the store's format sniffing and hashing do real work. */
    static byte[] png(int approximateBytes) {
        int side = Math.max(8, (int) Math.sqrt(approximateBytes / 3.0));
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(approximateBytes + 65536);
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
