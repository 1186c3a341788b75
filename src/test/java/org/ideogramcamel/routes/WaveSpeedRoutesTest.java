package org.ideogramcamel.routes;

import static org.ideogramcamel.support.StubProvider.json;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.support.TestFolders.errorRecord;
import static org.ideogramcamel.support.WaveSpeedSeeds.completed;
import static org.ideogramcamel.support.WaveSpeedSeeds.problem;
import static org.ideogramcamel.support.WaveSpeedSeeds.task;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
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
 * The real routes in {@code routes/} and the real {@code config/}, against a WaveSpeedAI v3 stub on 127.0.0.1
 * that answers in the seed document's envelope. Each test drops a prompt file and asserts what a user sees
 * (files, bytes, sidecars, dead-letter records) and what WaveSpeed received.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=wavespeed",
            "ideogram.inbox=target/it/wavespeed/inbox", "ideogram.outbox=target/it/wavespeed/outbox",
            "ideogram.state=target/it/wavespeed/state",
            "ideogram.done=target/it/wavespeed/done", "ideogram.failed=target/it/wavespeed/failed",
            "ideogram.quarantine=target/it/wavespeed/quarantine",
            "ideogram.providers.wavespeed.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/api/v3",
            "ideogram.providers.wavespeed.api-key=ws_TEST_key_42",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=200ms", "ideogram.poll.deadline=5s",
            "ideogram.retry.max-redeliveries=2", "ideogram.retry.initial-delay=50", "ideogram.retry.max-delay=400"
        })
class WaveSpeedRoutesTest {

    static final String CREATE = "/api/v3/ideogram-ai/ideogram-v2";
    static final String ID = "3f1b9c2a7d5e4f60a1b2c3d4e5f60718";
    static final String POLL = "/api/v3/predictions/" + ID + "/result";
    static final String AUTH = "Bearer ws_TEST_key_42";
    static final byte[] PNG = new PlaceholderRenderer().render("stub image", null, "1:1", 1, 7);
    static final byte[] PNG2 = new PlaceholderRenderer().render("stub image two", null, "16:9", 2, 8);

    @RegisterExtension
    static final StubProvider WAVESPEED = new StubProvider();
    /** Another origin (another port): where a hostile or misconfigured answer's urls.get points. */
    @RegisterExtension
    static final WireMockExtension ELSEWHERE = WireMockExtension.newInstance()
            .options(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()).build();
    final TestFolders folders = new TestFolders("wavespeed");

    @BeforeEach
    void reset() {
        folders.clean();
        WAVESPEED.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
        WAVESPEED.stubFor(get("/files/two.png").willReturn(aResponse().withBody(PNG2)));
    }

    static String image(String name) {
        return WAVESPEED.url("/files/" + name);
    }

    /** Create answers "created", the polls "processing" then {@code last}. */
    static void createdThenPolled(String last) {
        WAVESPEED.stubFor(post(CREATE).willReturn(json(200, task(ID, "created", null))));
        WAVESPEED.stubFor(get(POLL).inScenario("polls").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, task(ID, "processing", null))).willSetStateTo("second"));
        WAVESPEED.stubFor(get(POLL).inScenario("polls").whenScenarioStateIs("second")
                .willReturn(json(200, last)));
    }

    @Test
    void successAfterPollsDownloadsTheImageWithoutTheKey() {
        createdThenPolled(completed(ID, image("one.png")));

        folders.drop("lighthouse.json", """
                {"prompt": "A lighthouse at dusk", "aspect_ratio": "16:9", "style": "render_3d"}""");
        folders.awaitProcessed("lighthouse.json");

        assertThat(folders.files(folders.outbox())).containsExactly("lighthouse-1.json", "lighthouse-1.png");
        assertThat(TestFolders.bytes(folders.outbox().resolve("lighthouse-1.png"))).isEqualTo(PNG);
        JsonNode sidecar = TestFolders.json(folders.outbox().resolve("lighthouse-1.json"));
        assertThat(sidecar.path("provider").asText()).isEqualTo("wavespeed");
        assertThat(sidecar.path("model").asText()).isEqualTo("ideogram-ai/ideogram-v2");
        assertThat(sidecar.path("prediction_id").asText()).isEqualTo(ID);
        assertThat(sidecar.path("is_image_safe").asBoolean()).isTrue();
        assertThat(sidecar.path("options").path("style").asText()).isEqualTo("render_3d");
        assertThat(sidecar.toString()).doesNotContain("ws_TEST_key_42").doesNotContain("/files/one.png");
        assertThat(folders.files(folders.done())).containsExactly("lighthouse.json");

        WAVESPEED.verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"prompt": "A lighthouse at dusk", "style": "Render 3D", "aspect_ratio": "16:9",
                         "enable_base64_output": false}""")));
        WAVESPEED.verify(2, getRequestedFor(urlEqualTo(POLL)).withHeader("Authorization", equalTo(AUTH)));
        LoggedRequest create = WAVESPEED.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0);
        assertThat(create.getHeaders().keys()).noneMatch(h -> h.startsWith("Camel") || h.equals("breadcrumbId"));
        List<LoggedRequest> downloads = WAVESPEED.findAll(getRequestedFor(urlEqualTo("/files/one.png")));
        assertThat(downloads).hasSize(1);
        assertThat(downloads.get(0).containsHeader("Authorization")).isFalse();
    }

    @Test
    void plainTextUsesWaveSpeedDefaults() {
        WAVESPEED.stubFor(post(CREATE).willReturn(json(200, completed(ID, image("one.png")))));

        folders.drop("fox.txt", "  a red fox in the snow \n");
        folders.awaitProcessed("fox.txt");

        WAVESPEED.verify(1, postRequestedFor(urlEqualTo(CREATE)).withRequestBody(equalToJson("""
                {"prompt": "a red fox in the snow", "style": "Auto", "aspect_ratio": "1:1",
                 "enable_base64_output": false}""")));
        WAVESPEED.verify(0, getRequestedFor(urlEqualTo(POLL)));
        assertThat(folders.files(folders.outbox())).containsExactly("fox-1.json", "fox-1.png");
    }

    @Test
    void turboModelGoesToItsOwnUrl() {
        String turbo = "/api/v3/ideogram-ai/ideogram-v2-turbo";
        WAVESPEED.stubFor(post(turbo).willReturn(json(200, completed(ID, image("one.png")))));

        folders.drop("quick.json", "{\"prompt\": \"quick\", \"model\": \"v2_turbo\"}");
        folders.awaitProcessed("quick.json");

        WAVESPEED.verify(1, postRequestedFor(urlEqualTo(turbo)));
        WAVESPEED.verify(0, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.outbox())).containsExactly("quick-1.json", "quick-1.png");
    }

    @Test
    void everyOutputBecomesOneFile() {
        createdThenPolled(completed(ID, image("one.png"), image("two.png")));

        folders.drop("pair.json", "{\"prompt\": \"two of a kind\"}");
        folders.awaitProcessed("pair.json");

        assertThat(folders.files(folders.outbox()))
                .containsExactly("pair-1.json", "pair-1.png", "pair-2.json", "pair-2.png");
        assertThat(TestFolders.bytes(folders.outbox().resolve("pair-1.png"))).isEqualTo(PNG);
        assertThat(TestFolders.bytes(folders.outbox().resolve("pair-2.png"))).isEqualTo(PNG2);
        assertThat(TestFolders.json(folders.outbox().resolve("pair-2.json")).path("image").asInt()).isEqualTo(2);
    }

    @Test
    void aPollUrlOnAnotherHostIsNeverFollowedThePollIsRebuiltFromTheBaseUrlAndTheId() {
        String elsewhere = ELSEWHERE.baseUrl() + "/api/v3/predictions/" + ID + "/result";
        String wavespeedGet = "https://api.wavespeed.ai/api/v3/predictions/" + ID + "/result";
        ELSEWHERE.stubFor(get(anyUrl()).willReturn(json(200, completed(ID, image("two.png")))));
        WAVESPEED.stubFor(post(CREATE).willReturn(json(200,
                task(ID, "created", null).replace(wavespeedGet, elsewhere))));
        WAVESPEED.stubFor(get(POLL).willReturn(json(200,
                completed(ID, image("one.png")).replace(wavespeedGet, elsewhere))));

        folders.drop("redirected.json", "{\"prompt\": \"stay home\"}");
        folders.awaitProcessed("redirected.json");

        assertThat(ELSEWHERE.findAll(anyRequestedFor(anyUrl()))).as("requests to the answer's urls.get host").isEmpty();
        WAVESPEED.verify(1, getRequestedFor(urlEqualTo(POLL)).withHeader("Authorization", equalTo(AUTH)));
        assertThat(TestFolders.bytes(folders.outbox().resolve("redirected-1.png"))).isEqualTo(PNG);
    }

    @Test
    void anOutputFlaggedNsfwIsDownloadedIntoTheQuarantineFolderNeverTheOutbox() {
        createdThenPolled(task(ID, "completed", List.of(image("one.png"), image("two.png")), List.of(false, true), ""));

        folders.drop("mixed.json", "{\"prompt\": \"a beach\"}");
        folders.awaitProcessed("mixed.json");

        assertThat(folders.files(folders.outbox())).containsExactly("mixed-1.json", "mixed-1.png");
        assertThat(folders.files(folders.quarantine())).containsExactly("mixed-2.json", "mixed-2.png");
        assertThat(TestFolders.bytes(folders.quarantine().resolve("mixed-2.png"))).isEqualTo(PNG2);
        JsonNode unsafe = TestFolders.json(folders.quarantine().resolve("mixed-2.json"));
        assertThat(unsafe.path("is_image_safe").asBoolean(true)).isFalse();
        assertThat(unsafe.path("unsafe_policy").asText()).isEqualTo("quarantine");
        assertThat(unsafe.path("file").asText()).isEqualTo("mixed-2.png");
        assertThat(unsafe.path("prediction_id").asText()).isEqualTo(ID);
        assertThat(unsafe.toString()).doesNotContain("/files/two.png");
        assertThat(TestFolders.json(folders.outbox().resolve("mixed-1.json")).path("is_image_safe").asBoolean())
                .isTrue();
        List<LoggedRequest> quarantined = WAVESPEED.findAll(getRequestedFor(urlEqualTo("/files/two.png")));
        assertThat(quarantined).hasSize(1);
        assertThat(quarantined.get(0).containsHeader("Authorization")).isFalse();
        assertThat(folders.files(folders.done())).containsExactly("mixed.json");
    }

    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.unsafe=skip"})
    class SkippingUnsafeImages {

        @Test
        void aFlaggedOutputIsOnlyRecordedAndNeverDownloaded() {
            createdThenPolled(task(ID, "completed", List.of(image("one.png"), image("two.png")),
                    List.of(false, true), ""));

            folders.drop("mixed.json", "{\"prompt\": \"a beach\"}");
            folders.awaitProcessed("mixed.json");

            assertThat(folders.files(folders.outbox())).containsExactly("mixed-1.json", "mixed-1.png", "mixed-2.json");
            assertThat(folders.files(folders.quarantine())).isEmpty();
            JsonNode unsafe = TestFolders.json(folders.outbox().resolve("mixed-2.json"));
            assertThat(unsafe.path("is_image_safe").asBoolean(true)).isFalse();
            assertThat(unsafe.path("unsafe_policy").asText()).isEqualTo("skip");
            assertThat(unsafe.path("file").isNull()).isTrue();
            assertThat(unsafe.path("note").asText()).contains("not downloaded");
            WAVESPEED.verify(1, getRequestedFor(urlEqualTo("/files/one.png")));
            WAVESPEED.verify(0, getRequestedFor(urlEqualTo("/files/two.png")));
        }
    }

    @Test
    void failedTaskIsAClientErrorWithTheProvidersWords() {
        createdThenPolled(task(ID, "failed", "Content policy violation: try a different prompt."));

        folders.drop("nope.json", "{\"prompt\": \"something\"}");
        folders.awaitProcessed("nope.json");

        assertThat(folders.files(folders.clientErrors())).containsExactly("nope.json", "nope.json.error.json");
        JsonNode record = errorRecord(folders.clientErrors(), "nope.json");
        assertThat(record.path("provider").asText()).isEqualTo("wavespeed");
        assertThat(record.path("prediction_id").asText()).isEqualTo(ID);
        assertThat(record.path("provider_message").asText())
                .isEqualTo("Content policy violation: try a different prompt.");
        assertThat(record.path("reason").asText()).contains("ended failed");
        WAVESPEED.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.outbox())).isEmpty();
        assertThat(folders.files(folders.done())).isEmpty();
    }

    @Test
    void unauthorizedIsDeadLetteredAfterOneCreate() {
        WAVESPEED.stubFor(post(CREATE).willReturn(json(401, problem(401, "Invalid API key"))));

        folders.drop("secret.json", "{\"prompt\": \"anything\"}");
        folders.awaitProcessed("secret.json");

        assertThat(folders.files(folders.clientErrors())).containsExactly("secret.json", "secret.json.error.json");
        JsonNode record = errorRecord(folders.clientErrors(), "secret.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(401);
        assertThat(record.path("provider_message").asText()).isEqualTo("Invalid API key");
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("reason").asText()).contains("ideogram.providers.wavespeed");
        assertThat(record.toString()).doesNotContain("ws_TEST_key_42");
        WAVESPEED.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        WAVESPEED.verify(0, getRequestedFor(urlPathMatching("/api/v3/predictions/.*")));
    }

    @Test
    void anErrorCodeInsideA200EnvelopeIsNotMistakenForATask() {
        WAVESPEED.stubFor(post(CREATE).willReturn(json(200, problem(400, "prompt is required"))));

        folders.drop("quiet.json", "{\"prompt\": \"hm\"}");
        folders.awaitProcessed("quiet.json");

        JsonNode record = errorRecord(folders.clientErrors(), "quiet.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(400);
        assertThat(record.path("provider_message").asText()).isEqualTo("prompt is required");
        WAVESPEED.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.outbox())).isEmpty();
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        WAVESPEED.stubFor(post(CREATE).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, problem(429, "Rate limit exceeded")).withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        WAVESPEED.stubFor(post(CREATE).inScenario("429").whenScenarioStateIs("open")
                .willReturn(json(200, completed(ID, image("one.png")))));

        folders.drop("busy.json", "{\"prompt\": \"rush hour\"}");
        folders.awaitProcessed("busy.json");

        assertThat(folders.files(folders.outbox())).containsExactly("busy-1.json", "busy-1.png");
        List<LoggedRequest> creates = WAVESPEED.findAll(postRequestedFor(urlEqualTo(CREATE)));
        assertThat(creates).hasSize(2);
        long waited = creates.get(1).getLoggedDate().getTime() - creates.get(0).getLoggedDate().getTime();
        assertThat(waited).as("Retry-After: 1 honoured instead of the 50 ms backoff").isGreaterThanOrEqualTo(900);
    }

    @Test
    void serverErrorOnEveryTryEndsInServerErrors() {
        WAVESPEED.stubFor(post(CREATE).willReturn(json(500, "{\"code\": 500, \"message\": \"internal error\","
                + " \"data\": {\"error\": \"GPU worker lost\"}}")));

        folders.drop("doomed.json", "{\"prompt\": \"never\"}");
        folders.awaitProcessed("doomed.json");

        assertThat(folders.files(folders.serverErrors())).containsExactly("doomed.json", "doomed.json.error.json");
        JsonNode record = errorRecord(folders.serverErrors(), "doomed.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(500);
        assertThat(record.path("attempts").asInt()).isEqualTo(3);
        assertThat(record.path("provider_message").asText()).isEqualTo("internal error: GPU worker lost");
        WAVESPEED.verify(3, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.done())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ratio.json   | {\"prompt\": \"x\", \"aspect_ratio\": \"3:2\"}            | wavespeed: aspect_ratio 3:2 is not offered",
        "neg.json     | {\"prompt\": \"x\", \"negative_prompt\": \"people\"}      | wavespeed: negative_prompt is not supported",
        "res.json     | {\"prompt\": \"x\", \"resolution\": \"1024x1024\"}        | wavespeed: resolution is not supported",
        "magic.json   | {\"prompt\": \"x\", \"magic_prompt\": \"off\"}            | wavespeed: magic_prompt is not supported",
        "seed.json    | {\"prompt\": \"x\", \"seed\": 7}                          | wavespeed: seed is not supported",
        "many.json    | {\"prompt\": \"x\", \"num_images\": 2}                    | wavespeed: num_images 2 is not supported",
        "palette.json | {\"prompt\": \"x\", \"color_palette\": \"ember\"}         | wavespeed: color_palette is not supported",
        "model.json   | {\"prompt\": \"x\", \"model\": \"v2a\"}                   | wavespeed: model 'v2a' is not offered",
        "remix.json   | {\"operation\": \"remix\", \"prompt\": \"x\", \"image\": \"images/photo.png\"} | wavespeed: operation remix is not offered",
        "describe.json| {\"operation\": \"describe\", \"image\": \"images/photo.png\"}               | wavespeed: operation describe is not offered",
        "nomask.json  | {\"operation\": \"edit\", \"prompt\": \"x\", \"image\": \"images/photo.png\"}  | wavespeed: edit needs a mask"
    })
    void optionsWaveSpeedCannotHonourAreRefusedBeforeAnyCall(String file, String job, String reason)
            throws IOException {
        writeSourceImages();
        folders.drop(file, job);
        folders.awaitProcessed(file);

        assertThat(folders.files(folders.clientErrors())).containsExactly(file, file + ".error.json");
        JsonNode record = errorRecord(folders.clientErrors(), file);
        assertThat(record.path("reason").asText()).startsWith(reason);
        assertThat(record.path("provider").asText()).isEqualTo("wavespeed");
        WAVESPEED.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void editSendsTheImageAndTheMaskInvertedForWaveSpeed() throws IOException {
        writeSourceImages();
        WAVESPEED.stubFor(post(CREATE).willReturn(json(200, completed(ID, image("one.png")))));

        folders.drop("fix.json", """
                {"operation": "edit", "prompt": "a red door", "image": "images/photo.png",
                 "mask": "images/mask.png", "style": "realistic"}""");
        folders.awaitProcessed("fix.json");

        assertThat(folders.files(folders.outbox())).containsExactly("fix-1.json", "fix-1.png");
        List<LoggedRequest> creates = WAVESPEED.findAll(postRequestedFor(urlEqualTo(CREATE))
                .withHeader("Authorization", equalTo(AUTH)));
        assertThat(creates).hasSize(1);
        JsonNode body = new ObjectMapper().readTree(creates.get(0).getBodyAsString());
        assertThat(body.path("prompt").asText()).isEqualTo("a red door");
        assertThat(body.path("style").asText()).isEqualTo("Realistic");
        assertThat(body.path("enable_base64_output").asBoolean(true)).isFalse();
        assertThat(body.has("aspect_ratio")).isFalse();
        assertThat(body.path("image").asText()).startsWith("data:image/png;base64,");
        assertThat(dataUri(body.path("image").asText())).isEqualTo(PNG);
        assertThat(body.path("mask_image").asText()).startsWith("data:image/png;base64,");

        BufferedImage canonical = ImageIO.read(folders.inbox().resolve("images/mask.png").toFile());
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(dataUri(body.path("mask_image").asText())));
        assertThat(sent.getWidth()).isEqualTo(canonical.getWidth());
        assertThat(sent.getHeight()).isEqualTo(canonical.getHeight());
        for (int y = 0; y < sent.getHeight(); y++) {
            for (int x = 0; x < sent.getWidth(); x++) {
                boolean regenerate = x < sent.getWidth() / 2;
                assertThat(canonical.getRGB(x, y)).isEqualTo(regenerate ? 0xFF000000 : 0xFFFFFFFF);
                assertThat(sent.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(regenerate ? 0xFFFFFFFF : 0xFF000000);
            }
        }
        assertThat(folders.files(folders.inbox().resolve("images"))).contains("photo.png", "mask.png");
    }

    /** images/photo.png and images/mask.png (left half black: regenerate; right half white: keep). */
    void writeSourceImages() throws IOException {
        Path images = folders.inbox().resolve("images");
        Files.createDirectories(images);
        Files.write(images.resolve("photo.png"), PNG);
        BufferedImage mask = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                mask.setRGB(x, y, x < 8 ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(mask, "png", png);
        Files.write(images.resolve("mask.png"), png.toByteArray());
    }

    static byte[] dataUri(String uri) {
        return Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
    }

    /** The same routes asking WaveSpeed for base64 outputs: the images come inside the answer. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.providers.wavespeed.base64-output=true"})
    class WithBase64Output {

        @Test
        void imagesAreDecodedFromTheAnswerAndNothingIsDownloaded() {
            String plain = Base64.getEncoder().encodeToString(PNG);
            String prefixed = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG2);
            createdThenPolled(completed(ID, plain, prefixed));

            folders.drop("inline.json", "{\"prompt\": \"inline\", \"aspect_ratio\": \"9:16\", \"style\": \"anime\"}");
            folders.awaitProcessed("inline.json");

            assertThat(folders.files(folders.outbox()))
                    .containsExactly("inline-1.json", "inline-1.png", "inline-2.json", "inline-2.png");
            assertThat(TestFolders.bytes(folders.outbox().resolve("inline-1.png"))).isEqualTo(PNG);
            assertThat(TestFolders.bytes(folders.outbox().resolve("inline-2.png"))).isEqualTo(PNG2);
            assertThat(TestFolders.json(folders.outbox().resolve("inline-2.json")).path("prediction_id").asText())
                    .isEqualTo(ID);
            WAVESPEED.verify(1, postRequestedFor(urlEqualTo(CREATE)).withRequestBody(equalToJson("""
                    {"prompt": "inline", "style": "Anime", "aspect_ratio": "9:16", "enable_base64_output": true}""")));
            WAVESPEED.verify(2, getRequestedFor(urlEqualTo(POLL)));
            assertThat(WAVESPEED.getAllServeEvents()).as("only the create and the polls, no download").hasSize(3);
        }
    }

    /** A deadline short enough to pass while WaveSpeed keeps answering "processing". */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.poll.deadline=400ms"})
    class PastTheDeadline {

        @Test
        void jobIsDeadLetteredWithoutACancelRequestSinceWaveSpeedHasNone() {
            WAVESPEED.stubFor(post(CREATE).willReturn(json(200, task(ID, "created", null))));
            WAVESPEED.stubFor(get(POLL).willReturn(json(200, task(ID, "processing", null))));

            folders.drop("slow.json", "{\"prompt\": \"patience\"}");
            folders.awaitProcessed("slow.json");

            assertThat(folders.files(folders.serverErrors())).containsExactly("slow.json", "slow.json.error.json");
            JsonNode record = errorRecord(folders.serverErrors(), "slow.json");
            assertThat(record.path("reason").asText()).contains("still running").contains("ideogram.poll.deadline")
                    .contains("the provider has no cancel");
            assertThat(record.path("prediction_id").asText()).isEqualTo(ID);
            WAVESPEED.verify(1, postRequestedFor(urlEqualTo(CREATE)));
            int polls = WAVESPEED.findAll(getRequestedFor(urlEqualTo(POLL))).size();
            assertThat(polls).isPositive();
            assertThat(WAVESPEED.getAllServeEvents()).as("the create and the polls, nothing else")
                    .hasSize(1 + polls);
            assertThat(folders.files(folders.outbox())).isEmpty();
        }
    }

    /** No key configured (and none in the environment): refused before any call. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.providers.wavespeed.api-key=", "ideogram.allow-missing-credentials=true"})
    class WithoutAnApiKey {

        @Test
        void jobsAreRefusedWithWhereToSetTheKey() {
            Assumptions.assumeTrue(System.getenv("WAVESPEED_API_KEY") == null, "WAVESPEED_API_KEY is set here");

            folders.drop("keyless.json", "{\"prompt\": \"x\"}");
            folders.awaitProcessed("keyless.json");

            JsonNode record = errorRecord(folders.clientErrors(), "keyless.json");
            assertThat(record.path("reason").asText()).isEqualTo(
                    "wavespeed: no API key; set WAVESPEED_API_KEY or ideogram.providers.wavespeed.api-key");
            WAVESPEED.verify(0, anyRequestedFor(anyUrl()));
        }
    }
}
