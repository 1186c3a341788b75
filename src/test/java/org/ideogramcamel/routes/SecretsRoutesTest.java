package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.ReplicateSeeds.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A recognisable key goes through a succeeding job, a rejected one and one that fails after retries, with
 * Camel and HttpClient logging at DEBUG; then every file the app wrote and everything it logged is searched for
 * the key. Only the provider's own requests may carry it.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/secrets/inbox", "ideogram.outbox=target/it/secrets/outbox",
            "ideogram.state=target/it/secrets/state",
            "ideogram.done=target/it/secrets/done", "ideogram.failed=target/it/secrets/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=" + SecretsRoutesTest.CANARY,
            "ideogram.retry.max-redeliveries=1", "ideogram.retry.initial-delay=50"
        })
class SecretsRoutesTest {

    static final String CANARY = "r8_CANARY_7f3a9c1e5b";
    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final Path LOG = Path.of("target/test-logs/app.log");

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("secrets");
    long logStart;

    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
        Configurator.setLevel("org.apache.camel", Level.DEBUG);
        Configurator.setLevel("org.apache.hc.client5", Level.DEBUG);
        REPLICATE.stubFor(post(CREATE).withRequestBody(containing("good")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(prediction("ok1", "succeeded", REPLICATE.url("/files/ok.png"), null))));
        REPLICATE.stubFor(post(CREATE).withRequestBody(containing("rejected")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(problem(401, "Unauthenticated", "Invalid token " + "r8_CANA..."))));
        REPLICATE.stubFor(post(CREATE).withRequestBody(containing("broken")).willReturn(aResponse().withStatus(500)
                .withBody("upstream error")));
        REPLICATE.stubFor(get("/files/ok.png").willReturn(aResponse()
                .withBody(new PlaceholderRenderer().render("ok", null, null, 1, 1))));
    }

    @AfterEach
    void quiet() {
        Configurator.setLevel("org.apache.camel", Level.INFO);
        Configurator.setLevel("org.apache.hc.client5", Level.WARN);
    }

    @Test
    void theKeyAppearsNowhereButInTheProvidersRequests() throws IOException {
        folders.drop("good.json", "{\"prompt\": \"good\"}");
        folders.drop("rejected.json", "{\"prompt\": \"rejected\"}");
        folders.drop("broken.json", "{\"prompt\": \"broken\"}");
        folders.awaitProcessed("good.json");
        folders.awaitProcessed("rejected.json");
        folders.awaitProcessed("broken.json");

        REPLICATE.verify(4, postRequestedFor(urlEqualTo(CREATE)).withHeader("Authorization", equalTo("Bearer " + CANARY)));
        assertThat(folders.files(folders.outbox())).containsExactly("good-1.json", "good-1.png");
        assertThat(folders.files(folders.clientErrors())).contains("rejected.json.error.json");
        assertThat(folders.files(folders.serverErrors())).contains("broken.json.error.json");

        List<Path> written;
        try (Stream<Path> files = Files.walk(Path.of("target/it/secrets"))) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).hasSize(10); // 7 outputs and records, and one journal entry per job
        for (Path file : written) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain(CANARY);
        }
        byte[] log = Files.readAllBytes(LOG);
        String thisTest = new String(log, (int) logStart, (int) (log.length - logStart), StandardCharsets.UTF_8);
        assertThat(thisTest).as("log lines written during this test").contains("dead-lettered").doesNotContain(CANARY);
    }
}
