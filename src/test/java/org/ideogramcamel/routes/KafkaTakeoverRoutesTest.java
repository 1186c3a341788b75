package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.journal.JournalEntry.State;
import org.ideogramcamel.journal.JournalKeys;
import org.ideogramcamel.state.jdbc.JdbcJournal;
import org.ideogramcamel.support.InProcessKafka;
import org.ideogramcamel.support.KilledRun;
import org.ideogramcamel.support.SharedStateRows;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several instances on one database and one Kafka consumer group: the Kafka jobs an instance that died had journaled
 * (one waiting in its queue, one whose prediction was running) are taken over here once its lease lapsed, through
 * the Kafka intake, so that each one's outcome is published to the outcomes topic: the queued one is created once,
 * the running one polled, never created again. The dead instance is rows written by hand, as a killed JVM leaves
 * them.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            // ReplicateSeeds answers in the v2 shapes: the shipped default is Ideogram 3
            "ideogram.providers.replicate.model=ideogram-v2-turbo",
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/kafka-takeover/inbox", "ideogram.outbox=target/it/kafka-takeover/outbox",
            "ideogram.state=target/it/kafka-takeover/state",
            "ideogram.done=target/it/kafka-takeover/done", "ideogram.failed=target/it/kafka-takeover/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_takeover",
            "ideogram.providers.replicate.prefer-wait=0",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=100ms",
            "ideogram.state.store=jdbc", "ideogram.state.jdbc.url={{sys:" + KafkaTakeoverRoutesTest.URL + "}}",
            "ideogram.state.jdbc.user=" + TestPostgres.USER,
            "ideogram.state.lease=2s", "ideogram.instance-id=survivor",
            "ideogram.kafka.enabled=true", "ideogram.kafka.brokers=" + InProcessKafka.BROKERS_PLACEHOLDER,
            "ideogram.kafka.topic=" + KafkaTakeoverRoutesTest.JOBS,
            "ideogram.kafka.outcomes-topic=" + KafkaTakeoverRoutesTest.OUTCOMES,
            "ideogram.kafka.group-id=kafka-takeover-group"
        })
class KafkaTakeoverRoutesTest {

    static final String URL = "ideogram-test.kafka-takeover.jdbc-url";
    static final String JOBS = "kafka-takeover-jobs";
    static final String OUTCOMES = "kafka-takeover-outcomes";
    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final byte[] PNG = new PlaceholderRenderer().render("takeover", null, "1:1", 1, 5);
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty(URL, TestPostgres.newDatabase());
    }

    @RegisterExtension
    static final InProcessKafka KAFKA = new InProcessKafka(Map.of(JOBS, 2, OUTCOMES, 1));
    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("kafka-takeover");
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeanInject
    CamelContext context;

    @BeforeEach
    void reset() {
        folders.clean();
        REPLICATE.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
    }

    @Test
    void theKafkaJobsOfAnInstanceThatDiedAreTakenOverOnceAndTheirOutcomesPublished() throws Exception {
        KilledRun.afterTheStartUpResume();
        String queued = run + "-queued";
        String running = run + "-running";
        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("p-queued", "succeeded", REPLICATE.url("/files/one.png"), null))));
        REPLICATE.stubFor(get("/v1/predictions/p-running").willReturn(json(200,
                prediction("p-running", "succeeded", REPLICATE.url("/files/one.png"), null))));
        SharedStateRows.diedAnHourAgo(context, "dead-" + run);
        leftBy("dead-" + run, queued, State.RECEIVED, null);
        leftBy("dead-" + run, running, State.CREATED, "p-running");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> stored(queued).size() == 1 && stored(running).size() == 1);

        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        REPLICATE.verify(1, getRequestedFor(urlEqualTo("/v1/predictions/p-running")));
        for (String id : List.of(queued, running)) {
            JsonNode outcome = stored(id).get(0);
            assertThat(outcome.path("job").asText()).isEqualTo("kafka-" + id);
            assertThat(outcome.path("source").isMissingNode()).as("taken over from the journal").isTrue();
            assertThat(TestFolders.bytes(folders.outbox().resolve("kafka-" + id + "-1.png"))).isEqualTo(PNG);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(journal().find(JournalKeys.ofId(queued))
                .orElseThrow().state()).isEqualTo(State.STORED));
        // a later sweep finds nothing more to take: no second outcome, no second create
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(outcomes(queued)).hasSize(1);
            assertThat(outcomes(running)).hasSize(1);
            REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        });
    }

    private List<JsonNode> stored(String id) {
        return outcomes(id).stream().filter(o -> o.path("state").asText().equals("stored")).toList();
    }

    private List<JsonNode> outcomes(String id) {
        return KAFKA.records(OUTCOMES).stream().filter(r -> id.equals(r.key())).map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }


    /** What an instance that consumed the record of job {@code id} leaves: its journal entry and its claim. */
    private void leftBy(String instance, String id, State state, String predictionId) throws Exception {
        String name = "kafka-" + id;
        String message = "{\"id\": \"" + id + "\", \"prompt\": \"a lamp " + id + "\"}";
        ImageJob job = new ImageJob(name, "a lamp " + id, null, null, null, null, null, null, null, null, null,
                "replicate", "generate", null, null, null);
        String now = Instant.now().toString();
        String key = JournalKeys.ofId(id);
        SharedStateRows.leftBy(context, instance, new JournalEntry(
                key, state, name, name + ".json", null, message, "replicate", null, job,
                predictionId, predictionId, null, now, now));
    }

    private JdbcJournal journal() {
        return SharedStateRows.journal(context);
    }

    private DataSource dataSource() {
        return SharedStateRows.dataSource(context);
    }
}
