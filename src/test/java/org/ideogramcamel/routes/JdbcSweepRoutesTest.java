package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;
import static org.ideogramcamel.support.TestFolders.errorRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.journal.JournalEntry.State;
import org.ideogramcamel.state.InstanceId;
import org.ideogramcamel.state.jdbc.JdbcJobClaims;
import org.ideogramcamel.state.jdbc.JdbcJournal;
import org.ideogramcamel.support.KilledRun;
import org.ideogramcamel.support.SharedStateRows;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.TestPostgres;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several instances on one database: the jobs of an instance that died are taken up by this one once its lease
 * lapsed (a created prediction polled, never created again; an unanswered create dead-lettered as outcome
 * unknown), and the jobs of an instance that lives are never touched. The other instances are rows written by
 * hand, as a killed JVM leaves them.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            // ReplicateSeeds answers in the v2 shapes: the shipped default is Ideogram 3
            V2Models.REPLICATE,
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/sweep/inbox", "ideogram.outbox=target/it/sweep/outbox",
            "ideogram.state=target/it/sweep/state",
            "ideogram.done=target/it/sweep/done", "ideogram.failed=target/it/sweep/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_sweep",
            "ideogram.providers.replicate.prefer-wait=0",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=100ms",
            "ideogram.state.store=jdbc", "ideogram.state.jdbc.url={{sys:" + JdbcSweepRoutesTest.URL + "}}",
            "ideogram.state.jdbc.user=" + TestPostgres.USER,
            "ideogram.state.lease=2s", "ideogram.instance-id=survivor"
        })
class JdbcSweepRoutesTest {

    static final String URL = "ideogram-test.sweep.jdbc-url";
    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final byte[] PNG = new PlaceholderRenderer().render("sweep", null, "1:1", 1, 5);

    static {
        System.setProperty(URL, TestPostgres.newDatabase());
    }

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("sweep");

    @BeanInject
    CamelContext context;

    @BeforeEach
    void reset() {
        folders.clean();
        REPLICATE.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
    }

    @Test
    void theJobsOfAnInstanceThatDiedAreTakenUpOnceItsLeaseLapsed() throws Exception {
        KilledRun.afterTheStartUpResume();
        SharedStateRows.diedAnHourAgo(context, "dead-1");
        leftBy("dead-1", State.CREATED, "gone.txt", "p-gone");
        leftBy("dead-1", State.SENDING, "maybe.txt", null);
        REPLICATE.stubFor(get("/v1/predictions/p-gone").willReturn(json(200,
                prediction("p-gone", "succeeded", REPLICATE.url("/files/one.png"), null))));

        await().atMost(Duration.ofSeconds(10)).until(() -> folders.files(folders.outbox()).contains("gone-1.png")
                && folders.files(folders.serverErrors()).contains("maybe.txt.error.json"));

        REPLICATE.verify(0, postRequestedFor(anyUrl()));
        REPLICATE.verify(1, getRequestedFor(urlEqualTo("/v1/predictions/p-gone")));
        assertThat(errorRecord(folders.serverErrors(), "maybe.txt").path("reason").asText())
                .startsWith("outcome unknown: the create of job maybe");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(journal().unfinished()).isEmpty());
        assertThat(journal().find(key("gone.txt")).orElseThrow().state()).isEqualTo(State.STORED);
    }

    @Test
    void theJobsOfALiveInstanceAreNeverTakenAndAreOnceItDies() throws Exception {
        KilledRun.afterTheStartUpResume();
        JdbcJobClaims alive = new JdbcJobClaims(dataSource(), new InstanceId("alive-1"), Duration.ofSeconds(2));
        alive.heartbeat();
        leftBy("alive-1", State.CREATED, "busy.txt", "p-busy");
        REPLICATE.stubFor(get("/v1/predictions/p-busy").willReturn(json(200,
                prediction("p-busy", "succeeded", REPLICATE.url("/files/one.png"), null))));

        // three leases with the owner's heartbeat going: several sweeps pass, none takes the job
        Instant until = Instant.now().plusSeconds(6);
        while (Instant.now().isBefore(until)) {
            alive.heartbeat();
            Thread.sleep(300);
        }
        REPLICATE.verify(0, anyRequestedFor(anyUrl()));
        assertThat(folders.files(folders.outbox())).isEmpty();
        assertThat(journal().find(key("busy.txt")).orElseThrow().state()).isEqualTo(State.CREATED);

        // the owner dies: its prediction is polled here, never created again
        await().atMost(Duration.ofSeconds(10)).until(() -> folders.files(folders.outbox()).contains("busy-1.png"));
        REPLICATE.verify(0, postRequestedFor(anyUrl()));
        REPLICATE.verify(1, getRequestedFor(urlEqualTo("/v1/predictions/p-busy")));
    }

    @Test
    void aPromptFileAnotherLiveInstanceTookIsLeftToItAndTakenUpOnceThatInstanceDied() throws Exception {
        REPLICATE.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(CREATE).willReturn(json(201,
                prediction("p-new", "succeeded", REPLICATE.url("/files/one.png"), null))));
        java.nio.file.Path file = folders.inbox().resolve("shared.txt").toAbsolutePath();
        java.nio.file.Files.createDirectories(folders.inbox());
        try (Connection c = dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES ('ideogram-inbox', ?,"
                        + " now())")) {
            insert.setString(1, file.toString());
            insert.executeUpdate();
        }
        folders.drop("shared.txt", "shared fox");

        // the other instance keeps its claim alive (as its repository does) for longer than the claim's age limit
        Instant until = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(until)) {
            try (Connection c = dataSource().getConnection()) {
                c.createStatement().executeUpdate("UPDATE CAMEL_MESSAGEPROCESSED SET createdAt = now()");
            }
            Thread.sleep(300);
        }
        assertThat(folders.files(folders.inbox())).containsExactly("shared.txt");
        REPLICATE.verify(0, anyRequestedFor(anyUrl()));

        // it died: once its claim is older than 1.5 leases the file is taken here, once
        folders.awaitProcessed("shared.txt");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.done())).containsExactly("shared.txt");
        assertThat(folders.files(folders.outbox())).containsExactly("shared-1.json", "shared-1.png");
    }


    /** What an instance that ran the job of {@code file} leaves: its journal entry and its claim. */
    private void leftBy(String instance, State state, String file, String predictionId) throws Exception {
        String name = file.replace(".txt", "");
        ImageJob job = new ImageJob(name, name, null, null, null, null, null, null, null, null, null, "replicate",
                "generate", null, null, null);
        String now = Instant.now().toString();
        SharedStateRows.leftBy(context, instance, new JournalEntry(
                key(file), state, name, file, null, name, "replicate", null, job,
                predictionId, predictionId, null, now, now));
    }

    private static String key(String file) {
        return KilledRun.keyOf(file, file.replace(".txt", ""));
    }

    private JdbcJournal journal() {
        return SharedStateRows.journal(context);
    }

    private DataSource dataSource() {
        return SharedStateRows.dataSource(context);
    }
}
