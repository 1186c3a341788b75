package org.ideogramcamel.routes;

import static org.ideogramcamel.support.StubProvider.json;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.support.TestFolders.errorRecord;
import static org.ideogramcamel.support.PixazoSeeds.answer;
import static org.ideogramcamel.support.PixazoSeeds.apim;
import static org.ideogramcamel.support.PixazoSeeds.generated;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.PixazoSeeds;
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
 * The real routes and config against a Pixazo gateway stub on 127.0.0.1 answering in the shapes of seed 004:
 * synchronous answers ({@code data[]} with {@code url} / {@code edited_image} / {@code image_url}, or
 * {@code data.description}), Azure API Management error bodies, and the subscription key header.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=pixazo",
            "ideogram.inbox=target/it/pixazo/inbox", "ideogram.outbox=target/it/pixazo/outbox",
            "ideogram.state=target/it/pixazo/state",
            "ideogram.done=target/it/pixazo/done", "ideogram.failed=target/it/pixazo/failed",
            "ideogram.quarantine=target/it/pixazo/quarantine",
            "ideogram.providers.pixazo.base-url=" + StubProvider.BASE_URL_PLACEHOLDER,
            "ideogram.providers.pixazo.subscription-key=pz_TEST_key_42",
            "ideogram.providers.pixazo.model=v2",
            "ideogram.retry.max-redeliveries=2", "ideogram.retry.initial-delay=50", "ideogram.retry.max-delay=400"
        })
class PixazoRoutesTest {

    static final String KEY = "pz_TEST_key_42";
    static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";
    static final String GENERATE = "/ideogramV_2/v1/generate";
    static final String TURBO_GENERATE = "/ideogramV_2_Turbo/v1/generate";
    static final String EDIT = "/ideogramV_2/v1/edit";
    static final String REMIX = "/ideogramV_2/v1/remix";
    static final String DESCRIBE = "/ideogramV_2/v1/describe";
    static final String ONE = "/api/images/ephemeral/4p6cIwykSjaWcUUavtwuMw.png";
    static final String TWO = "/api/images/ephemeral/iSkGI5XfQ-ObReWhAiw_iA.png";
    static final byte[] PNG = new PlaceholderRenderer().render("stub image", null, "1:1", 1, 7);
    static final byte[] PNG2 = new PlaceholderRenderer().render("stub image two", null, "16:9", 2, 8);
    static final byte[] PHOTO = new PlaceholderRenderer().render("source photo", null, "1:1", 1, 3);
    static final byte[] MASK = new PlaceholderRenderer().render("mask", null, "1:1", 1, 4);

    @RegisterExtension
    static final StubProvider PIXAZO = new StubProvider();
    final TestFolders folders = new TestFolders("pixazo");

    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        Files.createDirectories(folders.inbox().resolve("images"));
        Files.write(folders.inbox().resolve("images/photo.png"), PHOTO);
        Files.write(folders.inbox().resolve("images/mask.png"), MASK);
        PIXAZO.stubFor(get(urlPathEqualTo(ONE)).willReturn(aResponse().withBody(PNG)));
        PIXAZO.stubFor(get(urlPathEqualTo(TWO)).willReturn(aResponse().withBody(PNG2)));
    }

    /** A signed, expiring URL as the gateway hands out, on the stub (the same origin as the gateway itself). */
    static String image(String path) {
        return PIXAZO.url(path + "?exp=1730541994&sig=ef2b2872a29327783454a41061d1e890");
    }

    @Test
    void generateStoresEveryImageOfTheAnswerWithItsSidecar() {
        PIXAZO.stubFor(post(GENERATE).willReturn(json(200,
                answer(generated(image(ONE), true, 212), generated(image(TWO), true, 213)))));

        folders.drop("beach.json", """
                {"prompt": "A serene tropical beach", "negative_prompt": "blur", "aspect_ratio": "10:16",
                 "magic_prompt": "auto", "seed": 212, "style": "auto", "color_palette": "jungle"}""");
        folders.awaitProcessed("beach.json");

        assertThat(folders.files(folders.outbox()))
                .containsExactly("beach-1.json", "beach-1.png", "beach-2.json", "beach-2.png");
        assertThat(TestFolders.bytes(folders.outbox().resolve("beach-1.png"))).isEqualTo(PNG);
        assertThat(TestFolders.bytes(folders.outbox().resolve("beach-2.png"))).isEqualTo(PNG2);
        JsonNode sidecar = TestFolders.json(folders.outbox().resolve("beach-2.json"));
        assertThat(sidecar.path("provider").asText()).isEqualTo("pixazo");
        assertThat(sidecar.path("model").asText()).isEqualTo("V_2");
        assertThat(sidecar.path("image").asInt()).isEqualTo(2);
        assertThat(sidecar.path("is_image_safe").asBoolean()).isTrue();
        assertThat(sidecar.path("seed").asLong()).isEqualTo(213);
        assertThat(sidecar.path("resolution").asText()).isEqualTo("800x1280");
        assertThat(sidecar.path("options").path("color_palette").asText()).isEqualTo("jungle");
        assertThat(sidecar.toString()).doesNotContain(KEY).doesNotContain("ephemeral").doesNotContain("sig=");
        assertThat(folders.files(folders.done())).containsExactly("beach.json");

        PIXAZO.verify(1, postRequestedFor(urlEqualTo(GENERATE))
                .withHeader(KEY_HEADER, equalTo(KEY))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"image_request": {"prompt": "A serene tropical beach", "negative_prompt": "blur",
                          "model": "V_2", "aspect_ratio": "ASPECT_10_16", "magic_prompt_option": "AUTO",
                          "seed": 212, "style_type": "AUTO", "color_palette": {"name": "JUNGLE"}}}""")));
        PIXAZO.verify(1, getRequestedFor(urlPathEqualTo(ONE)).withoutHeader(KEY_HEADER));
        PIXAZO.verify(1, getRequestedFor(urlPathEqualTo(TWO)).withoutHeader(KEY_HEADER));
        LoggedRequest create = PIXAZO.findAll(postRequestedFor(urlEqualTo(GENERATE))).get(0);
        assertThat(create.getHeaders().keys()).noneMatch(h -> h.startsWith("Camel") || h.equals("breadcrumbId"));
    }

    /** camel-http drops Cache-Control by default; the provider-call endpoint uses a filter that lets it through. */
    @Test
    void generateSendsCacheControlAsTheSeedDoes() {
        PIXAZO.stubFor(post(GENERATE).willReturn(json(200, answer(generated(image(ONE), true, 1)))));

        folders.drop("fresh.json", "{\"prompt\": \"fresh\"}");
        folders.awaitProcessed("fresh.json");

        PIXAZO.verify(1, postRequestedFor(urlEqualTo(GENERATE)).withHeader("Cache-Control", equalTo("no-cache")));
    }

    @Test
    void turboModelTakesTheTurboPathAndBodyModel() {
        PIXAZO.stubFor(post(TURBO_GENERATE).willReturn(json(200, answer(generated(image(ONE), true, 5)))));

        folders.drop("fast.yaml", "prompt: a fast car\nmodel: v2_turbo\n");
        folders.awaitProcessed("fast.yaml");

        assertThat(folders.files(folders.outbox())).containsExactly("fast-1.json", "fast-1.png");
        assertThat(TestFolders.json(folders.outbox().resolve("fast-1.json")).path("model").asText())
                .isEqualTo("V_2_TURBO");
        PIXAZO.verify(1, postRequestedFor(urlEqualTo(TURBO_GENERATE)).withHeader(KEY_HEADER, equalTo(KEY))
                .withRequestBody(equalToJson("{\"image_request\": {\"prompt\": \"a fast car\", \"model\": \"V_2_TURBO\"}}")));
        PIXAZO.verify(0, postRequestedFor(urlEqualTo(GENERATE)));
    }

    @Test
    void anUnsafeImageIsQuarantinedNotPutInTheOutbox() {
        PIXAZO.stubFor(post(GENERATE).willReturn(json(200,
                answer(generated(image(ONE), true, 1), generated(image(TWO), false, 2)))));

        folders.drop("risky.json", "{\"prompt\": \"something edgy\"}");
        folders.awaitProcessed("risky.json");

        assertThat(folders.files(folders.outbox())).containsExactly("risky-1.json", "risky-1.png");
        assertThat(folders.files(folders.quarantine())).containsExactly("risky-2.json", "risky-2.png");
        assertThat(TestFolders.bytes(folders.quarantine().resolve("risky-2.png"))).isEqualTo(PNG2);
        JsonNode unsafe = TestFolders.json(folders.quarantine().resolve("risky-2.json"));
        assertThat(unsafe.path("is_image_safe").asBoolean(true)).isFalse();
        assertThat(unsafe.path("unsafe_policy").asText()).isEqualTo("quarantine");
        assertThat(unsafe.path("provider").asText()).isEqualTo("pixazo");
        assertThat(unsafe.toString()).doesNotContain("ephemeral");
        PIXAZO.verify(1, getRequestedFor(urlPathEqualTo(ONE)));
        PIXAZO.verify(1, getRequestedFor(urlPathEqualTo(TWO)).withHeader(KEY_HEADER, absent()));
    }

    @Test
    void invalidSubscriptionKeyIsDeadLetteredWithApimsMessageAndNoRetry() {
        PIXAZO.stubFor(post(GENERATE).willReturn(json(401, apim(401, PixazoSeeds.INVALID_KEY))));

        folders.drop("secret.json", "{\"prompt\": \"anything\"}");
        folders.awaitProcessed("secret.json");

        assertThat(folders.files(folders.clientErrors())).containsExactly("secret.json", "secret.json.error.json");
        JsonNode record = errorRecord(folders.clientErrors(), "secret.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(401);
        assertThat(record.path("provider").asText()).isEqualTo("pixazo");
        assertThat(record.path("provider_message").asText()).isEqualTo(PixazoSeeds.INVALID_KEY);
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("reason").asText()).startsWith("pixazo answered 401 to create: Access denied")
                .contains("ideogram.providers.pixazo");
        assertThat(record.toString()).doesNotContain(KEY);
        PIXAZO.verify(1, postRequestedFor(urlEqualTo(GENERATE)));
        assertThat(folders.files(folders.outbox())).isEmpty();
        assertThat(folders.files(folders.done())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "403 | {\"statusCode\": 403, \"message\": \"Out of call volume quota. Quota will be replenished in 00:05:00.\"}"
            + " | Out of call volume quota. Quota will be replenished in 00:05:00.",
        "400 | {\"error\": \"Invalid input: prompt is required\"} | Invalid input: prompt is required",
        "404 | Resource not found | Resource not found"
    })
    void otherClientErrorsAreDeadLetteredAtOnceWithTheGatewaysWords(int status, String body, String message) {
        PIXAZO.stubFor(post(GENERATE).willReturn(aResponse().withStatus(status).withBody(body)));

        folders.drop("refused.json", "{\"prompt\": \"anything\"}");
        folders.awaitProcessed("refused.json");

        JsonNode record = errorRecord(folders.clientErrors(), "refused.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(status);
        assertThat(record.path("provider_message").asText()).isEqualTo(message);
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        PIXAZO.verify(1, postRequestedFor(urlEqualTo(GENERATE)));
        assertThat(folders.files(folders.serverErrors())).isEmpty();
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        PIXAZO.stubFor(post(GENERATE).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, apim(429, "Rate limit is exceeded.")).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        PIXAZO.stubFor(post(GENERATE).inScenario("429").whenScenarioStateIs("open")
                .willReturn(json(200, answer(generated(image(ONE), true, 8)))));

        folders.drop("busy.json", "{\"prompt\": \"rush hour\"}");
        folders.awaitProcessed("busy.json");

        assertThat(folders.files(folders.outbox())).containsExactly("busy-1.json", "busy-1.png");
        List<LoggedRequest> creates = PIXAZO.findAll(postRequestedFor(urlEqualTo(GENERATE)));
        assertThat(creates).hasSize(2);
        long waited = creates.get(1).getLoggedDate().getTime() - creates.get(0).getLoggedDate().getTime();
        assertThat(waited).as("Retry-After: 1 honoured instead of the 50 ms backoff").isGreaterThanOrEqualTo(900);
    }

    @Test
    void serverErrorOnEveryTryEndsInServerErrors() {
        PIXAZO.stubFor(post(GENERATE).willReturn(json(500, "{\"error\": \"Internal server error\"}")));

        folders.drop("doomed.json", "{\"prompt\": \"never\"}");
        folders.awaitProcessed("doomed.json");

        assertThat(folders.files(folders.serverErrors())).containsExactly("doomed.json", "doomed.json.error.json");
        JsonNode record = errorRecord(folders.serverErrors(), "doomed.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(500);
        assertThat(record.path("attempts").asInt()).isEqualTo(3);
        assertThat(record.path("provider_message").asText()).isEqualTo("Internal server error");
        PIXAZO.verify(3, postRequestedFor(urlEqualTo(GENERATE)));
        assertThat(folders.files(folders.done())).isEmpty();
    }

    @Test
    void describeWritesTheDescriptionBesideItsRecord() {
        PIXAZO.stubFor(post(DESCRIBE).willReturn(json(200, PixazoSeeds.described(
                "The image depicts a serene tropical beach scene with tall palm trees and azure waters."))));

        folders.drop("caption.json", "{\"operation\": \"describe\", \"image\": \"images/photo.png\"}");
        folders.awaitProcessed("caption.json");

        assertThat(folders.files(folders.outbox())).containsExactly("caption.description.json", "caption.description.txt");
        assertThat(TestFolders.bytes(folders.outbox().resolve("caption.description.txt"))).asString()
                .isEqualTo("The image depicts a serene tropical beach scene with tall palm trees and azure waters.");
        JsonNode record = TestFolders.json(folders.outbox().resolve("caption.description.json"));
        assertThat(record.path("provider").asText()).isEqualTo("pixazo");
        assertThat(record.path("model").asText()).isEqualTo("V_2");
        assertThat(record.path("image").asText()).isEqualTo("photo.png");
        assertThat(record.path("descriptions").get(0).asText()).startsWith("The image depicts");
        PIXAZO.verify(1, postRequestedFor(urlEqualTo(DESCRIBE))
                .withHeader(KEY_HEADER, equalTo(KEY))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBodyPart(aMultipart().withName("image_file")
                        .withHeader("Content-Type", containing("image/png"))
                        .withBody(binaryEqualTo(PHOTO)).build()));
        assertThat(partNames(DESCRIBE)).containsExactly("image_file");
        assertThat(folders.files(folders.done())).containsExactly("caption.json");
    }

    @Test
    void editSendsTheSeedsFormAndStoresTheEditedImage() {
        PIXAZO.stubFor(post(EDIT).willReturn(json(200, answer(PixazoSeeds.edited(image(TWO))))));

        folders.drop("door.json", """
                {"operation": "edit", "prompt": "Enhance brightness and remove text",
                 "image": "images/photo.png", "mask": "images/mask.png"}""");
        folders.awaitProcessed("door.json");

        assertThat(folders.files(folders.outbox())).containsExactly("door-1.json", "door-1.png");
        assertThat(TestFolders.bytes(folders.outbox().resolve("door-1.png"))).isEqualTo(PNG2);
        JsonNode sidecar = TestFolders.json(folders.outbox().resolve("door-1.json"));
        assertThat(sidecar.path("options").path("operation").asText()).isEqualTo("edit");
        assertThat(sidecar.path("model").asText()).isEqualTo("V_2");
        PIXAZO.verify(1, postRequestedFor(urlEqualTo(EDIT))
                .withHeader(KEY_HEADER, equalTo(KEY))
                .withRequestBodyPart(aMultipart().withName("image_file")
                        .withHeader("Content-Disposition", containing("filename=\"image.png\""))
                        .withHeader("Content-Type", containing("image/png"))
                        .withBody(binaryEqualTo(PHOTO)).build())
                .withRequestBodyPart(aMultipart().withName("mask")
                        .withHeader("Content-Disposition", containing("filename=\"mask.png\""))
                        .withHeader("Content-Type", containing("image/png"))
                        .withBody(binaryEqualTo(MASK)).build())
                .withRequestBodyPart(aMultipart().withName("prompt")
                        .withHeader("Content-Type", containing("text/plain"))
                        .withBody(equalTo("Enhance brightness and remove text")).build())
                .withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("V_2")).build()));
        assertThat(partNames(EDIT)).containsExactly("image_file", "mask", "prompt", "model");
        PIXAZO.verify(1, getRequestedFor(urlPathEqualTo(TWO)).withoutHeader(KEY_HEADER));
    }

    @Test
    void remixSendsImageRequestJsonAndStoresTheImageUrl() {
        PIXAZO.stubFor(post(REMIX).willReturn(json(200, answer(PixazoSeeds.remixed(image(ONE))))));

        folders.drop("remix.json", """
                {"operation": "remix", "prompt": "A serene tropical beach", "image": "images/photo.png",
                 "aspect_ratio": "10:16", "image_weight": 50, "magic_prompt": "on"}""");
        folders.awaitProcessed("remix.json");

        assertThat(folders.files(folders.outbox())).containsExactly("remix-1.json", "remix-1.png");
        assertThat(TestFolders.bytes(folders.outbox().resolve("remix-1.png"))).isEqualTo(PNG);
        assertThat(TestFolders.json(folders.outbox().resolve("remix-1.json")).path("options").path("image_weight")
                .asInt()).isEqualTo(50);
        PIXAZO.verify(1, postRequestedFor(urlEqualTo(REMIX))
                .withHeader(KEY_HEADER, equalTo(KEY))
                .withRequestBodyPart(aMultipart().withName("image_request").withBody(equalToJson("""
                        {"prompt": "A serene tropical beach", "aspect_ratio": "ASPECT_10_16", "image_weight": 50,
                         "magic_prompt_option": "ON", "model": "V_2"}""")).build())
                .withRequestBodyPart(aMultipart().withName("image_file")
                        .withHeader("Content-Type", containing("image/png"))
                        .withBody(binaryEqualTo(PHOTO)).build()));
        assertThat(partNames(REMIX)).containsExactly("image_request", "image_file");
        PIXAZO.verify(1, getRequestedFor(urlPathEqualTo(ONE)).withoutHeader(KEY_HEADER));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "res.json     | {\"prompt\": \"x\", \"resolution\": \"1024x1024\"}"
            + " | pixazo: resolution is not offered by the Pixazo gateway",
        "colours.json | {\"prompt\": \"x\", \"color_palette\": [{\"hex\": \"#FF0000\", \"weight\": 1.0}]}"
            + " | pixazo: color_palette as a list of colours is not supported",
        "many.json    | {\"prompt\": \"x\", \"num_images\": 2} | pixazo: num_images 2 is not supported",
        "zero.json    | {\"prompt\": \"x\", \"seed\": 0} | pixazo: seed 0 is outside the Pixazo gateway's range",
        "old.json     | {\"prompt\": \"x\", \"model\": \"v1\"} | pixazo: model 'v1' is not offered by the Pixazo gateway",
        "v2a.json     | {\"prompt\": \"x\", \"model\": \"v2a_turbo\"} | pixazo: model 'v2a_turbo' is not offered",
        "editst.json  | {\"operation\": \"edit\", \"prompt\": \"x\", \"image\": \"images/photo.png\","
            + " \"mask\": \"images/mask.png\", \"style\": \"anime\"} | pixazo: style is not accepted on edit",
        "editneg.json | {\"operation\": \"edit\", \"prompt\": \"x\", \"image\": \"images/photo.png\","
            + " \"negative_prompt\": \"fog\"} | pixazo: negative_prompt is not accepted on edit"
    })
    void optionsTheGatewayCannotHonourAreRefusedBeforeAnyCall(String file, String job, String reason) {
        folders.drop(file, job);
        folders.awaitProcessed(file);

        assertThat(folders.files(folders.clientErrors())).containsExactly(file, file + ".error.json");
        JsonNode record = errorRecord(folders.clientErrors(), file);
        assertThat(record.path("reason").asText()).startsWith(reason);
        assertThat(record.path("provider").asText()).isEqualTo("pixazo");
        PIXAZO.verify(0, anyRequestedFor(anyUrl()));
    }

    private static List<String> partNames(String path) {
        LoggedRequest request = PIXAZO.findAll(postRequestedFor(urlEqualTo(path))).get(0);
        return request.getParts().stream().map(Request.Part::getName).toList();
    }

    /** The same routes with no subscription key anywhere. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.providers.pixazo.subscription-key=", "ideogram.allow-missing-credentials=true"})
    class WithoutASubscriptionKey {

        @Test
        void everyJobIsRefusedWithHowToSetTheKey() {
            Assumptions.assumeTrue(System.getenv("PIXAZO_SUBSCRIPTION_KEY") == null,
                    "PIXAZO_SUBSCRIPTION_KEY is set in this environment");

            folders.drop("nokey.json", "{\"prompt\": \"anything\"}");
            folders.awaitProcessed("nokey.json");

            JsonNode record = errorRecord(folders.clientErrors(), "nokey.json");
            assertThat(record.path("reason").asText()).isEqualTo("pixazo: no subscription key; set"
                    + " PIXAZO_SUBSCRIPTION_KEY or ideogram.providers.pixazo.subscription-key");
            PIXAZO.verify(0, anyRequestedFor(anyUrl()));
        }
    }
}
