package org.ideogramcamel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.cluster.ClusterApps.files;
import static org.ideogramcamel.cluster.ClusterApps.filesUnder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three instances on one PostgreSQL, as the README's "Running several instances" starts them: three
 * {@code java -jar target/ideogram-camel.jar} processes in one home, each with its own {@code ideogram.instance-id},
 * state folder and management port, all reading one inbox and writing one outbox, done and failed folder. A
 * Replicate stub runs every prediction for a while (asynchronous: create, then polls). The prompt files are dropped
 * at once. The stub holds instance b's predictions running, so b fills its slots and then sends nothing; b is then
 * killed with SIGKILL, its predictions released, and b started again after its lease has lapsed: a and c must
 * take its running predictions up (polled and stored, never created again). (Killed while one of its creates is on
 * the wire, an instance leaves a create whose outcome nobody knows, which the app dead-letters rather than pay
 * twice, as after a single instance's crash: README, Guarantees. This test kills b when it has nothing on the wire
 * so that the expected outcome is exact: no dead letter.) Then every prompt must have
 * been created exactly once at the provider, every image be in the outbox exactly once, every prompt file in done/
 * and nowhere else, and no dead letter written.
 *
 * <p>System properties (for a quick run, or a heavier one): {@code cluster.prompts} (default 300),
 * {@code cluster.latency-ms} (how long each prediction runs, default 1000), {@code cluster.restart-after-ms} (how
 * long b stays dead, default 15000: longer than two leases, so that a and c take its predictions over),
 * {@code cluster.lease-s} ({@code ideogram.state.lease} of every instance, default 5), {@code cluster.outage-ms}
 * (how long the database-outage test keeps PostgreSQL stopped, default two and a half leases), {@code cluster.timeout-s} (default 300), {@code cluster.quiet-s} (a run
 * with no progress for this long is over, default 60). The app logs stay in
 * {@code target/it/cluster/app-<instance>-<run>.log}.
 */
class ClusterIT {

    private static final Path HOME = Path.of("target/it/cluster").toAbsolutePath();
    private static final List<String> INSTANCES = List.of("a", "b", "c");
    private static final String VICTIM = "b";
    private static final byte[] PNG = new PlaceholderRenderer().render("stub", null, "1:1", 1, 3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "r8_cluster_";
    private static final int MAX_IN_FLIGHT = 16;

    private final int prompts = Integer.getInteger("cluster.prompts", 300);
    private final Duration latency = Duration.ofMillis(Long.getLong("cluster.latency-ms", 1000));
    private final Duration restartAfter = Duration.ofMillis(Long.getLong("cluster.restart-after-ms", 15000));
    private final Duration lease = Duration.ofSeconds(Long.getLong("cluster.lease-s", 5));
    private final Duration timeout = Duration.ofSeconds(Long.getLong("cluster.timeout-s", 300));
    private final Duration quiet = Duration.ofSeconds(Long.getLong("cluster.quiet-s", 60));

    private ReplicateWithLatency replicate;
    private ProviderView stub;
    private ClusterApps apps;
    /** The database-outage test's own server, stopped and started again on its port and data folder. */
    private EmbeddedPostgres ownServer;
    private Path ownServerData;
    private int ownServerPort;

    @BeforeEach
    void startStub() {
        replicate = new ReplicateWithLatency(latency, PNG);
        stub = new ProviderView(replicate, TOKEN);
    }

    @AfterEach
    void stopAll() throws InterruptedException, IOException {
        if (apps != null) {
            apps.close();
        }
        Files.createDirectories(HOME);
        Files.write(HOME.resolve("stub-requests.log"), stub.requestLog());
        replicate.shutDown();
        if (ownServer != null) {
            ownServer.close();
            TestFolders.delete(ownServerData);
        }
    }

    /**
     * The command a user types for each instance (README: Running several instances), with the stub's URL, all on
     * this database; returns once every instance has started.
     */
    private void startAll(String database) throws InterruptedException {
        apps = new ClusterApps(HOME, database, List.of(
                "ideogram.state.lease=" + lease.toSeconds() + "s",
                "ideogram.max-in-flight=" + MAX_IN_FLIGHT,
                "ideogram.provider=replicate",
                "ideogram.providers.replicate.base-url=" + replicate.baseUrl(),
                "ideogram.providers.replicate.prefer-wait=0",
                "ideogram.retry.initial-delay=200"));
        for (String instance : INSTANCES) {
            start(instance);
        }
        for (String instance : INSTANCES) {
            apps.awaitStarted(instance, Duration.ofSeconds(120));
        }
    }

    /** One token per instance: the stub's journal then says which instance sent a call. */
    private void start(String instance) {
        apps.start(instance, "ideogram.providers.replicate.api-token=" + TOKEN + instance);
    }

    @Test
    void threeInstancesDrainOneInboxWhileOneIsKilledAndRestartedPayingEachJobOnce() throws Exception {
        startAll(TestPostgres.newDatabase());
        List<String> names = IntStream.rangeClosed(1, prompts).mapToObj(ClusterIT::fileName).toList();
        replicate.hold(stub.authorization(VICTIM));
        long dropped = System.nanoTime();
        names.forEach(this::drop);

        // b's predictions run until released: it fills its slots and then takes nothing new. Kill it once it has
        // sent no create for a second (none on the wire) and has polled each of its predictions (a poll follows
        // the journal write of the create's answer, so every one is journaled as created)
        ClusterApps.waitUntil(timeout, () -> {
            Set<String> running = stub.runningOf(VICTIM);
            return !running.isEmpty() && (running.size() >= MAX_IN_FLIGHT || stub.paidCreates().size() >= prompts)
                    && stub.millisSinceLastCreate(VICTIM) > 1000
                    && stub.pollersAfter(0, running).getOrDefault(VICTIM, Set.of()).containsAll(running);
        }, () -> "instance " + VICTIM + " never had predictions running: " + progress());
        apps.kill(VICTIM); // SIGKILL: no shutdown hook, nothing finishes
        long killed = System.currentTimeMillis();
        Set<String> orphaned = stub.runningOf(VICTIM);
        System.out.printf("killed %s with %d images stored; %d of its predictions running: %s%n", VICTIM,
                images().size(), orphaned.size(), orphaned);
        replicate.release();
        Thread.sleep(restartAfter.toMillis());
        start(VICTIM);

        awaitDrainedOrStuck();
        System.out.printf("%d prompts, three instances (one killed and restarted), %d ms from the drop: %s;"
                + " downloads %d%n", prompts, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dropped), progress(),
                stub.downloads());
        Thread.sleep(2000); // anything still running now would be a second payment or a second copy

        Set<String> predictions = assertEachPromptPaidOnceStoredOnceAndDone(names);
        assertThat(predictions).as("the killed instance's running predictions were stored, never created again")
                .containsAll(orphaned);
        Map<String, Set<String>> takenOverBy = stub.pollersAfter(killed, orphaned);
        System.out.println("the killed instance's predictions were polled after the kill by " + takenOverBy);
        if (restartAfter.compareTo(lease.multipliedBy(2)) > 0) {
            // b stayed away longer than its lease: the others must have taken its predictions up
            assertThat(takenOverBy.keySet()).as("instances that took over %s's predictions", VICTIM)
                    .containsAnyOf("a", "c");
        }
    }

    /**
     * The state database stops mid-run, as a PostgreSQL restart or a failover does, while every instance has
     * predictions running and files in work, for longer than two leases (so that, when it is back, every
     * instance's heartbeat looks lapsed to the others: the dangerous case), then starts again on the same port and
     * data. Readiness of each instance goes DOWN naming the database and UP again by itself; no create leaves while
     * nothing can journal it; no instance takes up another live instance's predictions; and in the end every prompt
     * is paid once, stored once, in done/ once, with no dead letter, the three instances never restarted.
     */
    @Test
    void theStateDatabaseStopsMidRunForLongerThanTwoLeasesAndEveryJobIsStillPaidOnceAndStoredOnce() throws Exception {
        startOwnServer();
        startAll(TestPostgres.jdbcUrl(ownServerPort, "postgres"));
        List<String> names = IntStream.rangeClosed(1, prompts).mapToObj(ClusterIT::fileName).toList();
        names.forEach(this::drop);

        // every instance has predictions running (created, answered, polled) and files in work, with most of the
        // inbox still to go
        ClusterApps.waitUntil(timeout,
                () -> INSTANCES.stream().allMatch(i -> stub.runningOf(i).size() >= MAX_IN_FLIGHT / 2),
                () -> "not every instance had predictions running: " + progress());
        Map<String, Set<String>> runningAtStop = new TreeMap<>();
        INSTANCES.forEach(i -> runningAtStop.put(i, stub.runningOf(i)));
        int storedAtStop = images().size();
        ownServer.close(); // pg_ctl stop -m fast: every session ends, nothing can be written
        long stopped = System.currentTimeMillis();
        System.out.printf("stopped the state database with %d images stored; running per instance: %s%n",
                storedAtStop, runningAtStop.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().size(), (x, y) -> x, TreeMap::new)));
        // mid-run, with work left for every instance; not "before half": the shared inbox may reach the last instance
        // a few seconds late, and a quick machine stores half the batch meanwhile (CI: 152 of 300)
        assertThat(storedAtStop).as("the database stopped mid-run").isLessThan(prompts - prompts / 6);

        // each instance's readiness is asked at once (an answer may take the pool's connection timeout)
        Map<String, String> seenDown = new TreeMap<>();
        ClusterApps.waitUntil(Duration.ofSeconds(60), () -> {
            stateDatabaseReadiness().forEach((instance, check) -> {
                if (check.startsWith("DOWN ")) {
                    seenDown.putIfAbsent(instance, check);
                }
            });
            return seenDown.keySet().containsAll(INSTANCES);
        }, () -> "not every instance's readiness went DOWN while the database is down: " + seenDown);
        System.out.println("readiness while the database is down: " + seenDown);
        seenDown.forEach((instance, check) -> assertThat(check).as("readiness of %s names the database", instance)
                .contains("the state database cannot be reached").contains("ideogram.state.jdbc.url"));
        // down for longer than two leases: back, every instance's heartbeat looks lapsed until it is renewed
        long outage = Math.max(outageFor().toMillis(), System.currentTimeMillis() - stopped);
        Thread.sleep(Math.max(0, stopped + outage - System.currentTimeMillis()));
        long restarting = System.currentTimeMillis();
        startOwnServer();
        System.out.printf("the state database was down for %d ms (lease %d s)%n", restarting - stopped,
                lease.toSeconds());
        Map<String, String> seenUp = new TreeMap<>();
        ClusterApps.waitUntil(Duration.ofSeconds(60), () -> {
            stateDatabaseReadiness().forEach((instance, check) -> {
                if (check.startsWith("UP ")) {
                    seenUp.putIfAbsent(instance, check);
                }
            });
            return seenUp.keySet().containsAll(INSTANCES);
        }, () -> "not every instance was ready again after the database came back: " + seenUp);
        System.out.printf("every instance ready again %d ms after the database was started again%n",
                System.currentTimeMillis() - restarting);

        awaitDrainedOrStuck();
        System.out.printf("%d prompts, three instances, the database down %d ms mid-run: %s; downloads %d%n",
                prompts, restarting - stopped, progress(), stub.downloads());
        Thread.sleep(2000); // anything still running now would be a second payment or a second copy

        // a create whose sending entry was written before the stop may still be on its way out; none after that
        assertThat(createsBetween(stopped + 1000, restarting)).as("creates sent while nothing could journal them")
                .isEmpty();
        assertEachPromptPaidOnceStoredOnceAndDone(names);
        Map<String, Set<String>> pollersPerPrediction = stub.pollersPerPrediction();
        assertThat(pollersPerPrediction.entrySet().stream().filter(e -> e.getValue().size() != 1).toList())
                .as("predictions polled by an instance that did not create them (a live instance's work taken"
                        + " over)").isEmpty();
        for (String instance : INSTANCES) {
            assertThat(apps.isAlive(instance)).as("instance %s still runs", instance).isTrue();
            assertThat(apps.runs(instance)).as("instance %s was never restarted", instance).isEqualTo(1);
        }
    }

    /** How long the database stays down: {@code cluster.outage-ms}, by default two and a half leases. */
    private Duration outageFor() {
        return Duration.ofMillis(Long.getLong("cluster.outage-ms", lease.toMillis() * 5 / 2));
    }

    /** A server of this test's own, on the same port and data folder each time, so the instances' URL stays valid. */
    private void startOwnServer() throws IOException {
        if (ownServerData == null) {
            ownServerData = Files.createTempDirectory("ideogram-cluster-db");
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(ownServerData)
                .setCleanDataDirectory(false);
        if (ownServerPort != 0) {
            builder.setPort(ownServerPort);
        }
        ownServer = builder.start();
        ownServerPort = ownServer.getPort();
    }

    /**
     * "UP message" or "DOWN message" of the ideogram-state-database readiness check of every instance, asked at once
     * on their management ports.
     */
    private Map<String, String> stateDatabaseReadiness() {
        HttpClient client = HttpClient.newHttpClient();
        Map<String, java.util.concurrent.CompletableFuture<String>> asked = new TreeMap<>();
        for (String instance : INSTANCES) {
            asked.put(instance, client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + apps.managementPort(instance) + "/observe/health/ready")).timeout(Duration.ofSeconds(15)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString()).thenApply(ClusterIT::stateDatabaseCheck)
                    .exceptionally(e -> "no answer: " + e));
        }
        Map<String, String> checks = new TreeMap<>();
        asked.forEach((instance, check) -> checks.put(instance, check.join()));
        return checks;
    }

    private static String stateDatabaseCheck(HttpResponse<String> ready) {
        try {
            for (JsonNode check : JSON.readTree(ready.body()).path("checks")) {
                if (check.path("name").asText().equals("ideogram-state-database")) {
                    return check.path("status").asText() + " " + check.path("message").asText();
                }
            }
            return "no ideogram-state-database check: " + ready.body();
        } catch (IOException e) {
            return "not JSON: " + ready.body();
        }
    }

    /** The creates the stub received (answered or not) between two moments, as "instance prompt" lines. */
    private List<String> createsBetween(long from, long to) {
        return replicate.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(ReplicateWithLatency.CREATE)
                        && e.getRequest().getLoggedDate().getTime() >= from
                        && e.getRequest().getLoggedDate().getTime() < to)
                .map(e -> stub.instanceOf(e) + " " + e.getRequest().getBodyAsString())
                .toList();
    }

    /**
     * What a user cares about after a run: every prompt created exactly once at the provider (paid once), each image
     * once in the outbox with the stub's bytes and its sidecar, every prompt file in done/ and nowhere else, no dead
     * letter. Returns the prediction ids the sidecars name.
     */
    private Set<String> assertEachPromptPaidOnceStoredOnceAndDone(List<String> names) throws IOException {
        Map<String, Long> createsPerPrompt = stub.createsPerPrompt();
        assertThat(createsPerPrompt.keySet()).as("every prompt was sent")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, prompts).mapToObj(ClusterIT::prompt)
                        .toList());
        assertThat(createsPerPrompt.entrySet().stream().filter(e -> e.getValue() != 1).toList())
                .as("prompts created more than once (paid twice)").isEmpty();

        List<String> expectedImages = IntStream.rangeClosed(1, prompts).mapToObj(i -> base(i) + "-1.png").toList();
        List<String> expectedSidecars = IntStream.rangeClosed(1, prompts).mapToObj(i -> base(i) + "-1.json").toList();
        List<String> outbox = files(HOME.resolve("outbox"));
        assertThat(outbox).as("each image once with its sidecar, no second copy")
                .containsExactlyInAnyOrderElementsOf(Stream.concat(expectedImages.stream(), expectedSidecars.stream())
                        .toList());
        for (String image : expectedImages) {
            assertThat(Files.readAllBytes(HOME.resolve("outbox").resolve(image))).as(image).isEqualTo(PNG);
        }
        Set<String> predictions = new TreeSet<>();
        for (String sidecar : expectedSidecars) {
            predictions.add(JSON.readTree(HOME.resolve("outbox").resolve(sidecar).toFile()).path("prediction_id")
                    .asText());
        }
        assertThat(predictions).as("each image comes from a prediction of its own").hasSize(prompts);

        assertThat(files(HOME.resolve("done"))).as("every prompt file in done/")
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(files(HOME.resolve("inbox"))).as("nothing left in the inbox").isEmpty();
        assertThat(filesUnder(HOME.resolve("failed"))).as("no dead letter, nothing unprocessed").isEmpty();
        return predictions;
    }

    /**
     * Until every image is stored, every prompt file is in done/ and the inbox is empty; or, when that never comes,
     * until nothing has changed for {@code cluster.quiet-s} (or {@code cluster.timeout-s} passed), so that a failing
     * run ends with the assertions' precise account instead of a bare time-out.
     */
    private void awaitDrainedOrStuck() throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        String last = "";
        long lastChange = System.nanoTime();
        while (System.nanoTime() < until) {
            if (images().size() >= prompts && files(HOME.resolve("done")).size() >= prompts
                    && files(HOME.resolve("inbox")).isEmpty()) {
                return;
            }
            String now = progress();
            if (!now.equals(last)) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
                System.out.println("stuck for " + quiet.toSeconds() + " s: " + now);
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("timed out after " + timeout.toSeconds() + " s: " + last);
    }

    private String progress() {
        return images().size() + " of " + prompts + " images, "
                + files(HOME.resolve("done")).size() + " in done, " + files(HOME.resolve("inbox")).size()
                + " in the inbox, " + filesUnder(HOME.resolve("failed")).size() + " under failed; creates per"
                + " instance " + stub.createsPerInstance();
    }

    // --- the folders ----------------------------------------------------------------------------------------------

    private static String fileName(int i) {
        return base(i) + ".txt";
    }

    private static String base(int i) {
        return String.format("prompt-%03d", i);
    }

    private static String prompt(int i) {
        return String.format("cluster prompt %03d", i);
    }

    /** Written aside, then moved into the shared inbox, as a careful user (or an NFS client) does. */
    private void drop(String name) {
        try {
            Files.createDirectories(HOME.resolve("inbox"));
            Path staging = HOME.resolve(name + ".staging");
            int i = Integer.parseInt(name.substring("prompt-".length(), name.length() - ".txt".length()));
            Files.writeString(staging, prompt(i));
            Files.move(staging, HOME.resolve("inbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> images() {
        return files(HOME.resolve("outbox")).stream().filter(n -> n.endsWith(".png")).toList();
    }

}
