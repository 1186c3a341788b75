package org.ideogramcamel.dialect.wavespeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderHttpException;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.job.ColorPalette;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.support.WaveSpeedSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaveSpeedDialectTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] PNG = new PlaceholderRenderer().render("out", null, "1:1", 1, 5);

    final WaveSpeedDialect dialect = dialect(false);

    static WaveSpeedDialect dialect(boolean base64) {
        return new WaveSpeedDialect(new WaveSpeedOptions(URI.create("https://ws.example/api/v3/"), "ws_key",
                "ideogram-v2", base64));
    }

    static ImageJob job(String prompt, String aspectRatio, String style, String model) {
        return new ImageJob("j", prompt, null, aspectRatio, null, style, null, null, null, null, model, "wavespeed",
                "generate", null, null, null);
    }

    static JsonNode body(ProviderCall call) throws Exception {
        return JSON.readTree(call.body());
    }

    @Test
    void createMapsEveryOptionToWaveSpeedsFlatBody() throws Exception {
        ProviderCall call = dialect.create(job("a lighthouse", "16:9", "render_3d", "v2_turbo"));

        assertThat(call.kind()).isEqualTo(CallKind.CREATE);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.uri()).hasToString("https://ws.example/api/v3/ideogram-ai/ideogram-v2-turbo");
        assertThat(call.headers()).containsEntry("Content-Type", "application/json");
        assertThat(call.headers()).doesNotContainKey("Authorization");
        assertThat(call.credentials()).containsExactly(java.util.Map.entry("Authorization", "Bearer ws_key"));
        assertThat(body(call)).isEqualTo(JSON.readTree("""
                {"prompt": "a lighthouse", "style": "Render 3D", "aspect_ratio": "16:9",
                 "enable_base64_output": false}"""));
    }

    @ParameterizedTest
    @CsvSource({"auto,Auto", "general,General", "realistic,Realistic", "design,Design", "render_3d,Render 3D",
        "anime,Anime"})
    void stylesUseWaveSpeedsWords(String canonical, String wavespeed) throws Exception {
        assertThat(body(dialect.create(job("x", null, canonical, null))).path("style").asText()).isEqualTo(wavespeed);
    }

    @Test
    void defaultsAreWaveSpeedsOwnAndTheConfiguredModel() throws Exception {
        ProviderCall call = dialect(true).create(job("x", null, null, null));

        assertThat(call.uri()).hasToString("https://ws.example/api/v3/ideogram-ai/ideogram-v2");
        assertThat(body(call)).isEqualTo(JSON.readTree("""
                {"prompt": "x", "style": "Auto", "aspect_ratio": "1:1", "enable_base64_output": true}"""));
        assertThat(dialect.model(job("x", null, null, "v2"))).isEqualTo("ideogram-v2");
    }

    @Test
    void editSendsTheImageAndTheInvertedMaskAsDataUris(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("photo.png");
        Files.write(image, PNG);
        Path mask = dir.resolve("mask.png");
        Files.write(mask, MaskInverterTest.png(MaskInverterTest.canonicalMask()));
        ImageJob edit = new ImageJob("e", "a red door", null, null, null, null, null, null, null, null, null,
                "wavespeed", "edit", image, mask, null);

        assertThat(dialect.refusals(edit)).isEmpty();
        JsonNode body = body(dialect.create(edit));

        assertThat(body.path("prompt").asText()).isEqualTo("a red door");
        assertThat(body.has("aspect_ratio")).as("an edit keeps the source image's shape").isFalse();
        assertThat(body.path("image").asText()).startsWith("data:image/png;base64,");
        assertThat(dataUri(body.path("image").asText())).isEqualTo(PNG);
        assertThat(body.path("mask_image").asText()).startsWith("data:image/png;base64,");
        var sent = MaskInverterTest.decode(dataUri(body.path("mask_image").asText()));
        assertThat(sent.getRGB(0, 0)).as("black (regenerate) became white").isEqualTo(MaskInverterTest.WHITE);
        assertThat(sent.getRGB(3, 0)).as("white (keep) became black").isEqualTo(MaskInverterTest.BLACK);
    }

    static byte[] dataUri(String uri) {
        return Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
    }

    @Test
    void everyOptionWaveSpeedLacksIsRefusedOnItsOwnLine() {
        ImageJob all = new ImageJob("j", "x", "people", "3:2", "1024x1024", null, "on", 42L, 2,
                ColorPalette.ofPreset("ember"), "v2a", "wavespeed", "generate", null, null, null);

        assertThat(dialect.refusals(all)).containsExactly(
                "wavespeed: model 'v2a' is not offered; use v2 or v2_turbo",
                "wavespeed: aspect_ratio 3:2 is not offered; use one of 1:1 16:9 9:16 4:3 3:4",
                "wavespeed: negative_prompt is not supported; remove it or describe what you want in the prompt",
                "wavespeed: resolution is not supported; use aspect_ratio instead",
                "wavespeed: magic_prompt is not supported; remove it",
                "wavespeed: seed is not supported; remove it (WaveSpeed picks a random seed)",
                "wavespeed: num_images 2 is not supported; a WaveSpeed task makes one image (use 1, or the ideogram"
                        + " provider)",
                "wavespeed: color_palette is not supported by WaveSpeed's Ideogram models");
        assertThat(dialect.refusals(job("x", "4:3", "anime", "v2"))).isEmpty();
    }

    @Test
    void operationsAndAMissingKeyAreRefused(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("photo.png");
        Files.write(image, PNG);
        ImageJob remix = new ImageJob("r", "x", null, null, null, null, null, null, null, null, null, "wavespeed",
                "remix", image, null, 50);
        ImageJob describe = new ImageJob("d", null, null, null, null, null, null, null, null, null, null,
                "wavespeed", "describe", image, null, null);
        ImageJob maskless = new ImageJob("e", "x", null, null, null, null, null, null, null, null, null,
                "wavespeed", "edit", image, null, null);
        WaveSpeedDialect keyless = new WaveSpeedDialect(new WaveSpeedOptions(URI.create("https://ws.example/api/v3"),
                " ", "ideogram-v2", false));

        assertThat(dialect.operations()).containsExactlyInAnyOrder("generate", "edit");
        assertThat(remix.operation()).isNotIn(dialect.operations());
        assertThat(describe.operation()).isNotIn(dialect.operations());
        assertThat(dialect.refusals(maskless)).containsExactly(
                "wavespeed: edit needs a mask (black marks the area to regenerate)");
        assertThat(keyless.refusals(job("x", null, null, null))).containsExactly(
                "wavespeed: no API key; set WAVESPEED_API_KEY or ideogram.providers.wavespeed.api-key");
    }

    @Test
    void pollIsRebuiltFromTheBaseUrlAndCancelIsUnsupported() {
        Prediction pending = new Prediction("wavespeed", "abc123", "ideogram-ai/ideogram-v2",
                Prediction.State.PENDING, List.of(), null);

        ProviderCall poll = dialect.poll(pending);

        assertThat(poll.kind()).isEqualTo(CallKind.POLL);
        assertThat(poll.method()).isEqualTo("GET");
        assertThat(poll.uri()).hasToString("https://ws.example/api/v3/predictions/abc123/result");
        assertThat(poll.credentials()).containsEntry("Authorization", "Bearer ws_key");
        assertThat(poll.body()).isNull();
        assertThatThrownBy(() -> dialect.cancel(pending)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no cancel endpoint");
    }

    @ParameterizedTest
    @CsvSource({"created,PENDING", "processing,PENDING", "failed,FAILED", "timeout,FAILED", "cancelled,CANCELED",
        "canceled,CANCELED"})
    void statusesBecomePredictionStates(String status, Prediction.State state) {
        Prediction read = read(dialect, WaveSpeedSeeds.task("t1", status, null));
        assertThat(read.state()).isEqualTo(state);
        assertThat(read.id()).isEqualTo("t1");
        assertThat(read.images()).isEmpty();
    }

    @Test
    void failedCarriesTheProvidersError() {
        Prediction read = read(dialect, WaveSpeedSeeds.task("t1", "failed", "prompt\nrejected"));
        assertThat(read.error()).isEqualTo("prompt rejected");
    }

    @Test
    void completedHasOneImagePerOutputAndNsfwFlagsMarkUnsafeOnes() {
        Prediction read = read(dialect, WaveSpeedSeeds.task("t1", "completed",
                List.of("https://cdn.example/a.png", "https://cdn.example/b.png"), List.of(false, true), ""));

        assertThat(read.state()).isEqualTo(Prediction.State.SUCCEEDED);
        assertThat(read.model()).isEqualTo("ideogram-ai/ideogram-v2");
        assertThat(read.error()).isNull();
        assertThat(read.images()).extracting(GeneratedImage::index, GeneratedImage::url, GeneratedImage::safe)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "https://cdn.example/a.png", true),
                        org.assertj.core.groups.Tuple.tuple(2, "https://cdn.example/b.png", false));
    }

    @Test
    void base64OutputsAreDecodedWithOrWithoutADataPrefix() {
        String plain = Base64.getEncoder().encodeToString(PNG);
        Prediction read = read(dialect(true), WaveSpeedSeeds.completed("t1", plain, "data:image/png;base64," + plain));

        assertThat(read.images()).hasSize(2).allSatisfy(image -> {
            assertThat(image.url()).isNull();
            assertThat(image.bytes()).isEqualTo(PNG);
            assertThat(image.safe()).isTrue();
        });
    }

    @Test
    void anOutputThatIsNeitherUrlNorBase64IsAnError() {
        assertThatThrownBy(() -> read(dialect(true), WaveSpeedSeeds.completed("t1", "not an image!")))
                .hasMessage("wavespeed output 1 is neither an http(s) URL nor a base64 image");
    }

    @Test
    void completedWithoutOutputsFails() {
        Prediction read = read(dialect, WaveSpeedSeeds.task("t1", "completed", null));
        assertThat(read.state()).isEqualTo(Prediction.State.FAILED);
        assertThat(read.error()).isEqualTo("the task completed but its outputs hold no image");
    }

    @Test
    void anErrorCodeInsideA200AnswerIsAnHttpError() {
        assertThatThrownBy(() -> read(dialect, WaveSpeedSeeds.problem(400, "aspect_ratio is invalid")))
                .isInstanceOfSatisfying(ProviderHttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.providerMessage()).isEqualTo("aspect_ratio is invalid");
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThatThrownBy(() -> read(dialect, WaveSpeedSeeds.problem(1001, "odd")))
                .isInstanceOf(IllegalStateException.class).hasMessage("wavespeed answered create with envelope code 1001: odd");
    }

    @Test
    void unknownStatusesAndUnsafeIdsAreRefused() {
        assertThatThrownBy(() -> read(dialect, WaveSpeedSeeds.task("t1", "dreaming", null)))
                .hasMessage("wavespeed answered an unknown task status 'dreaming'");
        assertThatThrownBy(() -> read(dialect, WaveSpeedSeeds.task("../x?y", "created", null)))
                .hasMessage("wavespeed answered create with no usable task id");
        assertThatThrownBy(() -> read(dialect, "[]")).hasMessageContaining("not an envelope");
    }

    @Test
    void errorBodiesGiveTheEnvelopesMessageOnOneLine() {
        assertThat(dialect.error(401, WaveSpeedSeeds.problem(401, "Invalid\n API key").getBytes(StandardCharsets.UTF_8))
                .message()).isEqualTo("Invalid API key");
        assertThat(dialect.error(500, "{\"code\":500,\"message\":\"internal error\",\"data\":{\"error\":\"GPU lost\"}}"
                .getBytes(StandardCharsets.UTF_8)).message()).isEqualTo("internal error: GPU lost");
        assertThat(dialect.error(502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)).message())
                .isEqualTo("<html>Bad Gateway</html>");
        assertThat(dialect.error(503, new byte[0]).message()).isEqualTo("HTTP 503");
        assertThat(dialect.error(429, new byte[0]).retryAfter()).isNull();
    }

    @Test
    void theKeyIsNeverPrinted() {
        assertThat(new WaveSpeedOptions(URI.create("https://ws.example"), "ws_secret", "m", false).toString())
                .doesNotContain("ws_secret").contains("****");
    }

    static Prediction read(WaveSpeedDialect dialect, String body) {
        return dialect.read(CallKind.CREATE, job("x", null, null, null), body.getBytes(StandardCharsets.UTF_8));
    }
}
