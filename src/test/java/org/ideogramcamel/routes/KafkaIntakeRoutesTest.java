package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.journal.FolderJournal;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.journal.JournalEntry.State;
import org.ideogramcamel.journal.JournalKeys;
import org.ideogramcamel.support.InProcessKafka;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka intake end to end: a real broker in this JVM (Kafka's KRaft test kit), the real routes and config, and a
 * Replicate stub. Jobs are published as a user's producer would; what is checked is what the user sees: images in
 * the outbox, outcome records read back from the outcomes topic, dead-letter records, the provider's create count,
 * and the consumer group's committed offsets.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            // stubs in the v2 shapes: the shipped default is Ideogram 3
            V2Models.REPLICATE,
            "ideogram.kafka.enabled=true", "ideogram.kafka.brokers=" + InProcessKafka.BROKERS_PLACEHOLDER,
            "ideogram.kafka.topic=" + KafkaIntakeRoutesTest.JOBS,
            "ideogram.kafka.outcomes-topic=" + KafkaIntakeRoutesTest.OUTCOMES,
            "ideogram.kafka.group-id=" + KafkaIntakeRoutesTest.GROUP,
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/kafka/inbox", "ideogram.outbox=target/it/kafka/outbox",
            "ideogram.state=target/it/kafka/state", "ideogram.done=target/it/kafka/done",
            "ideogram.failed=target/it/kafka/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_kafka_provider_key",
            "ideogram.providers.replicate.prefer-wait=5",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=200ms", "ideogram.poll.deadline=5s",
            "ideogram.retry.max-redeliveries=0"
        })
class KafkaIntakeRoutesTest {

    static final String JOBS = "kafka-test-jobs";
    static final String OUTCOMES = "kafka-test-outcomes";
    static final String GROUP = "kafka-test-group";
    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final InProcessKafka KAFKA = new InProcessKafka(Map.of(JOBS, 3));
    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("kafka");
    /** Ids differ in every test: the topics and the group's offsets live as long as the broker, across tests. */
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeanInject
    CamelContext context;

    @BeforeEach
    void clean() {
        folders.clean();
    }

    @Test
    void jobsFromEveryPartitionAreStoredWithTheirBytesAndEachOutcomeIsPublishedKeyedByItsId() throws Exception {
        int n = 9;
        for (int i = 0; i < n; i++) {
            String id = run + "-" + i;
            stubJob(id);
            KAFKA.publish(JOBS, i % 3, "any-key", job(id, "prompt " + id));
        }

        Map<String, JsonNode> outcomes = awaitOutcomes(n);

        for (int i = 0; i < n; i++) {
            String id = run + "-" + i;
            Path image = folders.outbox().resolve("kafka-" + id + "-1.png");
            assertThat(TestFolders.bytes(image)).as("image of %s", id).isEqualTo(png(id));
            JsonNode outcome = outcomes.get(id);
            assertThat(outcome.path("id").asText()).isEqualTo(id);
            assertThat(outcome.path("state").asText()).isEqualTo("stored");
            assertThat(outcome.path("job").asText()).isEqualTo("kafka-" + id);
            assertThat(outcome.path("provider").asText()).isEqualTo("replicate");
            assertThat(outcome.path("images")).hasSize(1);
            JsonNode stored = outcome.path("images").get(0);
            assertThat(Path.of(stored.path("location").asText()).toAbsolutePath().normalize())
                    .isEqualTo(image.toAbsolutePath().normalize());
            assertThat(stored.path("sha256").asText()).isEqualTo(sha256(png(id)));
            assertThat(stored.path("content_type").asText()).isEqualTo("image/png");
            assertThat(TestFolders.json(Path.of(stored.path("sidecar").asText())).path("prompt").asText())
                    .isEqualTo("prompt " + id);
        }
        assertThat(folders.files(folders.outbox())).hasSize(2 * n);
        REPLICATE.verify(n, postRequestedFor(urlEqualTo(CREATE)));
        // one outcome per job: the start-up resume (500 ms after start) leaves the jobs this run took to the consumer
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                KAFKA.records(OUTCOMES).stream().filter(record -> record.key() != null
                        && record.key().startsWith(run + "-"))).hasSize(n));
        // every record of every partition is committed: a consumer of the group starts after them
        assertThat(KAFKA.isCommittedToTheEnd(GROUP, JOBS)).isTrue();
    }

    @Test
    void theSameIdPublishedTwiceIsPaidOnceAndTheSecondOutcomeSaysDuplicate() {
        String id = run + "-twice";
        stubJob(id);
        KAFKA.publish(JOBS, 1, id, job(id, "prompt " + id));
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomesOf(id).size() == 1);
        // delivered again, even on another partition (a producer retry, a replayed topic)
        KAFKA.publish(JOBS, 2, id, job(id, "prompt " + id));

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomesOf(id).size() == 2);
        List<JsonNode> outcomes = outcomesOf(id);
        assertThat(outcomes.get(0).path("state").asText()).isEqualTo("stored");
        assertThat(outcomes.get(1).path("state").asText()).isEqualTo("duplicate");
        assertThat(outcomes.get(1).path("reason").asText()).startsWith("already stored at ");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.input.prompt", equalTo("prompt " + id))));
        assertThat(folders.files(folders.outbox())).containsExactly("kafka-" + id + "-1.json", "kafka-" + id + "-1.png");
    }

    @Test
    void theSameIdTwiceInARowRunsOnceWhileTheOtherDeliveryIsADuplicate() {
        String id = run + "-burst";
        stubJob(id);
        KAFKA.publish(JOBS, 0, id, job(id, "prompt " + id));
        KAFKA.publish(JOBS, 0, id, job(id, "prompt " + id));

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomesOf(id).size() == 2);
        assertThat(outcomesOf(id)).extracting(outcome -> outcome.path("state").asText())
                .containsExactlyInAnyOrder("stored", "duplicate");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.input.prompt", equalTo("prompt " + id))));
        assertThat(folders.files(folders.outbox())).containsExactly("kafka-" + id + "-1.json", "kafka-" + id + "-1.png");
    }

    @Test
    void anIdWhoseJobFailedIsADuplicateTooSoARedeliveryNeverPaysAgain() {
        String id = run + "-refused";
        REPLICATE.stubFor(post(CREATE).withRequestBody(matchingJsonPath("$.input.prompt", equalTo("prompt " + id)))
                .willReturn(json(422, "{\"title\": \"Input validation failed\", \"status\": 422,"
                        + " \"detail\": \"- input.prompt: prompt is flagged\"}")));
        KAFKA.publish(JOBS, 1, id, job(id, "prompt " + id));
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomesOf(id).size() == 1);
        KAFKA.publish(JOBS, 1, id, job(id, "prompt " + id));

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomesOf(id).size() == 2);
        JsonNode failed = outcomesOf(id).get(0);
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("reason").asText()).contains("422");
        assertThat(failed.path("dead_letter_channel").asText()).isEqualTo("client-errors");
        JsonNode duplicate = outcomesOf(id).get(1);
        assertThat(duplicate.path("state").asText()).isEqualTo("duplicate");
        assertThat(duplicate.path("reason").asText()).startsWith("already failed at ")
                .endsWith("; send it with a new id to run it again");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withRequestBody(matchingJsonPath("$.input.prompt", equalTo("prompt " + id))));
    }

    @Test
    void badMessagesEndAsDeadLettersWithFailedOutcomesAndTheirPartitionGoesOn() throws Exception {
        long first = KAFKA.endOffsets(JOBS).get(0);
        String invalid = run + "-invalid";
        String good = run + "-good";
        stubJob(good);
        KAFKA.publish(JOBS, 0, null, "{\"id\": \"" + run + "-broken\", \"prompt\": ");
        KAFKA.publish(JOBS, 0, null, "{\"prompt\": \"a job without an id\"}");
        KAFKA.publish(JOBS, 0, invalid, "{\"id\": \"" + invalid + "\", \"prompt\": \"x\", \"aspect_ratio\": \"7:5\"}");
        KAFKA.publish(JOBS, 0, good, job(good, "prompt " + good));

        await().atMost(Duration.ofSeconds(30)).until(() -> outcomesOf(good).size() == 1);
        assertThat(outcomesOf(good).get(0).path("state").asText()).isEqualTo("stored");
        assertThat(TestFolders.bytes(folders.outbox().resolve("kafka-" + good + "-1.png"))).isEqualTo(png(good));

        JsonNode notJson = outcomeAt(first);
        assertThat(notJson.path("state").asText()).isEqualTo("failed");
        assertThat(notJson.path("id").isNull()).isTrue();
        assertThat(notJson.path("reason").asText()).startsWith("malformed JSON");
        assertThat(notJson.path("dead_letter_channel").asText()).isEqualTo("client-errors");
        JsonNode noId = outcomeAt(first + 1);
        assertThat(noId.path("state").asText()).isEqualTo("failed");
        assertThat(noId.path("reason").asText()).startsWith("the message has no \"id\"");
        List<JsonNode> invalidOutcomes = outcomesOf(invalid);
        assertThat(invalidOutcomes).hasSize(1);
        assertThat(invalidOutcomes.get(0).path("state").asText()).isEqualTo("failed");
        assertThat(invalidOutcomes.get(0).path("reason").asText()).startsWith("aspect_ratio: '7:5' is not allowed");

        String recordName = "kafka-" + JOBS + "-0-";
        assertThat(TestFolders.errorRecord(folders.clientErrors(), recordName + first + ".json")
                .path("reason").asText()).startsWith("malformed JSON");
        assertThat(TestFolders.errorRecord(folders.clientErrors(), recordName + (first + 1) + ".json")
                .path("reason").asText()).startsWith("the message has no \"id\"");
        assertThat(TestFolders.errorRecord(folders.clientErrors(), "kafka-" + invalid + ".json")
                .path("reason").asText()).startsWith("aspect_ratio: '7:5' is not allowed");
        // the original message is kept beside its record
        assertThat(Files.readString(folders.clientErrors().resolve("kafka-" + invalid + ".json")))
                .contains("\"id\": \"" + invalid + "\"");
        // nothing was sent for the bad ones
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> KAFKA.isCommittedToTheEnd(GROUP, JOBS));
    }

    @Test
    void committedRecordsAreNotReadAgainByARestartedConsumer() throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = run + "-" + i;
            stubJob(id);
            KAFKA.publish(JOBS, i, id, job(id, "prompt " + id));
        }
        awaitOutcomes(3);

        context.getRouteController().stopRoute("intake-kafka");
        context.getRouteController().startRoute("intake-kafka");

        // held for a while: a consumer that started from uncommitted offsets would publish outcomes again
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
            for (int i = 0; i < 3; i++) {
                assertThat(outcomesOf(run + "-" + i)).hasSize(1);
            }
        });
        REPLICATE.verify(3, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(KAFKA.isCommittedToTheEnd(GROUP, JOBS)).isTrue();
    }

    /**
     * A job that cannot run yet (today's image cap is 0, so it waits for the budget): its record is committed all the
     * same, and that is safe because by then the job is in the journal, which a restart takes it up from.
     */
    @Nested
    @CamelMainTest(properties = {"ideogram.budget.max-images=0", "camel.main.shutdown-timeout=2"})
    class WhileAJobWaits {

        @Test
        void itsRecordIsCommittedOnlyOnceItIsJournaled() {
            String id = run + "-waits";
            stubJob(id);
            KAFKA.publish(JOBS, 2, id, job(id, "prompt " + id));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> KAFKA.isCommittedToTheEnd(GROUP, JOBS));
            JournalEntry entry = journal().find(JournalKeys.ofId(id)).orElseThrow(() ->
                    new AssertionError("the record was committed but its job is not in the journal"));
            assertThat(entry.state()).isEqualTo(State.RECEIVED);
            assertThat(entry.sourceContent()).isEqualTo(job(id, "prompt " + id));
            REPLICATE.verify(0, postRequestedFor(urlEqualTo(CREATE)));
        }
    }

    /**
     * Jobs a killed run had taken from the topic (and committed): one only received, one whose prediction was
     * created. The next start takes both up from the journal and publishes their outcomes; nothing is created twice.
     */
    @Nested
    class AfterAKill {

        String received;
        String created;

        @BeforeEach
        void leftByAKilledRun() {
            received = run + "-received";
            created = run + "-created";
            stubJob(received);
            stubJob(created);
            REPLICATE.stubFor(get("/v1/predictions/p-" + created).willReturn(json(200,
                    prediction("p-" + created, "succeeded", REPLICATE.url("/files/" + created + ".png"), null))));
            // written a minute ago, as a killed run leaves them (the start-up resume runs 500 ms after start)
            left(received, State.RECEIVED, null);
            left(created, State.CREATED, "p-" + created);
        }

        @Test
        void theirJobsRunFromTheJournalAndTheirOutcomesArePublished() {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> outcomesOf(received).size() == 1 && outcomesOf(created).size() == 1);

            assertThat(outcomesOf(received).get(0).path("state").asText()).isEqualTo("stored");
            assertThat(outcomesOf(created).get(0).path("state").asText()).isEqualTo("stored");
            assertThat(TestFolders.bytes(folders.outbox().resolve("kafka-" + received + "-1.png")))
                    .isEqualTo(png(received));
            assertThat(TestFolders.bytes(folders.outbox().resolve("kafka-" + created + "-1.png")))
                    .isEqualTo(png(created));
            REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE))
                    .withRequestBody(matchingJsonPath("$.input.prompt", equalTo("prompt " + received))));
            // polled, never created again
            REPLICATE.verify(0, postRequestedFor(urlEqualTo(CREATE))
                    .withRequestBody(matchingJsonPath("$.input.prompt", equalTo("prompt " + created))));
        }

        private void left(String id, State state, String predictionId) {
            String name = "kafka-" + id;
            ImageJob job = new ImageJob(name, "prompt " + id, null, null, null, null, null, null, null, null, null,
                    "replicate", "generate", null, null, null);
            String then = Instant.now().minusSeconds(60).toString();
            journal().write(new JournalEntry(JournalKeys.ofId(id), state, name, name + ".json", null,
                    job(id, "prompt " + id), "replicate", "ideogram-ai/ideogram-v2-turbo", job, predictionId,
                    predictionId, null, then, then));
        }
    }

    private static FolderJournal journal() {
        return new FolderJournal(Path.of("target/it/kafka/state/journal"));
    }

    private void stubJob(String id) {
        REPLICATE.stubFor(post(CREATE).withRequestBody(matchingJsonPath("$.input.prompt", equalTo("prompt " + id)))
                .willReturn(json(201, prediction("p-" + id, "succeeded", REPLICATE.url("/files/" + id + ".png"), null))));
        REPLICATE.stubFor(get("/files/" + id + ".png").willReturn(aResponse().withBody(png(id))));
    }

    private static String job(String id, String prompt) {
        return "{\"id\": \"" + id + "\", \"prompt\": \"" + prompt + "\"}";
    }

    private static byte[] png(String id) {
        return new PlaceholderRenderer().render("image of " + id, null, "1:1", 1, 1);
    }

    private Map<String, JsonNode> awaitOutcomes(int n) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Map<String, JsonNode> mine = new HashMap<>();
            for (ConsumerRecord<String, String> record : KAFKA.records(OUTCOMES)) {
                if (record.key() != null && record.key().startsWith(run + "-")) {
                    JsonNode outcome = JSON.readTree(record.value());
                    assertThat(outcome.path("id").asText()).isEqualTo(record.key());
                    mine.put(record.key(), outcome);
                }
            }
            return mine;
        }, mine -> mine.size() >= n);
    }

    /** The outcomes published for this id (the record's key), in the order they were published. */
    private List<JsonNode> outcomesOf(String id) {
        return KAFKA.records(OUTCOMES).stream().filter(record -> id.equals(record.key()))
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .map(record -> read(record.value())).toList();
    }

    /** The outcome of the record at this offset of partition 0 of the jobs topic. */
    private JsonNode outcomeAt(long offset) {
        return KAFKA.records(OUTCOMES).stream().map(record -> read(record.value()))
                .filter(outcome -> outcome.path("source").path("topic").asText().equals(JOBS)
                        && outcome.path("source").path("partition").asInt() == 0
                        && outcome.path("source").path("offset").asLong() == offset)
                .findFirst().orElseThrow(() -> new AssertionError("no outcome for offset " + offset));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("an outcome that is not JSON: " + json, e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
