package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.TestPostgres;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The state database stops while the app runs: readiness goes DOWN naming the cause and the key, no prompt file is
 * taken and nothing is sent while it is down, and once it is back the app takes the waiting file by itself and pays
 * for it once.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            // ReplicateSeeds answers in the v2 shapes: the shipped default is Ideogram 3
            V2Models.REPLICATE,
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/dbdown/inbox", "ideogram.outbox=target/it/dbdown/outbox",
            "ideogram.state=target/it/dbdown/state",
            "ideogram.done=target/it/dbdown/done", "ideogram.failed=target/it/dbdown/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_dbdown",
            "ideogram.providers.replicate.prefer-wait=0",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=100ms",
            "ideogram.state.store=jdbc", "ideogram.state.jdbc.url={{sys:" + StateDatabaseDownRoutesTest.URL + "}}",
            "ideogram.state.jdbc.user=" + TestPostgres.USER,
            "ideogram.state.lease=2s", "ideogram.instance-id=only"
        })
class StateDatabaseDownRoutesTest {

    static final String URL = "ideogram-test.dbdown.jdbc-url";
    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final byte[] PNG = new PlaceholderRenderer().render("dbdown", null, "1:1", 1, 5);
    static final Path DATA;
    static final int PORT;
    static EmbeddedPostgres server;

    static {
        try {
            DATA = Files.createTempDirectory("ideogram-dbdown");
            server = EmbeddedPostgres.builder().setDataDirectory(DATA).setCleanDataDirectory(false).start();
            PORT = server.getPort();
            System.setProperty(URL, TestPostgres.jdbcUrl(PORT, "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("dbdown");

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void whileTheDatabaseIsDownNothingIsTakenAndOnceItIsBackTheFileIsPaidOnce() throws Exception {
        folders.clean();
        REPLICATE.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("p-1", "succeeded", REPLICATE.url("/files/one.png"), null))));
        await().atMost(Duration.ofSeconds(10)).until(() -> stateDatabase().getState() == HealthCheck.State.UP);

        server.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> stateDatabase().getState() == HealthCheck.State.DOWN);
        assertThat(stateDatabase().getMessage()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("the state database cannot be reached (").contains("ideogram.state.jdbc.url"));

        folders.drop("during.txt", "dropped while the database is down");
        Thread.sleep(4000);
        assertThat(folders.files(folders.inbox())).containsExactly("during.txt");
        REPLICATE.verify(0, anyRequestedFor(anyUrl()));

        server = EmbeddedPostgres.builder().setDataDirectory(DATA).setCleanDataDirectory(false).setPort(PORT).start();
        folders.awaitProcessed("during.txt");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.done())).containsExactly("during.txt");
        assertThat(folders.files(folders.outbox())).containsExactly("during-1.json", "during-1.png");
        await().atMost(Duration.ofSeconds(10)).until(() -> stateDatabase().getState() == HealthCheck.State.UP);
    }

    /**
     * The database stops while a create is on the wire: the provider answers (the prediction is paid) while its
     * journal entry cannot be written. The job waits for the database instead of being dead-lettered, and once it
     * is back the prediction is journaled, polled and stored: paid once, nothing lost, no dead letter.
     */
    @Test
    void aCreateAnsweredWhileTheDatabaseIsDownWaitsForItAndIsStoredOnceItIsBack() throws Exception {
        folders.clean();
        REPLICATE.stubFor(get("/files/paid.png").willReturn(aResponse().withBody(PNG)));
        REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction("p-2", "starting", null, null))
                .withFixedDelay(2500)));
        REPLICATE.stubFor(get("/v1/predictions/p-2").willReturn(json(200,
                prediction("p-2", "succeeded", REPLICATE.url("/files/paid.png"), null))));
        await().atMost(Duration.ofSeconds(20)).until(() -> stateDatabase().getState() == HealthCheck.State.UP);

        folders.drop("paid.txt", "answered while the database is down");
        await().atMost(Duration.ofSeconds(20)).until(() -> !REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE)))
                .isEmpty());
        server.close();
        long closed = System.nanoTime();
        // the answer comes while the database is down, and the journal write of the prediction cannot be made: down
        // for longer than the answer's delay plus the pool's 5 s connection timeout, so that the write fails
        await().atMost(Duration.ofSeconds(20)).until(() -> stateDatabase().getState() == HealthCheck.State.DOWN);
        Thread.sleep(Math.max(0, 10_000 - (System.nanoTime() - closed) / 1_000_000));
        assertThat(folders.files(folders.inbox())).as("the job waits").containsExactly("paid.txt");

        server = EmbeddedPostgres.builder().setDataDirectory(DATA).setCleanDataDirectory(false).setPort(PORT).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(folders.inbox().resolve("paid.txt")));
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.done())).containsExactly("paid.txt");
        assertThat(folders.files(folders.outbox())).containsExactly("paid-1.json", "paid-1.png");
        assertThat(Files.readAllBytes(folders.outbox().resolve("paid-1.png"))).isEqualTo(PNG);
        assertThat(folders.files(folders.clientErrors())).isEmpty();
        assertThat(folders.files(folders.serverErrors())).isEmpty();
        assertThat(folders.files(Path.of("target/it/dbdown/failed/unprocessed"))).isEmpty();
    }

    private HealthCheck.Result stateDatabase() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals("ideogram-state-database")).findFirst()
                .orElseThrow(() -> new AssertionError("no ideogram-state-database check"));
    }
}
