package org.ideogramcamel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.cluster.ClusterApps.files;
import static org.ideogramcamel.cluster.ClusterApps.filesUnder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.InProcessKafka;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three instances on one PostgreSQL and one Kafka consumer group, as the README's "Running several instances" and
 * "Over Kafka" start them: three {@code java -jar target/ideogram-camel.jar} processes with
 * {@code ideogram.kafka.enabled=true}, the brokers a KRaft broker in this JVM, the jobs topic with 6 partitions. 300
 * job messages (the JSON job plus its {@code id}) are produced at once. A Replicate stub runs each prediction 1 s and
 * holds instance b's: b fills its slots, its small worker queue ({@code camel.component.seda.queue-size=4}) fills
 * too, and its consumer then waits with records it has polled but not committed (one of them journaled already).
 * b is killed with SIGKILL then: its running predictions and queued jobs are taken over by a and c once its lease
 * lapsed (polled, never created again), its partitions move to them after the session timeout and its uncommitted
 * records are delivered again; b is started again once a and c polled its predictions.
 *
 * <p>What a user checks: one create per id at the provider, each image once in the outbox with the provider's
 * bytes, exactly one {@code stored} outcome per id on the outcomes topic (and no {@code failed} one; a redelivered
 * record may add a {@code duplicate} outcome, which points at the stored one: delivery is at least once), no dead
 * letter, every record committed, and the killed instance's predictions polled by the others.
 *
 * <p>System properties: {@code kafka-cluster.jobs} (default 300), {@code kafka-cluster.timeout-s} (default 150). The
 * app logs and the stub's requests stay in {@code target/it/kafka-cluster/}.
 */
class KafkaClusterIT {

    private static final Path HOME = Path.of("target/it/kafka-cluster").toAbsolutePath();
    private static final String JOBS = "ideogram-jobs";
    private static final String OUTCOMES = "ideogram-outcomes";
    private static final String GROUP = "ideogram-camel";
    private static final int PARTITIONS = 6;
    private static final List<String> INSTANCES = List.of("a", "b", "c");
    private static final String VICTIM = "b";
    private static final byte[] PNG = new PlaceholderRenderer().render("stub", null, "1:1", 1, 3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "r8_kafka_cluster_";
    private static final int MAX_IN_FLIGHT = 16;
    private static final Duration LEASE = Duration.ofSeconds(5);

    private final int jobs = Integer.getInteger("kafka-cluster.jobs", 300);
    private final Duration timeout = Duration.ofSeconds(Long.getLong("kafka-cluster.timeout-s", 150));

    private InProcessKafka kafka;
    private ReplicateWithLatency replicate;
    private ProviderView stub;
    private String database;
    private ClusterApps apps;

    @BeforeEach
    void startInfrastructure() throws Exception {
        database = TestPostgres.newDatabase();
        replicate = new ReplicateWithLatency(Duration.ofSeconds(1), PNG);
        stub = new ProviderView(replicate, TOKEN);
        kafka = new InProcessKafka(Map.of(JOBS, PARTITIONS, OUTCOMES, 3));
        kafka.start();
        apps = new ClusterApps(HOME, database, List.of(
                "ideogram.state.lease=" + LEASE.toSeconds() + "s",
                "ideogram.max-in-flight=" + MAX_IN_FLIGHT,
                "ideogram.provider=replicate",
                "ideogram.providers.replicate.base-url=" + replicate.baseUrl(),
                "ideogram.providers.replicate.prefer-wait=0",
                "ideogram.retry.initial-delay=200",
                // the stub's predictions take 1 s: polls every 200-500 ms instead of backing off to 10 s
                "ideogram.poll.interval=200ms", "ideogram.poll.max-interval=500ms",
                "ideogram.kafka.enabled=true",
                "ideogram.kafka.brokers=" + kafka.bootstrapServers(),
                "ideogram.kafka.topic=" + JOBS,
                "ideogram.kafka.outcomes-topic=" + OUTCOMES,
                "ideogram.kafka.group-id=" + GROUP,
                // a dead member's partitions move after the session timeout (Kafka's default is 45 s)
                "camel.component.kafka.session-timeout-ms=6000",
                "camel.component.kafka.heartbeat-interval-ms=1000"));
    }

    @AfterEach
    void stopAll() throws Exception {
        if (apps != null) {
            apps.close();
        }
        if (replicate != null) {
            Files.write(HOME.resolve("stub-requests.log"), stub.requestLog());
            replicate.shutDown();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void threeInstancesInOneGroupRunEveryJobOnceWhileOneIsKilledAndRestartedAndEachIdGetsOneStoredOutcome()
            throws Exception {
        for (String instance : INSTANCES) {
            // one token per instance: the stub's journal then says which instance sent a call
            String token = "ideogram.providers.replicate.api-token=" + TOKEN + instance;
            if (instance.equals(VICTIM)) {
                apps.start(instance, token, "camel.component.seda.queue-size=4");
            } else {
                apps.start(instance, token);
            }
        }
        for (String instance : INSTANCES) {
            apps.awaitStarted(instance, Duration.ofSeconds(120));
        }
        // every instance in the group with its share of the partitions before the jobs come
        ClusterApps.waitUntil(Duration.ofSeconds(60), () -> groupIsStableWith(INSTANCES.size()),
                () -> "the consumer group never had three members: " + group());
        replicate.hold(stub.authorization(VICTIM));
        long produced = System.nanoTime();
        produce();

        // b fills its slots with held predictions, its queue with received jobs, and its consumer then waits with
        // records polled but uncommitted. Killed when it has sent no create for a second (none on the wire) and has
        // polled each of its predictions (a poll follows the journal's created, so each is journaled)
        ClusterApps.waitUntil(timeout, () -> {
            Set<String> running = stub.runningOf(VICTIM);
            return running.size() >= MAX_IN_FLIGHT && stub.millisSinceLastCreate(VICTIM) > 1000
                    && stub.pollersAfter(0, running).getOrDefault(VICTIM, Set.of()).containsAll(running)
                    && uncommitted() > 0;
        }, () -> "instance " + VICTIM + " never had its slots full and records uncommitted: " + progress());
        long uncommittedAtKill = uncommitted();
        apps.kill(VICTIM);
        long killed = System.currentTimeMillis();
        Set<String> orphaned = stub.runningOf(VICTIM);
        System.out.printf("killed %s with %d images stored, %d of its predictions running %s, %d records"
                + " uncommitted%n", VICTIM, images().size(), orphaned.size(), orphaned, uncommittedAtKill);
        replicate.release();

        // its lease lapses: a and c poll its predictions (its session times out meanwhile and they read its
        // partitions on); b is started again then, and rejoins the group while they still work
        ClusterApps.waitUntil(timeout, () -> stub.pollersAfter(killed, orphaned).entrySet().stream()
                .filter(e -> !e.getKey().equals(VICTIM)).flatMap(e -> e.getValue().stream())
                .collect(Collectors.toSet()).containsAll(orphaned),
                () -> "the others never took over " + VICTIM + "'s work: " + progress() + "; polled since the kill"
                        + " by " + stub.pollersAfter(killed, orphaned));
        Map<String, Set<String>> takenOverBy = stub.pollersAfter(killed, orphaned);
        apps.start(VICTIM, "ideogram.providers.replicate.api-token=" + TOKEN + VICTIM);

        // settled: every id has an outcome, nothing unfinished or claimed in the journal, every record committed;
        // nothing can run any more after that, so a second payment would be in the stub's journal now. Once b is
        // back in the group (its start-up resume has run), once more
        try {
            ClusterApps.waitUntil(timeout, () -> settled() && idsWithStoredOutcome().size() >= jobs,
                    () -> "not settled");
        } catch (AssertionError notSettled) {
            System.out.println("not settled after " + timeout.toSeconds() + " s: " + progress());
        }
        apps.awaitStarted(VICTIM, Duration.ofSeconds(120));
        try {
            ClusterApps.waitUntil(Duration.ofSeconds(60), () -> groupIsStableWith(INSTANCES.size()) && settled(),
                    () -> "not settled");
        } catch (AssertionError notSettled) {
            System.out.println("not settled after " + timeout.toSeconds() + " s: " + progress());
        }
        System.out.printf("%d jobs over Kafka, three instances (one killed and restarted), %d ms from the produce:"
                + " %s%n", jobs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - produced), progress());

        Map<String, Long> createsPerPrompt = stub.createsPerPrompt();
        assertThat(createsPerPrompt.keySet()).as("every job was sent")
                .containsExactlyInAnyOrderElementsOf(ids().stream().map(KafkaClusterIT::prompt).toList());
        assertThat(createsPerPrompt.entrySet().stream().filter(e -> e.getValue() != 1).toList())
                .as("jobs created more than once (paid twice)").isEmpty();

        List<String> expectedImages = ids().stream().map(id -> "kafka-" + id + "-1.png").toList();
        List<String> expectedSidecars = ids().stream().map(id -> "kafka-" + id + "-1.json").toList();
        assertThat(files(HOME.resolve("outbox"))).as("each image once with its sidecar, no second copy")
                .containsExactlyInAnyOrderElementsOf(Stream.concat(expectedImages.stream(), expectedSidecars.stream())
                        .toList());
        Set<String> predictions = new TreeSet<>();
        for (String id : ids()) {
            assertThat(Files.readAllBytes(HOME.resolve("outbox").resolve("kafka-" + id + "-1.png"))).as(id)
                    .isEqualTo(PNG);
            predictions.add(JSON.readTree(HOME.resolve("outbox").resolve("kafka-" + id + "-1.json").toFile())
                    .path("prediction_id").asText());
        }
        assertThat(predictions).as("each image comes from a prediction of its own").hasSize(jobs);
        assertThat(predictions).as("the killed instance's running predictions were stored, never created again")
                .containsAll(orphaned);
        assertThat(filesUnder(HOME.resolve("failed"))).as("no dead letter").isEmpty();

        Map<String, List<JsonNode>> outcomes = outcomesById();
        assertThat(outcomes.keySet()).as("every id has an outcome, and no outcome without an id")
                .containsExactlyInAnyOrderElementsOf(ids());
        String sha256 = sha256(PNG);
        for (String id : ids()) {
            List<JsonNode> stored = outcomes.get(id).stream().filter(o -> o.path("state").asText().equals("stored"))
                    .toList();
            assertThat(stored).as("stored outcomes of %s: %s", id, outcomes.get(id)).hasSize(1);
            JsonNode image = stored.get(0).path("images").get(0);
            assertThat(image.path("location").asText()).as(id).endsWith("kafka-" + id + "-1.png");
            assertThat(image.path("sha256").asText()).as(id).isEqualTo(sha256);
            assertThat(outcomes.get(id)).as("the other outcomes of %s only point at the stored one", id)
                    .allSatisfy(o -> assertThat(o.path("state").asText()).isIn("stored", "duplicate"));
        }
        long duplicates = outcomes.values().stream().flatMap(List::stream)
                .filter(o -> o.path("state").asText().equals("duplicate")).count();
        long fromJournal = outcomes.values().stream().flatMap(List::stream)
                .filter(o -> o.path("state").asText().equals("stored") && o.path("source").isMissingNode()).count();
        System.out.printf("outcomes: %d stored, %d duplicate (redeliveries), %d stored by a take-over from the"
                + " journal; %s's predictions polled after the kill by %s%n", jobs, duplicates, fromJournal, VICTIM,
                takenOverBy);
        assertThat(fromJournal).as("the killed instance's running and queued jobs, taken over from the journal,"
                + " published their outcomes").isGreaterThanOrEqualTo(orphaned.size());
        assertThat(takenOverBy.keySet()).as("instances that took over %s's predictions", VICTIM)
                .containsAnyOf("a", "c");
        assertThat(kafka.isCommittedToTheEnd(GROUP, JOBS)).as("every record committed").isTrue();
    }

    // --- Kafka -----------------------------------------------------------------------------------------------------

    private List<String> ids() {
        return IntStream.rangeClosed(1, jobs).mapToObj(i -> String.format("job-%03d", i)).toList();
    }

    private static String prompt(String id) {
        return "kafka cluster prompt " + id;
    }

    /** All jobs at once, spread evenly over the partitions, keyed by their id as a producer would. */
    private void produce() throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            List<String> ids = ids();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String job = JSON.writeValueAsString(Map.of("id", id, "prompt", prompt(id)));
                sent.add(producer.send(new ProducerRecord<>(JOBS, i % PARTITIONS, id, job)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Map<String, List<JsonNode>> outcomesById() {
        Map<String, List<JsonNode>> byId = new TreeMap<>();
        for (ConsumerRecord<String, String> record : kafka.records(OUTCOMES)) {
            try {
                JsonNode outcome = JSON.readTree(record.value());
                byId.computeIfAbsent(String.valueOf(record.key()), k -> new ArrayList<>()).add(outcome);
                assertThat(outcome.path("id").asText()).as("outcome keyed by its id").isEqualTo(record.key());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byId;
    }

    private Set<String> idsWithStoredOutcome() {
        return outcomesById().entrySet().stream().filter(e -> e.getValue().stream()
                .anyMatch(o -> o.path("state").asText().equals("stored"))).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Records of the jobs topic the group has not committed yet. */
    private long uncommitted() {
        try {
            Map<Integer, Long> committed = kafka.committedOffsets(GROUP, JOBS);
            return kafka.endOffsets(JOBS).entrySet().stream()
                    .mapToLong(end -> end.getValue() - committed.getOrDefault(end.getKey(), 0L)).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean groupIsStableWith(int members) {
        ConsumerGroupDescription group = group();
        return group != null && group.groupState() == GroupState.STABLE && group.members().size() == members
                && group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum()
                        == PARTITIONS;
    }

    private ConsumerGroupDescription group() {
        try (Admin admin = kafka.admin()) {
            return admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get(10,
                    TimeUnit.SECONDS);
        } catch (Exception notYet) {
            return null;
        }
    }

    // --- the state database ----------------------------------------------------------------------------------------

    /** No unfinished journal entry and no claim left, and every record committed: nothing more can run. */
    private boolean settled() {
        try (Connection c = DriverManager.getConnection(database, TestPostgres.USER, "");
                Statement s = c.createStatement()) {
            return count(s, "SELECT count(*) FROM ideogram_journal WHERE state NOT IN ('stored', 'failed')") == 0
                    && count(s, "SELECT count(*) FROM ideogram_job_claim") == 0 && uncommitted() == 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // --- the provider's view ---------------------------------------------------------------------------------------

    private String progress() {
        return images().size() + " of " + jobs + " images, " + idsWithStoredOutcome().size() + " ids with a stored"
                + " outcome, " + uncommitted() + " records uncommitted, " + filesUnder(HOME.resolve("failed")).size()
                + " files under failed; creates per instance " + stub.createsPerInstance();
    }

    // --- the folders -----------------------------------------------------------------------------------------------

    private List<String> images() {
        return files(HOME.resolve("outbox")).stream().filter(n -> n.endsWith(".png")).toList();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
