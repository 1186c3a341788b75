package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.support.StubProvider.json;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.IdeogramSeeds;
import org.ideogramcamel.support.ReplicateSeeds;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.WaveSpeedSeeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ideogram 3 end to end with the shipped configuration (its default models are Ideogram 3's), every provider on one
 * stub on 127.0.0.1 under its own path, answering in the v3 shapes (shared/providers-v3.md): a v3_turbo job, a
 * v3_quality job at 4:5 (3:4 on WaveSpeed) and a job with a style reference image each store their image; reframe
 * and replace_background on Ideogram's API; what a provider does not sell is refused with zero calls.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/v3/inbox", "ideogram.outbox=target/it/v3/outbox",
            "ideogram.state=target/it/v3/state", "ideogram.quarantine=target/it/v3/quarantine",
            "ideogram.done=target/it/v3/done", "ideogram.failed=target/it/v3/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/replicate/v1",
            "ideogram.providers.replicate.api-token=r8_v3",
            "ideogram.providers.replicate.prefer-wait=5",
            "ideogram.providers.wavespeed.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/wavespeed/api/v3",
            "ideogram.providers.wavespeed.api-key=ws_v3",
            "ideogram.providers.ideogram.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/ideogram",
            "ideogram.providers.ideogram.api-key=ideo_v3",
            "ideogram.providers.pixazo.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/pixazo",
            "ideogram.providers.pixazo.subscription-key=pz_v3",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=200ms", "ideogram.poll.deadline=5s",
            "ideogram.retry.max-redeliveries=1", "ideogram.retry.initial-delay=50", "ideogram.retry.max-delay=100"
        })
class IdeogramV3RoutesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] PNG = new PlaceholderRenderer().render("v3 image", null, "1:1", 1, 7);
    static final byte[] PHOTO = new PlaceholderRenderer().render("source photo", null, "1:1", 1, 3);
    static final byte[] LOOK = new PlaceholderRenderer().render("style reference", null, "4:3", 1, 5);
    static final String REPLICATE = "/replicate/v1/models/ideogram-ai/";
    static final String WAVESPEED = "/wavespeed/api/v3/ideogram-ai/";
    static final String IDEOGRAM = "/ideogram/v1/ideogram-v3/";

    @RegisterExtension
    static final StubProvider STUB = new StubProvider();
    final TestFolders folders = new TestFolders("v3");

    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        Files.createDirectories(folders.inbox().resolve("images"));
        Files.write(folders.inbox().resolve("images/photo.png"), PHOTO);
        Files.write(folders.inbox().resolve("images/look.png"), LOOK);
        STUB.stubFor(get("/files/v3.png").willReturn(aResponse().withBody(PNG)));
        STUB.stubFor(post(urlEqualTo("/wavespeed/api/v3/ideogram-ai/ideogram-v3-turbo"))
                .willReturn(json(200, WaveSpeedSeeds.task("ws-turbo", "created", null))));
        STUB.stubFor(post(urlEqualTo("/wavespeed/api/v3/ideogram-ai/ideogram-v3-quality"))
                .willReturn(json(200, WaveSpeedSeeds.task("ws-quality", "created", null))));
        for (String id : List.of("ws-turbo", "ws-quality")) {
            STUB.stubFor(get("/wavespeed/api/v3/predictions/" + id + "/result")
                    .willReturn(json(200, WaveSpeedSeeds.completed(id, STUB.url("/files/v3.png")))));
        }
        for (String model : List.of("ideogram-v3-turbo", "ideogram-v3-quality")) {
            STUB.stubFor(post(urlEqualTo(REPLICATE + model + "/predictions")).willReturn(json(201,
                    ReplicateSeeds.prediction("rep-" + model, "succeeded", STUB.url("/files/v3.png"), null))));
        }
        for (String path : List.of("generate", "reframe", "replace-background")) {
            STUB.stubFor(post(urlEqualTo(IDEOGRAM + path)).willReturn(json(200,
                    IdeogramSeeds.images(IdeogramSeeds.entry(STUB.url("/files/v3.png"), "1024x1024", true, 42)))));
        }
    }

    /** Drops the job, waits for it, and asserts its one image landed with the stub's bytes. */
    private void storesItsImage(String name, String job) {
        folders.drop(name + ".json", job);
        folders.awaitProcessed(name + ".json");
        assertThat(folders.files(folders.clientErrors())).as("refused").isEmpty();
        assertThat(folders.files(folders.serverErrors())).as("failed").isEmpty();
        assertThat(TestFolders.bytes(folders.outbox().resolve(name + "-1.png"))).isEqualTo(PNG);
    }

    private static JsonNode body(LoggedRequest request) throws IOException {
        return JSON.readTree(request.getBodyAsString());
    }

    private static byte[] dataUri(JsonNode node) {
        assertThat(node.asText()).startsWith("data:image/png;base64,");
        return Base64.getDecoder().decode(node.asText().substring(node.asText().indexOf(',') + 1));
    }

    private static LoggedRequest only(String url) {
        List<LoggedRequest> requests = STUB.findAll(postRequestedFor(urlEqualTo(url)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** Text parts by name (several values for a repeated part). */
    private static Map<String, List<String>> textParts(LoggedRequest request) {
        return request.getParts().stream().filter(p -> p.getFileName() == null).collect(Collectors.groupingBy(
                Request.Part::getName, Collectors.mapping(p -> p.getBody().asString(), Collectors.toList())));
    }

    private static Request.Part part(LoggedRequest request, String name) {
        return request.getParts().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------------------------------ Replicate

    @Test
    void replicateRunsTheDefaultV3TurboAndV3QualityAtFourFive() throws IOException {
        storesItsImage("turbo", "{\"prompt\": \"a lighthouse\"}");
        storesItsImage("quality", "{\"prompt\": \"a lighthouse\", \"model\": \"v3_quality\", \"aspect_ratio\": \"4:5\","
                + " \"style\": \"design\", \"seed\": 9}");

        JsonNode turbo = body(only(REPLICATE + "ideogram-v3-turbo/predictions")).path("input");
        assertThat(turbo.path("prompt").asText()).isEqualTo("a lighthouse");
        assertThat(turbo.path("aspect_ratio").asText()).isEqualTo("1:1");
        JsonNode quality = body(only(REPLICATE + "ideogram-v3-quality/predictions")).path("input");
        assertThat(quality.path("aspect_ratio").asText()).isEqualTo("4:5");
        assertThat(quality.path("style_type").asText()).isEqualTo("Design");
        assertThat(quality.path("seed").asLong()).isEqualTo(9);
        STUB.verify(postRequestedFor(urlEqualTo(REPLICATE + "ideogram-v3-turbo/predictions"))
                .withHeader("Authorization", equalTo("Bearer r8_v3")));
    }

    @Test
    void replicateSendsAStyleReferenceAsADataUri() throws IOException {
        storesItsImage("look", "{\"prompt\": \"a lighthouse\", \"style_reference_images\": [\"images/look.png\"]}");

        JsonNode input = body(only(REPLICATE + "ideogram-v3-turbo/predictions")).path("input");
        assertThat(input.path("style_reference_images")).hasSize(1);
        assertThat(dataUri(input.path("style_reference_images").get(0))).isEqualTo(LOOK);
    }

    // ------------------------------------------------------------------------------------------ WaveSpeed

    @Test
    void waveSpeedRunsTheDefaultV3TurboAndV3QualityAtThreeFour() throws IOException {
        storesItsImage("turbo", "{\"prompt\": \"a lighthouse\", \"provider\": \"wavespeed\"}");
        storesItsImage("quality", "{\"prompt\": \"a lighthouse\", \"provider\": \"wavespeed\", \"model\": \"v3_quality\","
                + " \"aspect_ratio\": \"3:4\"}");

        JsonNode turbo = body(only(WAVESPEED + "ideogram-v3-turbo"));
        assertThat(turbo.path("prompt").asText()).isEqualTo("a lighthouse");
        assertThat(turbo.path("style").asText()).isEqualTo("Auto");
        JsonNode quality = body(only(WAVESPEED + "ideogram-v3-quality"));
        assertThat(quality.path("aspect_ratio").asText()).isEqualTo("3:4");
        STUB.verify(postRequestedFor(urlEqualTo(WAVESPEED + "ideogram-v3-turbo"))
                .withHeader("Authorization", equalTo("Bearer ws_v3")));
    }

    @Test
    void waveSpeedSendsAStyleReferenceAsAReferenceImage() throws IOException {
        storesItsImage("look", "{\"prompt\": \"a lighthouse\", \"provider\": \"wavespeed\","
                + " \"style_reference_images\": [\"images/look.png\"]}");

        JsonNode body = body(only(WAVESPEED + "ideogram-v3-turbo"));
        assertThat(body.path("reference_images")).hasSize(1);
        assertThat(dataUri(body.path("reference_images").get(0))).isEqualTo(LOOK);
    }

    // ------------------------------------------------------------------------------------------ Ideogram

    @Test
    void ideogramRunsTheDefaultV3TurboAsAMultipartForm() {
        storesItsImage("turbo", "{\"prompt\": \"a lighthouse\", \"provider\": \"ideogram\", \"num_images\": 1,"
                + " \"magic_prompt\": \"off\", \"style_preset\": \"watercolor\"}");

        LoggedRequest create = only(IDEOGRAM + "generate");
        assertThat(create.getHeader("Api-Key")).isEqualTo("ideo_v3");
        assertThat(create.getHeader("Content-Type")).startsWith("multipart/form-data");
        assertThat(textParts(create)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "prompt", List.of("a lighthouse"), "num_images", List.of("1"), "rendering_speed", List.of("TURBO"),
                "magic_prompt", List.of("OFF"), "style_preset", List.of("WATERCOLOR")));
        JsonNode sidecar = TestFolders.json(folders.outbox().resolve("turbo-1.json"));
        assertThat(sidecar.path("model").asText()).isEqualTo("V_3_TURBO");
        assertThat(sidecar.path("seed").asLong()).isEqualTo(42);
    }

    @Test
    void ideogramRunsV3QualityAtFourFiveWithStyleCodes() {
        storesItsImage("quality", "{\"prompt\": \"a lighthouse\", \"provider\": \"ideogram\", \"model\": \"v3_quality\","
                + " \"aspect_ratio\": \"4:5\", \"style_codes\": [\"ab12cd34\", \"00FF00FF\"]}");

        assertThat(textParts(only(IDEOGRAM + "generate"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "prompt", List.of("a lighthouse"), "aspect_ratio", List.of("4x5"), "rendering_speed", List.of("QUALITY"),
                "style_codes", List.of("AB12CD34", "00FF00FF")));
    }

    @Test
    void ideogramSendsAStyleReferenceAndACharacterAsFileParts() {
        storesItsImage("look", "{\"prompt\": \"a lighthouse\", \"provider\": \"ideogram\","
                + " \"style_reference_images\": [\"images/look.png\", \"images/photo.png\"],"
                + " \"character_image\": \"images/photo.png\"}");

        LoggedRequest create = only(IDEOGRAM + "generate");
        List<Request.Part> references = create.getParts().stream()
                .filter(p -> p.getName().equals("style_reference_images")).toList();
        assertThat(references).extracting(p -> p.getBody().asBytes()).containsExactly(LOOK, PHOTO);
        assertThat(references).extracting(Request.Part::getFileName).containsExactly("look.png", "photo.png");
        assertThat(references.get(0).getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(part(create, "character_reference_images").getBody().asBytes()).isEqualTo(PHOTO);
    }

    @Test
    void ideogramReframesAnImageToAResolution() {
        storesItsImage("wider", "{\"operation\": \"reframe\", \"provider\": \"ideogram\", \"image\": \"images/photo.png\","
                + " \"resolution\": \"1280x720\"}");

        LoggedRequest create = only(IDEOGRAM + "reframe");
        assertThat(part(create, "image").getBody().asBytes()).isEqualTo(PHOTO);
        assertThat(textParts(create)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "resolution", List.of("1280x720"), "rendering_speed", List.of("TURBO")));
    }

    @Test
    void ideogramReplacesABackground() {
        storesItsImage("beach", "{\"operation\": \"replace_background\", \"provider\": \"ideogram\","
                + " \"image\": \"images/photo.png\", \"prompt\": \"a beach at dawn\", \"model\": \"v3\"}");

        LoggedRequest create = only(IDEOGRAM + "replace-background");
        assertThat(part(create, "image").getBody().asBytes()).isEqualTo(PHOTO);
        assertThat(textParts(create)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "prompt", List.of("a beach at dawn"), "rendering_speed", List.of("DEFAULT")));
    }

    // ------------------------------------------------------------------------------------------ refusals

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "replicate-anime.json | {\"prompt\": \"x\", \"style\": \"anime\"}"
            + " | style 'anime' is not sold for v3_turbo on replicate; use auto, general, realistic, design",
        "replicate-reframe.json | {\"operation\": \"reframe\", \"image\": \"images/photo.png\", \"resolution\": \"1280x720\"}"
            + " | replicate: operation reframe is not offered",
        "wavespeed-ratio.json | {\"prompt\": \"x\", \"provider\": \"wavespeed\", \"aspect_ratio\": \"4:5\"}"
            + " | aspect_ratio '4:5' is not sold for v3_turbo on wavespeed; use 1:1, 16:9, 9:16, 4:3, 3:4",
        "wavespeed-refs.json | {\"prompt\": \"x\", \"provider\": \"wavespeed\", \"style_reference_images\":"
            + " [\"images/look.png\", \"images/look.png\", \"images/look.png\", \"images/photo.png\"]}"
            + " | 4 style_reference_images is not sold for v3_turbo on wavespeed; use at most 3",
        "wavespeed-flash.json | {\"prompt\": \"x\", \"provider\": \"wavespeed\", \"model\": \"v3_flash\"}"
            + " | model 'v3_flash' is not sold on wavespeed",
        "ideogram-codes.json | {\"prompt\": \"x\", \"provider\": \"ideogram\", \"style\": \"auto\", \"style_codes\": [\"AB12CD34\"]}"
            + " | ideogram: style_codes cannot be combined with style or style_reference_images",
        "ideogram-v2-fiction.json | {\"prompt\": \"x\", \"provider\": \"ideogram\", \"model\": \"v2\", \"style\": \"fiction\"}"
            + " | style 'fiction' is not sold for v2 on ideogram",
        "pixazo-v3.json | {\"prompt\": \"x\", \"provider\": \"pixazo\", \"model\": \"v3_turbo\"}"
            + " | pixazo: model 'v3_turbo' is not sold on pixazo: the Pixazo gateway sells Ideogram 2.0 and 2.0 Turbo,"
            + " not Ideogram 3",
        "pixazo-refs.json | {\"prompt\": \"x\", \"provider\": \"pixazo\", \"style_reference_images\": [\"images/look.png\"]}"
            + " | style_reference_images is not sold for v2 on pixazo; remove it"
    })
    void whatTheProviderDoesNotSellIsRefusedWithoutAnyCall(String file, String job, String reason) {
        folders.drop(file, job);
        folders.awaitProcessed(file);

        JsonNode record = TestFolders.errorRecord(folders.clientErrors(), file);
        assertThat(record.path("reason").asText()).contains(reason);
        STUB.verify(0, anyRequestedFor(anyUrl()));
    }
}
