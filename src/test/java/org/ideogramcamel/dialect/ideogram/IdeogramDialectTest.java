package org.ideogramcamel.dialect.ideogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ideogramcamel.dialect.registry.Providers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.FormPart;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobValidator;
import org.ideogramcamel.job.SourceImages;
import org.ideogramcamel.support.IdeogramSeeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical job in Ideogram's words, Ideogram's answers back in canonical terms, and what is refused. */
class IdeogramDialectTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final IdeogramOptions OPTIONS =
            new IdeogramOptions(URI.create("https://api.ideogram.ai"), "ideo_key", "Api-Key", "V_2");
    final IdeogramDialect dialect = new IdeogramDialect(OPTIONS);

    @TempDir
    Path inbox;

    ImageJob job(String json) {
        return validator().validate("job", object(json));
    }

    JobValidator validator() {
        return new JobValidator("ideogram", new SourceImages(inbox, 1_000_000), Providers.CATALOG);
    }

    static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode imageRequest(ProviderCall call) throws IOException {
        return JSON.readTree(call.body()).get("image_request");
    }

    @Test
    void everyCanonicalOptionBecomesIdeogramsWord() throws IOException {
        ProviderCall call = dialect.create(job("""
                {"prompt": "a lighthouse", "aspect_ratio": "16:9", "style": "render_3d", "magic_prompt": "off",
                 "negative_prompt": "people", "seed": 42, "num_images": 3, "color_palette": "jungle",
                 "model": "v2_turbo"}"""));

        assertThat(call.kind()).isEqualTo(CallKind.CREATE);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.uri()).isEqualTo(URI.create("https://api.ideogram.ai/generate"));
        assertThat(call.headers()).containsEntry("Content-Type", "application/json");
        assertThat(call.credentials()).containsExactlyEntriesOf(java.util.Map.of("Api-Key", "ideo_key"));
        assertThat(JSON.readTree(call.body())).isEqualTo(JSON.readTree("""
                {"image_request": {"prompt": "a lighthouse", "model": "V_2_TURBO", "aspect_ratio": "ASPECT_16_9",
                 "style_type": "RENDER_3D", "magic_prompt_option": "OFF", "negative_prompt": "people", "seed": 42,
                 "num_images": 3, "color_palette": {"name": "JUNGLE"}}}"""));
    }

    @Test
    void onlyPromptAndTheConfiguredModelWhenTheJobSetsNothingElse() throws IOException {
        assertThat(imageRequest(dialect.create(job("{\"prompt\": \"a fox\"}"))))
                .isEqualTo(JSON.readTree("{\"prompt\": \"a fox\", \"model\": \"V_2\"}"));
    }

    @ParameterizedTest
    @CsvSource({"v1,V_1", "v1_turbo,V_1_TURBO", "v2,V_2", "v2_turbo,V_2_TURBO", "v2a,V_2A", "v2a_turbo,V_2A_TURBO"})
    void modelsInIdeogramsWords(String canonical, String ideogram) throws IOException {
        assertThat(dialect.model(job("{\"prompt\": \"p\", \"model\": \"" + canonical + "\"}"))).isEqualTo(ideogram);
        assertThat(imageRequest(dialect.create(job("{\"prompt\": \"p\", \"model\": \"" + canonical + "\"}")))
                .path("model").asText()).isEqualTo(ideogram);
    }

    @ParameterizedTest
    @CsvSource({"1:1,ASPECT_1_1", "16:9,ASPECT_16_9", "9:16,ASPECT_9_16", "4:3,ASPECT_4_3", "3:4,ASPECT_3_4",
        "3:2,ASPECT_3_2", "2:3,ASPECT_2_3", "16:10,ASPECT_16_10", "10:16,ASPECT_10_16", "3:1,ASPECT_3_1",
        "1:3,ASPECT_1_3"})
    void aspectRatios(String canonical, String ideogram) throws IOException {
        assertThat(imageRequest(dialect.create(job("{\"prompt\": \"p\", \"aspect_ratio\": \"" + canonical + "\"}")))
                .path("aspect_ratio").asText()).isEqualTo(ideogram);
    }

    @ParameterizedTest
    @CsvSource({"auto,AUTO", "general,GENERAL", "realistic,REALISTIC", "design,DESIGN", "render_3d,RENDER_3D",
        "anime,ANIME"})
    void styles(String canonical, String ideogram) throws IOException {
        assertThat(imageRequest(dialect.create(job("{\"prompt\": \"p\", \"style\": \"" + canonical + "\"}")))
                .path("style_type").asText()).isEqualTo(ideogram);
    }

    @ParameterizedTest
    @CsvSource({"auto,AUTO", "on,ON", "off,OFF"})
    void magicPrompt(String canonical, String ideogram) throws IOException {
        assertThat(imageRequest(dialect.create(job("{\"prompt\": \"p\", \"magic_prompt\": \"" + canonical + "\"}")))
                .path("magic_prompt_option").asText()).isEqualTo(ideogram);
    }

    @ParameterizedTest
    @CsvSource({"1024x1024,RESOLUTION_1024_1024", "1280x720,RESOLUTION_1280_720", "512x1536,RESOLUTION_512_1536"})
    void resolutionsKeepWidthThenHeight(String canonical, String ideogram) throws IOException {
        assertThat(imageRequest(dialect.create(job("{\"prompt\": \"p\", \"resolution\": \"" + canonical + "\"}")))
                .path("resolution").asText()).isEqualTo(ideogram);
    }

    @Test
    void paletteOfWeightedColours() throws IOException {
        JsonNode palette = imageRequest(dialect.create(job("""
                {"prompt": "p", "color_palette": [{"hex": "#ff0000", "weight": 0.5}, {"hex": "#00FF00"}]}""")))
                .get("color_palette");
        assertThat(palette).isEqualTo(JSON.readTree("""
                {"members": [{"color_hex": "#FF0000", "color_weight": 0.5},
                             {"color_hex": "#00FF00", "color_weight": 1.0}]}"""));
    }

    @ParameterizedTest
    @CsvSource({"ember,EMBER", "fresh,FRESH", "jungle,JUNGLE", "magic,MAGIC", "melon,MELON", "mosaic,MOSAIC",
        "pastel,PASTEL", "ultramarine,ULTRAMARINE"})
    void palettePresets(String canonical, String ideogram) throws IOException {
        assertThat(imageRequest(dialect.create(job("{\"prompt\": \"p\", \"color_palette\": \"" + canonical + "\"}")))
                .path("color_palette").path("name").asText()).isEqualTo(ideogram);
    }

    @Test
    void bearerForAProxyAndTheProxyPathIsKept() {
        IdeogramDialect proxied = new IdeogramDialect(
                new IdeogramOptions(URI.create("https://proxy.example/ideogram/"), "k", "bearer", "V_2_TURBO"));
        ProviderCall call = proxied.create(job("{\"prompt\": \"p\"}"));
        assertThat(call.uri()).isEqualTo(URI.create("https://proxy.example/ideogram/generate"));
        assertThat(call.credentials()).containsExactlyEntriesOf(java.util.Map.of("Authorization", "Bearer k"));
    }

    @Test
    void editIsMultipartWithTheMaskAsItIs() throws IOException {
        byte[] photo = png("photo");
        byte[] mask = png("mask");
        Files.createDirectories(inbox.resolve("images"));
        Files.write(inbox.resolve("images/photo.png"), photo);
        Files.write(inbox.resolve("images/mask.png"), mask);

        ProviderCall call = dialect.create(job("""
                {"operation": "edit", "prompt": "a red door", "image": "images/photo.png",
                 "mask": "images/mask.png", "seed": 7, "style": "design", "magic_prompt": "on", "num_images": 2}"""));

        assertThat(call.uri()).isEqualTo(URI.create("https://api.ideogram.ai/edit"));
        assertThat(call.isMultipart()).isTrue();
        assertThat(call.parts()).extracting(FormPart::name).containsExactly(
                "image_file", "mask", "prompt", "model", "magic_prompt_option", "num_images", "seed", "style_type");
        assertThat(call.parts().get(0).content()).isEqualTo(photo);
        assertThat(call.parts().get(0).contentType()).isEqualTo("image/png");
        assertThat(call.parts().get(1).content()).isEqualTo(mask);
        assertThat(text(call, "model")).isEqualTo("V_2");
        assertThat(text(call, "style_type")).isEqualTo("DESIGN");
        assertThat(text(call, "magic_prompt_option")).isEqualTo("ON");
        assertThat(text(call, "num_images")).isEqualTo("2");
        assertThat(text(call, "seed")).isEqualTo("7");
    }

    @Test
    void readsEveryEntryOfDataWithItsOwnSeedAndResolution() {
        Prediction p = dialect.read(CallKind.CREATE, job("{\"prompt\": \"p\", \"num_images\": 2}"),
                IdeogramSeeds.images(
                        IdeogramSeeds.entry("https://ideogram.ai/api/images/direct/a", "1024x1024", true, 12345),
                        IdeogramSeeds.entry("", "1280x720", false, 678)).getBytes(StandardCharsets.UTF_8));

        assertThat(p.state()).isEqualTo(Prediction.State.SUCCEEDED);
        assertThat(p.provider()).isEqualTo("ideogram");
        assertThat(p.id()).isNull();
        assertThat(p.images()).containsExactly(
                new GeneratedImage(1, "https://ideogram.ai/api/images/direct/a", null, 12345L, "1024x1024", true),
                new GeneratedImage(2, null, null, 678L, "1280x720", false));
    }

    @Test
    void anAnswerWithoutImagesIsAFailedPrediction() {
        Prediction p = dialect.read(CallKind.CREATE, job("{\"prompt\": \"p\"}"),
                "{\"created\": \"2000-01-23T04:56:07Z\", \"data\": []}".getBytes(StandardCharsets.UTF_8));
        assertThat(p.state()).isEqualTo(Prediction.State.FAILED);
        assertThat(p.error()).contains("without any image");
    }

    @Test
    void describeAnswerBecomesTexts() throws IOException {
        Files.createDirectories(inbox.resolve("images"));
        Files.write(inbox.resolve("images/photo.png"), png("photo"));
        Prediction p = dialect.read(CallKind.CREATE, job("{\"operation\": \"describe\", \"image\": \"images/photo.png\"}"),
                IdeogramSeeds.descriptions("A cat", "A small cat").getBytes(StandardCharsets.UTF_8));
        assertThat(p.descriptions()).containsExactly("A cat", "A small cat");
        assertThat(p.isSucceeded()).isTrue();
    }

    @Test
    void syncProviderIsNeverPolledOrCancelled() {
        Prediction done = new Prediction("ideogram", null, "V_2", Prediction.State.SUCCEEDED, List.of(), null);
        assertThatThrownBy(() -> dialect.poll(done)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("synchronously");
        assertThatThrownBy(() -> dialect.cancel(done)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("synchronously");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"detail\": \"Invalid API key\"}|Invalid API key",
        "{\"error\": \"Prompt failed the safety check\"}|Prompt failed the safety check",
        "{\"code\": \"upstream_error\", \"message\": \"upstream\\nfailed\", \"data\": null}|upstream failed",
        "{\"detail\": [{\"loc\": [\"body\", \"image_request\", \"seed\"], \"msg\": \"too big\"}]}|image_request.seed: too big",
        "Bad Gateway|Bad Gateway"})
    void errorBodiesBecomeOneLine(String body, String message) {
        assertThat(dialect.error(400, body.getBytes(StandardCharsets.UTF_8)).message()).isEqualTo(message);
    }

    @Test
    void emptyErrorBodyNamesTheStatus() {
        assertThat(dialect.error(502, new byte[0]).message()).isEqualTo("HTTP 502");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"prompt\": \"p\", \"resolution\": \"1024x1024\", \"aspect_ratio\": \"1:1\"}|they exclude each other",
        "{\"prompt\": \"p\", \"style\": \"anime\", \"model\": \"v1\"}|ideogram: style is not supported by V_1",
        "{\"prompt\": \"p\", \"style\": \"anime\", \"model\": \"v1_turbo\"}|ideogram: style is not supported by V_1_TURBO",
        "{\"prompt\": \"p\", \"color_palette\": \"melon\", \"model\": \"v2a\"}|ideogram: color_palette is not supported by V_2A",
        "{\"prompt\": \"p\", \"color_palette\": \"melon\", \"model\": \"v1\"}|ideogram: color_palette is not supported by V_1",
        "{\"prompt\": \"p\", \"negative_prompt\": \"x\", \"model\": \"v2a_turbo\"}|ideogram: negative_prompt is not supported by V_2A_TURBO"})
    void optionsIdeogramCannotHonourAreRefused(String json, String refusal) {
        assertThat(String.join("; ", dialect.refusals(job(json)))).contains(refusal);
    }

    @Test
    void paletteIsAcceptedForV2AndV2Turbo() {
        assertThat(dialect.refusals(job("{\"prompt\": \"p\", \"color_palette\": \"melon\"}"))).isEmpty();
        assertThat(dialect.refusals(job("{\"prompt\": \"p\", \"color_palette\": \"melon\", \"model\": \"v2_turbo\"}")))
                .isEmpty();
    }

    @Test
    void editRefusals() throws IOException {
        Files.createDirectories(inbox.resolve("images"));
        Files.write(inbox.resolve("images/photo.png"), png("photo"));
        Files.write(inbox.resolve("images/mask.png"), png("mask"));
        assertThat(dialect.refusals(job("{\"operation\": \"edit\", \"prompt\": \"p\", \"image\": \"images/photo.png\"}")))
                .containsExactly("ideogram: edit needs a mask (black marks the area to regenerate, white is kept)");
        assertThat(dialect.refusals(job("""
                {"operation": "edit", "prompt": "p", "image": "images/photo.png", "mask": "images/mask.png",
                 "aspect_ratio": "16:9", "model": "v2a"}""")))
                .anyMatch(r -> r.startsWith("ideogram: edit is not offered for V_2A"))
                .anyMatch(r -> r.startsWith("ideogram: aspect_ratio is not supported by edit"));
    }

    @Test
    void missingKeyIsRefusedNamingBothPlacesToSetIt() {
        IdeogramDialect keyless = new IdeogramDialect(
                new IdeogramOptions(URI.create("https://api.ideogram.ai"), "", "Api-Key", "V_2"));
        assertThat(keyless.refusals(job("{\"prompt\": \"p\"}"))).containsExactly(
                "ideogram: no API key; set IDEOGRAM_API_KEY or ideogram.providers.ideogram.api-key");
    }

    @Test
    void wrongAuthHeaderOrModelIsAOneLineStartUpError() {
        assertThatThrownBy(() -> new IdeogramOptions(URI.create("https://a"), "k", "Token", "V_2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ideogram.providers.ideogram.auth-header=Token is not valid; use Api-Key (Ideogram itself)"
                        + " or Bearer (a proxy)");
        assertThatThrownBy(() -> new IdeogramOptions(URI.create("https://a"), "k", "Api-Key", "V2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ideogram.providers.ideogram.model=V2 is not valid; use one of V_1");
    }

    @Test
    void optionsNeverShowTheKey() {
        assertThat(OPTIONS.toString()).doesNotContain("ideo_key");
    }

    static String text(ProviderCall call, String name) {
        return call.parts().stream().filter(p -> p.name().equals(name)).findFirst()
                .map(p -> new String(p.content(), StandardCharsets.UTF_8)).orElseThrow();
    }

    static byte[] png(String text) {
        return new PlaceholderRenderer().render(text, null, "1:1", 1, text.hashCode());
    }
}
