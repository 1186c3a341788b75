package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.support.TestFolders.errorRecord;
import static org.ideogramcamel.support.StubProvider.json;
import static org.ideogramcamel.support.IdeogramSeeds.entry;
import static org.ideogramcamel.support.IdeogramSeeds.images;
import static org.ideogramcamel.support.IdeogramSeeds.proxyError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.IdeogramSeeds;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real routes and config against an Ideogram stub on 127.0.0.1 answering in the seed's shapes (shared/seeds/003):
 * synchronous {@code /generate}, multipart {@code /edit}, {@code /remix} and {@code /describe}. Asserts what the user
 * sees (outbox, sidecars, dead-letter records) and exactly what Ideogram received.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=ideogram",
            "ideogram.inbox=target/it/ideogram/inbox", "ideogram.outbox=target/it/ideogram/outbox",
            "ideogram.state=target/it/ideogram/state",
            "ideogram.done=target/it/ideogram/done", "ideogram.failed=target/it/ideogram/failed",
            "ideogram.quarantine=target/it/ideogram/quarantine",
            "ideogram.providers.ideogram.base-url=" + StubProvider.BASE_URL_PLACEHOLDER,
            "ideogram.providers.ideogram.api-key=ideo_TEST_key_42",
            "ideogram.retry.max-redeliveries=2", "ideogram.retry.initial-delay=50", "ideogram.retry.max-delay=400"
        })
class IdeogramRoutesTest {

    static final String KEY = "ideo_TEST_key_42";
    static final byte[] PNG = new PlaceholderRenderer().render("stub image", null, "1:1", 1, 7);
    static final byte[] PNG2 = new PlaceholderRenderer().render("stub image two", null, "16:9", 2, 8);
    static final byte[] PHOTO = new PlaceholderRenderer().render("source photo", null, "1:1", 1, 3);
    static final byte[] MASK = new PlaceholderRenderer().render("mask", null, "1:1", 1, 4);

    @RegisterExtension
    static final StubProvider IDEOGRAM = new StubProvider();
    final TestFolders folders = new TestFolders("ideogram");

    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        Files.createDirectories(folders.inbox().resolve("images"));
        Files.write(folders.inbox().resolve("images/photo.png"), PHOTO);
        Files.write(folders.inbox().resolve("images/mask.png"), MASK);
        IDEOGRAM.stubFor(get("/api/images/direct/one").willReturn(aResponse().withBody(PNG)));
        IDEOGRAM.stubFor(get("/api/images/direct/two").willReturn(aResponse().withBody(PNG2)));
    }

    static String image(String name) {
        return IDEOGRAM.url("/api/images/direct/" + name);
    }

    static List<String> partNames(LoggedRequest request) {
        return request.getParts().stream().map(Request.Part::getName).toList();
    }

    static String partText(LoggedRequest request, String name) {
        return request.getParts().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getBody().asString()).orElseThrow();
    }

    @Test
    void generateStoresEveryImageOfDataWithTheSeedAndResolutionIdeogramReports() {
        IDEOGRAM.stubFor(post("/generate").willReturn(json(200, images(
                entry(image("one"), "1024x1024", true, 12345), entry(image("two"), "1280x720", true, 67890)))));

        folders.drop("beach.json", """
                {"prompt": "A serene tropical beach", "aspect_ratio": "16:9", "style": "realistic",
                 "magic_prompt": "on", "negative_prompt": "people", "seed": 12345, "num_images": 2,
                 "color_palette": "jungle", "model": "v2_turbo"}""");
        folders.awaitProcessed("beach.json");

        assertThat(folders.files(folders.outbox()))
                .containsExactly("beach-1.json", "beach-1.png", "beach-2.json", "beach-2.png");
        assertThat(TestFolders.bytes(folders.outbox().resolve("beach-1.png"))).isEqualTo(PNG);
        assertThat(TestFolders.bytes(folders.outbox().resolve("beach-2.png"))).isEqualTo(PNG2);
        JsonNode first = TestFolders.json(folders.outbox().resolve("beach-1.json"));
        JsonNode second = TestFolders.json(folders.outbox().resolve("beach-2.json"));
        assertThat(first.path("provider").asText()).isEqualTo("ideogram");
        assertThat(first.path("model").asText()).isEqualTo("V_2_TURBO");
        assertThat(first.path("seed").asLong()).isEqualTo(12345);
        assertThat(first.path("resolution").asText()).isEqualTo("1024x1024");
        assertThat(second.path("image").asInt()).isEqualTo(2);
        assertThat(second.path("seed").asLong()).isEqualTo(67890);
        assertThat(second.path("resolution").asText()).isEqualTo("1280x720");
        assertThat(second.path("is_image_safe").asBoolean()).isTrue();
        assertThat(first.toString() + second).doesNotContain(KEY).doesNotContain("/api/images/direct");
        assertThat(folders.files(folders.done())).containsExactly("beach.json");

        IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/generate"))
                .withHeader("Api-Key", equalTo(KEY))
                .withHeader("Authorization", absent())
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"image_request": {"prompt": "A serene tropical beach", "model": "V_2_TURBO",
                          "aspect_ratio": "ASPECT_16_9", "style_type": "REALISTIC", "magic_prompt_option": "ON",
                          "negative_prompt": "people", "seed": 12345, "num_images": 2,
                          "color_palette": {"name": "JUNGLE"}}}""")));
        LoggedRequest download = IDEOGRAM.findAll(getRequestedFor(urlEqualTo("/api/images/direct/one"))).get(0);
        assertThat(download.containsHeader("Api-Key")).isFalse();
        LoggedRequest create = IDEOGRAM.findAll(postRequestedFor(urlEqualTo("/generate"))).get(0);
        assertThat(create.getHeaders().keys()).noneMatch(h -> h.startsWith("Camel") || h.equals("breadcrumbId"));
    }

    @Test
    void plainTextSendsOnlyThePromptAndTheConfiguredModel() {
        IDEOGRAM.stubFor(post("/generate").willReturn(json(200, images(entry(image("one"), "1024x1024", true, 1)))));

        folders.drop("fox.txt", "  a red fox in the snow \n");
        folders.awaitProcessed("fox.txt");

        IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/generate")).withRequestBody(equalToJson(
                "{\"image_request\": {\"prompt\": \"a red fox in the snow\", \"model\": \"V_2\"}}")));
        assertThat(folders.files(folders.outbox())).containsExactly("fox-1.json", "fox-1.png");
    }

    @Test
    void weightedPaletteAndResolutionInIdeogramsWords() {
        IDEOGRAM.stubFor(post("/generate").willReturn(json(200, images(entry(image("one"), "1280x720", true, 1)))));

        folders.drop("colours.yaml", """
                prompt: a poster
                resolution: 1280x720
                color_palette:
                  - {hex: "#FF0000", weight: 0.5}
                  - {hex: "#0000ff", weight: 0.25}
                """);
        folders.awaitProcessed("colours.yaml");

        IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/generate")).withRequestBody(equalToJson("""
                {"image_request": {"prompt": "a poster", "model": "V_2", "resolution": "RESOLUTION_1280_720",
                  "color_palette": {"members": [{"color_hex": "#FF0000", "color_weight": 0.5},
                                                {"color_hex": "#0000FF", "color_weight": 0.25}]}}}""")));
        assertThat(folders.files(folders.outbox())).containsExactly("colours-1.json", "colours-1.png");
    }

    @Test
    void unsafeEntryWithoutAUrlIsRecordedInTheQuarantineFolderAndSaysWhy() {
        IDEOGRAM.stubFor(post("/generate").willReturn(json(200, images(
                entry(image("one"), "1024x1024", true, 11), entry("", "1024x1024", false, 22)))));

        folders.drop("risky.json", "{\"prompt\": \"something borderline\", \"num_images\": 2}");
        folders.awaitProcessed("risky.json");

        assertThat(folders.files(folders.outbox())).containsExactly("risky-1.json", "risky-1.png");
        assertThat(folders.files(folders.quarantine())).containsExactly("risky-2.json");
        JsonNode unsafe = TestFolders.json(folders.quarantine().resolve("risky-2.json"));
        assertThat(unsafe.path("is_image_safe").asBoolean(true)).isFalse();
        assertThat(unsafe.path("unsafe_policy").asText()).isEqualTo("quarantine");
        assertThat(unsafe.path("note").asText()).contains("neither a URL nor the image");
        assertThat(unsafe.path("file").isNull()).isTrue();
        assertThat(unsafe.path("seed").asLong()).isEqualTo(22);
        assertThat(unsafe.path("provider").asText()).isEqualTo("ideogram");
        assertThat(TestFolders.json(folders.outbox().resolve("risky-1.json")).path("unsafe_policy").isMissingNode())
                .isTrue();
        IDEOGRAM.verify(1, getRequestedFor(anyUrl()));
        IDEOGRAM.verify(1, getRequestedFor(urlEqualTo("/api/images/direct/one")));
        assertThat(folders.files(folders.done())).containsExactly("risky.json");
    }

    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.unsafe=keep"})
    class KeepingUnsafeImages {

        @Test
        void aFlaggedImageWithAUrlLandsInTheOutboxAndItsSidecarSaysSo() {
            IDEOGRAM.stubFor(post("/generate").willReturn(json(200, images(
                    entry(image("one"), "1024x1024", true, 11), entry(image("two"), "1024x1024", false, 22)))));

            folders.drop("kept.json", "{\"prompt\": \"something borderline\", \"num_images\": 2}");
            folders.awaitProcessed("kept.json");

            assertThat(folders.files(folders.outbox()))
                    .containsExactly("kept-1.json", "kept-1.png", "kept-2.json", "kept-2.png");
            assertThat(TestFolders.bytes(folders.outbox().resolve("kept-2.png"))).isEqualTo(PNG2);
            JsonNode unsafe = TestFolders.json(folders.outbox().resolve("kept-2.json"));
            assertThat(unsafe.path("is_image_safe").asBoolean(true)).isFalse();
            assertThat(unsafe.path("unsafe_policy").asText()).isEqualTo("keep");
            assertThat(unsafe.path("file").asText()).isEqualTo("kept-2.png");
            assertThat(folders.files(folders.quarantine())).isEmpty();
            IDEOGRAM.verify(1, getRequestedFor(urlEqualTo("/api/images/direct/two")).withHeader("Api-Key", absent()));
        }
    }

    @Test
    void unauthorizedIsDeadLetteredWithoutRetry() {
        IDEOGRAM.stubFor(post("/generate").willReturn(json(401, "{\"detail\": \"Invalid API key provided\"}")));

        folders.drop("secret.json", "{\"prompt\": \"anything\"}");
        folders.awaitProcessed("secret.json");

        assertThat(folders.files(folders.clientErrors())).containsExactly("secret.json", "secret.json.error.json");
        JsonNode record = errorRecord(folders.clientErrors(), "secret.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(401);
        assertThat(record.path("provider").asText()).isEqualTo("ideogram");
        assertThat(record.path("provider_message").asText()).isEqualTo("Invalid API key provided");
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("reason").asText()).contains("ideogram.providers.ideogram");
        assertThat(record.toString()).doesNotContain(KEY);
        IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/generate")));
        assertThat(folders.files(folders.outbox())).isEmpty();
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        IDEOGRAM.stubFor(post("/generate").inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, proxyError("rate_limited", "Too many requests")).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        IDEOGRAM.stubFor(post("/generate").inScenario("429").whenScenarioStateIs("open")
                .willReturn(json(200, images(entry(image("one"), "1024x1024", true, 5)))));

        folders.drop("busy.json", "{\"prompt\": \"rush hour\"}");
        folders.awaitProcessed("busy.json");

        assertThat(folders.files(folders.outbox())).containsExactly("busy-1.json", "busy-1.png");
        List<LoggedRequest> creates = IDEOGRAM.findAll(postRequestedFor(urlEqualTo("/generate")));
        assertThat(creates).hasSize(2);
        long waited = creates.get(1).getLoggedDate().getTime() - creates.get(0).getLoggedDate().getTime();
        assertThat(waited).as("Retry-After: 1 honoured instead of the 50 ms backoff").isGreaterThanOrEqualTo(900);
    }

    @Test
    void serverErrorOnEveryTryEndsInServerErrors() {
        IDEOGRAM.stubFor(post("/generate").willReturn(json(500, proxyError("500", "upstream ideogram failed"))));

        folders.drop("doomed.json", "{\"prompt\": \"never\"}");
        folders.awaitProcessed("doomed.json");

        assertThat(folders.files(folders.serverErrors())).containsExactly("doomed.json", "doomed.json.error.json");
        JsonNode record = errorRecord(folders.serverErrors(), "doomed.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(500);
        assertThat(record.path("attempts").asInt()).isEqualTo(3);
        assertThat(record.path("provider_message").asText()).isEqualTo("upstream ideogram failed");
        IDEOGRAM.verify(3, postRequestedFor(urlEqualTo("/generate")));
        assertThat(folders.files(folders.done())).isEmpty();
    }

    @Test
    void editSendsImageAndMaskAsTheyAreWithItsTextParts() {
        IDEOGRAM.stubFor(post("/edit").willReturn(json(200, images(entry(image("one"), "1024x1024", true, 9)))));

        folders.drop("door.json", """
                {"operation": "edit", "prompt": "a red door", "image": "images/photo.png",
                 "mask": "images/mask.png", "style": "design", "seed": 9}""");
        folders.awaitProcessed("door.json");

        assertThat(folders.files(folders.outbox())).containsExactly("door-1.json", "door-1.png");
        IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/edit"))
                .withHeader("Api-Key", equalTo(KEY))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBodyPart(aMultipart().withName("image_file")
                        .withHeader("Content-Type", equalTo("image/png"))
                        .withHeader("Content-Disposition", containing("filename=\"photo.png\""))
                        .withBody(binaryEqualTo(PHOTO)).build())
                .withRequestBodyPart(aMultipart().withName("mask")
                        .withHeader("Content-Type", equalTo("image/png"))
                        .withHeader("Content-Disposition", containing("filename=\"mask.png\""))
                        .withBody(binaryEqualTo(MASK)).build())
                .withRequestBodyPart(aMultipart().withName("prompt")
                        .withHeader("Content-Type", containing("text/plain"))
                        .withBody(equalTo("a red door")).build()));
        LoggedRequest edit = IDEOGRAM.findAll(postRequestedFor(urlEqualTo("/edit"))).get(0);
        assertThat(partNames(edit)).containsExactly("image_file", "mask", "prompt", "model", "seed", "style_type");
        assertThat(partText(edit, "model")).isEqualTo("V_2");
        assertThat(partText(edit, "seed")).isEqualTo("9");
        assertThat(partText(edit, "style_type")).isEqualTo("DESIGN");
    }

    @Test
    void remixSendsImageRequestJsonWithImageWeightAndTheImageFile() {
        IDEOGRAM.stubFor(post("/remix").willReturn(json(200, images(entry(image("one"), "1024x1024", true, 3)))));

        folders.drop("remix.json", """
                {"operation": "remix", "prompt": "as a watercolour", "image": "images/photo.png",
                 "image_weight": 35, "aspect_ratio": "3:2", "model": "v2a"}""");
        folders.awaitProcessed("remix.json");

        assertThat(folders.files(folders.outbox())).containsExactly("remix-1.json", "remix-1.png");
        IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/remix"))
                .withHeader("Api-Key", equalTo(KEY))
                .withRequestBodyPart(aMultipart().withName("image_request")
                        .withHeader("Content-Type", containing("application/json"))
                        .withBody(equalToJson("""
                                {"prompt": "as a watercolour", "model": "V_2A", "aspect_ratio": "ASPECT_3_2",
                                 "image_weight": 35}""")).build())
                .withRequestBodyPart(aMultipart().withName("image_file")
                        .withHeader("Content-Type", equalTo("image/png"))
                        .withBody(binaryEqualTo(PHOTO)).build()));
        LoggedRequest remix = IDEOGRAM.findAll(postRequestedFor(urlEqualTo("/remix"))).get(0);
        assertThat(partNames(remix)).containsExactly("image_request", "image_file");
    }

    @Test
    void describeWritesTheTextsBesideTheJob() {
        IDEOGRAM.stubFor(post("/describe").willReturn(json(200,
                IdeogramSeeds.descriptions("A gradient square with a caption", "An abstract placeholder image"))));

        folders.drop("what.json", "{\"operation\": \"describe\", \"image\": \"images/photo.png\"}");
        folders.awaitProcessed("what.json");

        assertThat(folders.files(folders.outbox())).containsExactly("what.description.json", "what.description.txt");
        assertThat(TestFolders.bytes(folders.outbox().resolve("what.description.txt"))).asString(StandardCharsets.UTF_8)
                .isEqualTo("A gradient square with a caption\n\nAn abstract placeholder image");
        JsonNode sidecar = TestFolders.json(folders.outbox().resolve("what.description.json"));
        assertThat(sidecar.path("descriptions").get(1).asText()).isEqualTo("An abstract placeholder image");
        assertThat(sidecar.path("provider").asText()).isEqualTo("ideogram");
        IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/describe"))
                .withHeader("Api-Key", equalTo(KEY))
                .withRequestBodyPart(aMultipart().withName("image_file")
                        .withHeader("Content-Type", equalTo("image/png"))
                        .withBody(binaryEqualTo(PHOTO)).build()));
        LoggedRequest describe = IDEOGRAM.findAll(postRequestedFor(urlEqualTo("/describe"))).get(0);
        assertThat(partNames(describe)).containsExactly("image_file");
        assertThat(folders.files(folders.done())).containsExactly("what.json");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "both.json|{\"prompt\": \"p\", \"resolution\": \"1024x1024\", \"aspect_ratio\": \"1:1\"}"
            + "|ideogram: resolution 1024x1024 and aspect_ratio 1:1 cannot both be set, they exclude each other",
        "old-style.json|{\"prompt\": \"p\", \"style\": \"anime\", \"model\": \"v1_turbo\"}"
            + "|ideogram: style is not supported by V_1_TURBO",
        "palette.json|{\"prompt\": \"p\", \"color_palette\": \"pastel\", \"model\": \"v2a\"}"
            + "|ideogram: color_palette is not supported by V_2A",
        "nomask.json|{\"operation\": \"edit\", \"prompt\": \"p\", \"image\": \"images/photo.png\"}"
            + "|ideogram: edit needs a mask"})
    void optionsIdeogramCannotHonourAreRefusedBeforeAnyCall(String file, String json, String reason) {
        folders.drop(file, json);
        folders.awaitProcessed(file);

        assertThat(folders.files(folders.clientErrors())).containsExactly(file, file + ".error.json");
        JsonNode record = errorRecord(folders.clientErrors(), file);
        assertThat(record.path("reason").asText()).startsWith(reason);
        assertThat(record.path("provider").asText()).isEqualTo("ideogram");
        IDEOGRAM.verify(0, anyRequestedFor(anyUrl()));
    }

    /** A proxy of Ideogram's API: its own path prefix and a Bearer token instead of Api-Key. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.providers.ideogram.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/ideogram",
        "ideogram.providers.ideogram.auth-header=Bearer"})
    class ThroughAProxy {

        @Test
        void generateGoesToTheProxyPathWithABearerToken() {
            IDEOGRAM.stubFor(post("/ideogram/generate")
                    .willReturn(json(200, images(entry(image("one"), "1024x1024", true, 12345)))));

            folders.drop("proxied.json", "{\"prompt\": \"via the proxy\", \"model\": \"v2\"}");
            folders.awaitProcessed("proxied.json");

            assertThat(folders.files(folders.outbox())).containsExactly("proxied-1.json", "proxied-1.png");
            IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/ideogram/generate"))
                    .withHeader("Authorization", equalTo("Bearer " + KEY))
                    .withHeader("Api-Key", absent())
                    .withRequestBody(equalToJson(
                            "{\"image_request\": {\"prompt\": \"via the proxy\", \"model\": \"V_2\"}}")));
            IDEOGRAM.verify(0, postRequestedFor(urlEqualTo("/generate")));
        }
    }

    /** No key configured anywhere: every job is refused before any call. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.providers.ideogram.api-key=", "ideogram.allow-missing-credentials=true"})
    class WithoutAKey {

        @Test
        void jobIsRefusedNamingWhereToSetTheKey() {
            Assumptions.assumeTrue(System.getenv("IDEOGRAM_API_KEY") == null
                    && System.getenv("IDEOGRAM_PROVIDERS_IDEOGRAM_API_KEY") == null, "a key is set in the environment");

            folders.drop("nokey.json", "{\"prompt\": \"anything\"}");
            folders.awaitProcessed("nokey.json");

            JsonNode record = errorRecord(folders.clientErrors(), "nokey.json");
            assertThat(record.path("reason").asText()).isEqualTo(
                    "ideogram: no API key; set IDEOGRAM_API_KEY or ideogram.providers.ideogram.api-key");
            IDEOGRAM.verify(0, anyRequestedFor(anyUrl()));
        }
    }

    /** The HTTP client gives up after 1 s: a synchronous create that may have been billed is not resent. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "camel.component.http.response-timeout=1000"})
    class WhenTheAnswerIsLost {

        @Test
        void aGenerateThatTimesOutIsSentOnceAndRecordedAsOutcomeUnknown() {
            IDEOGRAM.stubFor(post("/generate").willReturn(
                    json(200, images(entry(image("one"), "1024x1024", true, 1))).withFixedDelay(2500)));

            folders.drop("billed.json", "{\"prompt\": \"maybe billed\"}");
            folders.awaitProcessed("billed.json");

            IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/generate")));
            JsonNode record = errorRecord(folders.serverErrors(), "billed.json");
            assertThat(record.path("reason").asText()).startsWith("outcome unknown: the create was sent to ideogram")
                    .contains("ideogram.retry.unknown-outcome");
            assertThat(folders.files(folders.outbox())).isEmpty();
            IDEOGRAM.verify(0, getRequestedFor(anyUrl()));
        }
    }
}
