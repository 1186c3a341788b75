package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.StubProvider.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.RouteCredential;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.ReplicateSeeds;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.WaveSpeedSeeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kamelets as a user meets them: {@code src/test/resources/user-routes/my-images.camel.yaml} was written from the
 * README's "Kamelets" section only and loaded beside the module's routes, so camel-kamelet finds
 * {@code ideogram-image-action} and {@code ideogram-image-sink} in {@code classpath:kamelets} (the copies Maven puts
 * in the jar) and builds them with its own loader. Providers are WireMock stubs in the seed documents' shapes.
 * WaveSpeed has no configured key here: only the Kamelet's {@code apiKey} parameter can make its calls succeed.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "ideogram.inbox=target/it/kamelets/inbox", "ideogram.outbox=target/it/kamelets/outbox",
            "ideogram.state=target/it/kamelets/state", "ideogram.quarantine=target/it/kamelets/quarantine",
            "ideogram.done=target/it/kamelets/done", "ideogram.failed=target/it/kamelets/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=" + KameletRoutesTest.CONFIGURED_REPLICATE_KEY,
            "ideogram.providers.wavespeed.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/api/v3",
            "ideogram.providers.wavespeed.api-key=",
            "my.wavespeed.api-key=" + KameletRoutesTest.KAMELET_KEY,
            "ideogram.retry.max-redeliveries=1", "ideogram.retry.initial-delay=50",
            "camel.main.routes-include-pattern=file:routes/*.camel.yaml,classpath:user-routes/*.camel.yaml",
            // the dumps a user may switch on print every route, Kamelet routes included, placeholders resolved
            "camel.main.dump-routes=yaml", "camel.main.dump-routes-include=all"
        })
class KameletRoutesTest {

    static final String CONFIGURED_REPLICATE_KEY = "r8_CONFIGURED_3c9e1a";
    static final String KAMELET_KEY = "ws_KAMELET_CANARY_8d2f6b";
    // the shipped default models (Ideogram 3 Turbo): the Kamelets' credentials go through the v3 requests
    static final String REPLICATE_CREATE = "/v1/models/ideogram-ai/ideogram-v3-turbo/predictions";
    static final String WAVESPEED_CREATE = "/api/v3/ideogram-ai/ideogram-v3-turbo";
    static final byte[] PNG = new PlaceholderRenderer().render("kamelet stub", null, "16:9", 1, 7);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path LOG = Path.of("target/test-logs/app.log");
    /** Taken when the class loads, before Camel starts: the start-up summary and the route dump count too. */
    static final long LOG_AT_CLASS_LOAD = logSize();

    static {
        // everything Camel says while it builds, starts and runs the Kamelet routes, at DEBUG
        Configurator.setLevel("org.apache.camel", Level.DEBUG);
    }

    @RegisterExtension
    static final StubProvider STUB = new StubProvider();
    final TestFolders folders = new TestFolders("kamelets");

    @org.apache.camel.Produce
    ProducerTemplate template;

    @BeforeEach
    void reset() {
        folders.clean();
        STUB.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
        STUB.stubFor(post(REPLICATE_CREATE).willReturn(json(201,
                ReplicateSeeds.prediction("p1", "succeeded", STUB.url("/files/one.png"), null))));
        STUB.stubFor(post(WAVESPEED_CREATE).willReturn(json(200,
                WaveSpeedSeeds.completed("w1", STUB.url("/files/one.png")))));
        STUB.stubFor(post(WAVESPEED_CREATE).withRequestBody(containing("rejected")).willReturn(json(401,
                WaveSpeedSeeds.problem(401, "Invalid API key"))));
    }

    @AfterAll
    static void quiet() {
        Configurator.setLevel("org.apache.camel", Level.INFO);
    }

    @Test
    void theActionStoresTheImageAndRepliesWithItsLocationAsJson() throws Exception {
        String reply = template.requestBody("direct:posters", "A jazz festival poster", String.class);

        JsonNode answer = JSON.readTree(reply);
        assertThat(answer.path("provider").asText()).isEqualTo("replicate");
        assertThat(answer.path("job").asText()).startsWith("message-");
        assertThat(answer.path("images")).hasSize(1);
        JsonNode image = answer.path("images").get(0);
        Path stored = Path.of(image.path("location").asText());
        assertThat(stored.getParent()).isEqualTo(folders.outbox().toAbsolutePath());
        assertThat(TestFolders.bytes(stored)).isEqualTo(PNG);
        assertThat(image.path("content_type").asText()).isEqualTo("image/png");
        assertThat(image.path("bytes").asLong()).isEqualTo(PNG.length);
        assertThat(image.path("sha256").asText()).isEqualTo(sha256(PNG));
        JsonNode sidecar = TestFolders.json(Path.of(image.path("sidecar").asText()));
        assertThat(sidecar.path("prompt").asText()).isEqualTo("A jazz festival poster");
        assertThat(sidecar.path("options").path("aspect_ratio").asText()).isEqualTo("16:9");

        // the Kamelet's parameters reached Replicate in its own words, with the module's configured token
        STUB.verify(1, postRequestedFor(urlEqualTo(REPLICATE_CREATE))
                .withHeader("Authorization", equalTo("Bearer " + CONFIGURED_REPLICATE_KEY))
                .withRequestBody(matchingJsonPath("$.input.aspect_ratio", equalTo("16:9")))
                .withRequestBody(matchingJsonPath("$.input.prompt", equalTo("A jazz festival poster"))));
    }

    @Test
    void theKameletsApiKeyGoesToItsOwnProviderAndOverridesTheBody() throws Exception {
        String reply = template.requestBody("direct:covers", "{\"prompt\": \"a book cover\", \"provider\": \"replicate\"}",
                String.class);

        JsonNode answer = JSON.readTree(reply);
        assertThat(answer.path("job").asText()).isEqualTo("cover");
        assertThat(answer.path("provider").asText()).isEqualTo("wavespeed");
        assertThat(TestFolders.bytes(Path.of(answer.path("images").get(0).path("location").asText()))).isEqualTo(PNG);
        assertThat(folders.files(folders.outbox())).containsExactly("cover-1.json", "cover-1.png");
        STUB.verify(1, postRequestedFor(urlEqualTo(WAVESPEED_CREATE))
                .withHeader("Authorization", equalTo("Bearer " + KAMELET_KEY)));
        STUB.verify(0, postRequestedFor(urlEqualTo(REPLICATE_CREATE)));
        for (LoggedRequest request : STUB.findAll(anyRequestedFor(urlPathMatching("/files/.*")))) {
            assertThat(request.getHeaders().toString()).as("the image download").doesNotContain(KAMELET_KEY);
        }
    }

    @Test
    void theSinkIsFireAndForgetAndTheImageLandsInTheOutbox() {
        template.sendBody("direct:sketches", "a pencil sketch of a cat");

        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(folders.outbox().resolve("sketch-1.png")));
        assertThat(TestFolders.bytes(folders.outbox().resolve("sketch-1.png"))).isEqualTo(PNG);
        assertThat(TestFolders.json(folders.outbox().resolve("sketch-1.json")).path("options").path("style").asText())
                .isEqualTo("design");
        STUB.verify(1, postRequestedFor(urlEqualTo(WAVESPEED_CREATE))
                .withHeader("Authorization", equalTo("Bearer " + KAMELET_KEY))
                .withRequestBody(matchingJsonPath("$.prompt", equalTo("a pencil sketch of a cat"))));
    }

    @Test
    void aSinkJobThatFailsEndsInTheDeadLetterChannelNotInTheCallersRoute() {
        template.sendBody("direct:sketches", "rejected");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> Files.exists(folders.clientErrors().resolve("sketch.json.error.json")));
        JsonNode record = TestFolders.errorRecord(folders.clientErrors(), "sketch.json");
        assertThat(record.path("reason").asText()).startsWith("wavespeed answered 401 to create");
        assertThat(record.path("provider").asText()).isEqualTo("wavespeed");
        STUB.verify(1, postRequestedFor(urlEqualTo(WAVESPEED_CREATE)));
    }

    @Test
    void anInvalidJobIsRefusedBeforeAnyCallAndDeadLettered() {
        assertThatThrownBy(() -> template.requestBody("direct:posters", "{\"prompt\": \"x\", \"seed\": -1}", String.class))
                .isInstanceOf(CamelExecutionException.class)
                .cause().hasMessageContaining("seed");

        STUB.verify(0, postRequestedFor(anyUrl()));
        assertThat(folders.files(folders.clientErrors())).anyMatch(name -> name.endsWith(".error.json"));
    }

    @Test
    void aKeyGivenToAKameletIsInNoLogRouteDumpFileOrRecordAndLeavesTheExchange() throws IOException {
        Exchange failed = template.request("direct:covers",
                exchange -> exchange.getMessage().setBody("{\"prompt\": \"rejected\"}"));
        template.sendBody("direct:sketches", "a good sketch");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(folders.outbox().resolve("sketch-1.png")));

        // the failure reached the caller with the dead-letter reason, and the key left the caller's exchange
        assertThat(failed.getException()).hasMessageContaining("401");
        assertThat(failed.getProperty(RouteCredential.PROPERTY)).isNull();
        assertThat(failed.getProperties().values()).noneMatch(value -> String.valueOf(value).contains(KAMELET_KEY));
        assertThat(failed.getMessage().getHeaders().values())
                .noneMatch(value -> String.valueOf(value).contains(KAMELET_KEY));
        // the key did reach WaveSpeed, twice, so the searches below are not vacuous
        STUB.verify(2, postRequestedFor(urlEqualTo(WAVESPEED_CREATE))
                .withHeader("Authorization", equalTo("Bearer " + KAMELET_KEY)));

        List<Path> written;
        try (Stream<Path> files = Files.walk(Path.of("target/it/kamelets"))) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).as("journal entries, the record, the image and its sidecar")
                .anyMatch(p -> p.toString().contains("state/journal/"))
                .anyMatch(p -> p.toString().endsWith(".error.json"))
                .anyMatch(p -> p.toString().endsWith("sketch-1.json"));
        for (Path file : written) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                    .doesNotContain(KAMELET_KEY);
        }
        byte[] log = Files.readAllBytes(LOG);
        String logged = new String(log, (int) LOG_AT_CLASS_LOAD, (int) (log.length - LOG_AT_CLASS_LOAD),
                StandardCharsets.UTF_8);
        assertThat(logged).as("log lines since the class loaded: start-up summary, route dump, DEBUG, the failure")
                .doesNotContain(KAMELET_KEY)
                // the dump (placeholder as written), the summary and an endpoint URI did print the parameter
                .contains("apiKey={{my.wavespeed.api-key}}").contains("apiKey = xxxxxx").contains("apiKey=xxxxxx")
                .contains("dead-lettered").contains("DEBUG");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static long logSize() {
        try {
            return Files.exists(LOG) ? Files.size(LOG) : 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
