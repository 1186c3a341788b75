package org.ideogramcamel.dialect.pixazo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.FormPart;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderError;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.job.ColorPalette;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.support.PixazoSeeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping of canonical jobs to the Pixazo gateway's words, paths and form parts, and of its answers back. */
class PixazoDialectTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "https://gateway.example";
    static final byte[] PHOTO = new PlaceholderRenderer().render("photo", null, "1:1", 1, 3);
    static final byte[] MASK = new PlaceholderRenderer().render("mask", null, "1:1", 1, 4);

    final PixazoDialect pixazo = dialect("v2", "key-123");

    @TempDir
    Path inbox;
    Path photo;
    Path mask;

    static PixazoDialect dialect(String model, String key) {
        return new PixazoDialect(new PixazoOptions(URI.create(BASE + "/"), key, model));
    }

    @BeforeEach
    void images() throws IOException {
        photo = Files.write(inbox.resolve("my holiday photo.png"), PHOTO);
        mask = Files.write(inbox.resolve("mask.png"), MASK);
    }

    /** A job with every option empty; tests set what they need through the builder. */
    static Job job(String prompt) {
        return new Job().prompt(prompt);
    }

    @Nested
    class Generate {

        @Test
        void everyOptionIsSentInTheGatewaysWords() throws IOException {
            ProviderCall call = pixazo.create(job("a beach").negativePrompt("blur").aspectRatio("10:16")
                    .magicPrompt("auto").seed(212L).style("render_3d").palette(ColorPalette.ofPreset("jungle")).build());

            assertThat(call.kind()).isEqualTo(CallKind.CREATE);
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.uri()).isEqualTo(URI.create(BASE + "/ideogramV_2/v1/generate"));
            assertThat(call.headers()).containsEntry("Content-Type", "application/json")
                    .containsEntry("Cache-Control", "no-cache").doesNotContainKey(PixazoDialect.KEY_HEADER);
            assertThat(call.credentials()).containsExactlyEntriesOf(java.util.Map.of("Ocp-Apim-Subscription-Key",
                    "key-123"));
            assertThat(JSON.readTree(call.body())).isEqualTo(JSON.readTree("""
                    {"image_request": {"prompt": "a beach", "negative_prompt": "blur", "model": "V_2",
                      "aspect_ratio": "ASPECT_10_16", "magic_prompt_option": "AUTO", "seed": 212,
                      "style_type": "RENDER_3D", "color_palette": {"name": "JUNGLE"}}}"""));
        }

        @Test
        void onlyPromptAndModelWhenTheJobSetsNothingElse() throws IOException {
            ProviderCall call = pixazo.create(job("a fox").build());

            assertThat(JSON.readTree(call.body())).isEqualTo(JSON.readTree(
                    "{\"image_request\": {\"prompt\": \"a fox\", \"model\": \"V_2\"}}"));
        }

        @Test
        void turboFromTheJobChoosesTheTurboPathAndModel() throws IOException {
            ProviderCall call = pixazo.create(job("a fox").model("v2_turbo").build());

            assertThat(call.uri()).isEqualTo(URI.create(BASE + "/ideogramV_2_Turbo/v1/generate"));
            assertThat(JSON.readTree(call.body()).at("/image_request/model").asText()).isEqualTo("V_2_TURBO");
            assertThat(pixazo.model(job("a fox").model("v2_turbo").build())).isEqualTo("V_2_TURBO");
        }

        @Test
        void turboFromTheConfigurationWhenTheJobNamesNoModel() throws IOException {
            PixazoDialect turbo = dialect("v2_turbo", "k");
            ProviderCall call = turbo.create(job("a fox").build());

            assertThat(call.uri()).isEqualTo(URI.create(BASE + "/ideogramV_2_Turbo/v1/generate"));
            assertThat(JSON.readTree(call.body()).at("/image_request/model").asText()).isEqualTo("V_2_TURBO");
            assertThat(turbo.create(job("a fox").model("v2").build()).uri())
                    .isEqualTo(URI.create(BASE + "/ideogramV_2/v1/generate"));
        }

        @ParameterizedTest
        @CsvSource({"1:1,ASPECT_1_1", "16:9,ASPECT_16_9", "9:16,ASPECT_9_16", "4:3,ASPECT_4_3", "3:4,ASPECT_3_4",
            "3:2,ASPECT_3_2", "2:3,ASPECT_2_3", "16:10,ASPECT_16_10", "10:16,ASPECT_10_16", "3:1,ASPECT_3_1",
            "1:3,ASPECT_1_3"})
        void everyAspectRatio(String canonical, String gateway) throws IOException {
            assertThat(requestOf(job("x").aspectRatio(canonical)).path("aspect_ratio").asText()).isEqualTo(gateway);
        }

        @ParameterizedTest
        @CsvSource({"auto,AUTO", "general,GENERAL", "realistic,REALISTIC", "design,DESIGN", "render_3d,RENDER_3D",
            "anime,ANIME"})
        void everyStyle(String canonical, String gateway) throws IOException {
            assertThat(requestOf(job("x").style(canonical)).path("style_type").asText()).isEqualTo(gateway);
        }

        @ParameterizedTest
        @CsvSource({"auto,AUTO", "on,ON", "off,OFF"})
        void everyMagicPromptOption(String canonical, String gateway) throws IOException {
            assertThat(requestOf(job("x").magicPrompt(canonical)).path("magic_prompt_option").asText())
                    .isEqualTo(gateway);
        }

        @ParameterizedTest
        @CsvSource({"ember,EMBER", "fresh,FRESH", "jungle,JUNGLE", "magic,MAGIC", "melon,MELON", "mosaic,MOSAIC",
            "pastel,PASTEL", "ultramarine,ULTRAMARINE"})
        void everyPalettePreset(String canonical, String gateway) throws IOException {
            assertThat(requestOf(job("x").palette(ColorPalette.ofPreset(canonical))).at("/color_palette/name")
                    .asText()).isEqualTo(gateway);
        }

        private JsonNode requestOf(Job job) throws IOException {
            return JSON.readTree(pixazo.create(job.build()).body()).path("image_request");
        }
    }

    @Nested
    class Edit {

        @Test
        void sendsImageMaskPromptAndModelAsFormParts() {
            ProviderCall call = pixazo.create(job("a red door").operation("edit").image(photo).mask(mask).build());

            assertThat(call.uri()).isEqualTo(URI.create(BASE + "/ideogramV_2/v1/edit"));
            assertThat(call.isMultipart()).isTrue();
            assertThat(call.credentials()).containsEntry("Ocp-Apim-Subscription-Key", "key-123");
            assertThat(call.parts()).extracting(FormPart::name).containsExactly("image_file", "mask", "prompt", "model");
            FormPart image = call.parts().get(0);
            assertThat(image.fileName()).as("the user's file name stays home").isEqualTo("image.png");
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(image.content()).isEqualTo(PHOTO);
            FormPart maskPart = call.parts().get(1);
            assertThat(maskPart.fileName()).isEqualTo("mask.png");
            assertThat(maskPart.content()).as("black = regenerate on both sides: no inversion").isEqualTo(MASK);
            assertThat(text(call.parts().get(2))).isEqualTo("a red door");
            assertThat(text(call.parts().get(3))).isEqualTo("V_2");
        }

        @Test
        void withoutAMaskNoMaskPartIsSentAsTheGatewayDocumentsItOptional() {
            ProviderCall call = pixazo.create(job("brighter").operation("edit").image(photo).model("v2_turbo").build());

            assertThat(call.uri()).isEqualTo(URI.create(BASE + "/ideogramV_2_Turbo/v1/edit"));
            assertThat(call.parts()).extracting(FormPart::name).containsExactly("image_file", "prompt", "model");
            assertThat(text(call.parts().get(2))).isEqualTo("V_2_TURBO");
        }

        @Test
        void optionsTheEditFormHasNoFieldForAreRefusedOneByOne() {
            ImageJob edit = job("x").operation("edit").image(photo).mask(mask).negativePrompt("blur")
                    .aspectRatio("16:9").style("anime").magicPrompt("on").seed(5L)
                    .palette(ColorPalette.ofPreset("melon")).build();

            assertThat(pixazo.refusals(edit)).hasSize(6).allSatisfy(r -> assertThat(r)
                    .startsWith("pixazo: ").contains("is not accepted on edit"))
                    .anySatisfy(r -> assertThat(r).startsWith("pixazo: negative_prompt "))
                    .anySatisfy(r -> assertThat(r).startsWith("pixazo: aspect_ratio "))
                    .anySatisfy(r -> assertThat(r).startsWith("pixazo: style "))
                    .anySatisfy(r -> assertThat(r).startsWith("pixazo: magic_prompt "))
                    .anySatisfy(r -> assertThat(r).startsWith("pixazo: seed "))
                    .anySatisfy(r -> assertThat(r).startsWith("pixazo: color_palette "));
            assertThat(pixazo.refusals(job("x").operation("edit").image(photo).mask(mask).build())).isEmpty();
        }
    }

    @Nested
    class Remix {

        @Test
        void imageRequestIsJsonTextWithImageWeightThenTheImage() throws IOException {
            ProviderCall call = pixazo.create(job("a beach").operation("remix").image(photo).aspectRatio("10:16")
                    .magicPrompt("on").imageWeight(50).seed(9L).style("design").negativePrompt("fog")
                    .palette(ColorPalette.ofPreset("pastel")).build());

            assertThat(call.uri()).isEqualTo(URI.create(BASE + "/ideogramV_2/v1/remix"));
            assertThat(call.parts()).extracting(FormPart::name).containsExactly("image_request", "image_file");
            assertThat(call.parts().get(0).isFile()).isFalse();
            assertThat(JSON.readTree(text(call.parts().get(0)))).isEqualTo(JSON.readTree("""
                    {"prompt": "a beach", "model": "V_2", "aspect_ratio": "ASPECT_10_16", "image_weight": 50,
                     "magic_prompt_option": "ON", "seed": 9, "style_type": "DESIGN", "negative_prompt": "fog",
                     "color_palette": {"name": "PASTEL"}}"""));
            assertThat(call.parts().get(1).content()).isEqualTo(PHOTO);
            assertThat(call.parts().get(1).contentType()).isEqualTo("image/png");
            assertThat(pixazo.refusals(job("a beach").operation("remix").image(photo).imageWeight(50).seed(9L)
                    .style("design").build())).isEmpty();
        }

        @Test
        void turboRemixUsesTheTurboPathAndModel() throws IOException {
            ProviderCall call = pixazo.create(job("x").operation("remix").image(photo).model("v2_turbo").build());

            assertThat(call.uri()).isEqualTo(URI.create(BASE + "/ideogramV_2_Turbo/v1/remix"));
            assertThat(JSON.readTree(text(call.parts().get(0)))).isEqualTo(JSON.readTree(
                    "{\"prompt\": \"x\", \"model\": \"V_2_TURBO\"}"));
        }
    }

    @Nested
    class Describe {

        @Test
        void sendsOnlyTheImage() {
            ProviderCall call = pixazo.create(new Job().operation("describe").image(photo).model("v2_turbo").build());

            assertThat(call.uri()).isEqualTo(URI.create(BASE + "/ideogramV_2_Turbo/v1/describe"));
            assertThat(call.parts()).extracting(FormPart::name).containsExactly("image_file");
            assertThat(call.parts().get(0).content()).isEqualTo(PHOTO);
            assertThat(call.headers()).doesNotContainKey("Content-Type");
        }

        @Test
        void readsTheDescription() {
            Prediction answer = pixazo.read(CallKind.CREATE, new Job().operation("describe").image(photo).build(),
                    bytes(PixazoSeeds.described("The image depicts a serene tropical beach.")));

            assertThat(answer.isDescription()).isTrue();
            assertThat(answer.isSucceeded()).isTrue();
            assertThat(answer.descriptions()).containsExactly("The image depicts a serene tropical beach.");
            assertThat(answer.provider()).isEqualTo("pixazo");
            assertThat(answer.model()).isEqualTo("V_2");
        }

        @Test
        void anAnswerWithoutDescriptionFails() {
            Prediction answer = pixazo.read(CallKind.CREATE, new Job().operation("describe").image(photo).build(),
                    bytes("{\"created\": \"2024-11-01T10:06:14Z\", \"data\": {}}"));

            assertThat(answer.state()).isEqualTo(Prediction.State.FAILED);
            assertThat(answer.error()).isEqualTo("pixazo answered the describe call without a description");
        }
    }

    @Nested
    class Answers {

        @Test
        void generateAnswerBecomesOneImagePerEntryWithItsOwnSeedAndResolution() {
            Prediction answer = pixazo.read(CallKind.CREATE, job("x").seed(3L).build(), bytes(PixazoSeeds.answer(
                    PixazoSeeds.generated("https://cdn/one.png?exp=1&sig=a", true, 212),
                    PixazoSeeds.generated("https://cdn/two.png", false, 213))));

            assertThat(answer.isSucceeded()).isTrue();
            assertThat(answer.id()).isNull();
            assertThat(answer.model()).isEqualTo("V_2");
            assertThat(answer.images()).containsExactly(
                    new GeneratedImage(1, "https://cdn/one.png?exp=1&sig=a", null, 212L, "800x1280", true),
                    new GeneratedImage(2, "https://cdn/two.png", null, 213L, "800x1280", false));
        }

        @Test
        void anUnsafeEntryNeedsNoUrl() {
            Prediction answer = pixazo.read(CallKind.CREATE, job("x").build(), bytes(
                    "{\"created\": \"c\", \"data\": [{\"is_image_safe\": false, \"prompt\": \"x\", \"url\": null}]}"));

            assertThat(answer.isSucceeded()).isTrue();
            assertThat(answer.images()).singleElement().satisfies(i -> {
                assertThat(i.isUnsafe()).isTrue();
                assertThat(i.url()).isNull();
            });
        }

        @Test
        void editAnswerIsReadFromEditedImageAndItsModelUsed() {
            Prediction answer = pixazo.read(CallKind.CREATE, job("x").operation("edit").image(photo).build(),
                    bytes(PixazoSeeds.answer(PixazoSeeds.edited("https://cdn/edited.png"))));

            assertThat(answer.images()).extracting(GeneratedImage::url).containsExactly("https://cdn/edited.png");
            assertThat(answer.model()).isEqualTo("V_2");
        }

        @Test
        void turboEditAndRemixAnswersNameTheirImageUrl() {
            String turbo = "{\"created\": \"c\", \"data\": [{\"is_image_safe\": true, \"prompt\": \"p\","
                    + " \"resolution\": \"1216x704\", \"seed\": 875575135, \"url\": \"https://cdn/t.png\"}]}";
            for (String operation : List.of("edit", "remix")) {
                Prediction answer = pixazo.read(CallKind.CREATE,
                        job("x").operation(operation).image(photo).model("v2_turbo").build(), bytes(turbo));
                assertThat(answer.images()).singleElement().satisfies(i -> {
                    assertThat(i.url()).isEqualTo("https://cdn/t.png");
                    assertThat(i.seed()).isEqualTo(875575135L);
                    assertThat(i.resolution()).isEqualTo("1216x704");
                });
                assertThat(answer.model()).isEqualTo("V_2_TURBO");
            }
        }

        @Test
        void remixAnswerIsReadFromImageUrl() {
            Prediction answer = pixazo.read(CallKind.CREATE, job("x").operation("remix").image(photo).build(),
                    bytes(PixazoSeeds.answer(PixazoSeeds.remixed("https://cdn/remixed.png"))));

            assertThat(answer.images()).extracting(GeneratedImage::url).containsExactly("https://cdn/remixed.png");
        }

        @Test
        void aGenerateAnswerDoesNotTakeAnotherOperationsField() {
            Prediction answer = pixazo.read(CallKind.CREATE, job("x").build(),
                    bytes(PixazoSeeds.answer(PixazoSeeds.remixed("https://cdn/remixed.png"))));

            assertThat(answer.state()).isEqualTo(Prediction.State.FAILED);
            assertThat(answer.error()).isEqualTo("pixazo answered image 1 without an image URL (expected url)");
        }

        @Test
        void emptyDataFails() {
            Prediction answer = pixazo.read(CallKind.CREATE, job("x").build(), bytes("{\"created\": \"c\", \"data\": []}"));

            assertThat(answer.state()).isEqualTo(Prediction.State.FAILED);
            assertThat(answer.error()).contains("without any image");
        }

        @Test
        void malformedAnswersAreNamed() {
            assertThatThrownBy(() -> pixazo.read(CallKind.CREATE, job("x").build(), bytes("<html>oops")))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("pixazo answered malformed JSON");
            assertThatThrownBy(() -> pixazo.read(CallKind.CREATE, job("x").build(), bytes("[1]")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a JSON object");
        }

        @Test
        void pollAndCancelAreNeverAsked() {
            Prediction done = new Prediction("pixazo", null, "V_2", Prediction.State.SUCCEEDED, List.of(), null);
            assertThatThrownBy(() -> pixazo.poll(done)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("pixazo answers synchronously; there is no prediction to poll");
            assertThatThrownBy(() -> pixazo.cancel(done)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("pixazo answers synchronously; there is no prediction to cancel");
        }
    }

    @Nested
    class Errors {

        @Test
        void apimBodyGivesItsMessage() {
            ProviderError error = pixazo.error(401, bytes(PixazoSeeds.apim(401, PixazoSeeds.INVALID_KEY)));

            assertThat(error.message()).isEqualTo(PixazoSeeds.INVALID_KEY);
            assertThat(error.retryAfter()).isNull();
        }

        @Test
        void apimThrottlingMessageGivesTheWait() {
            ProviderError error = pixazo.error(429, bytes(PixazoSeeds.apim(429,
                    "Rate limit is exceeded. Try again in 7 seconds.")));

            assertThat(error.message()).isEqualTo("Rate limit is exceeded. Try again in 7 seconds.");
            assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        }

        @Test
        void errorFieldAsTextOrObject() {
            assertThat(pixazo.error(400, bytes("{\"error\": \"Invalid aspect ratio\"}")).message())
                    .isEqualTo("Invalid aspect ratio");
            assertThat(pixazo.error(400, bytes("{\"error\": {\"code\": \"bad\", \"message\": \"prompt\\nis required\"}}"))
                    .message()).isEqualTo("prompt is required");
            assertThat(pixazo.error(422, bytes("{\"detail\": \"Prompt failed the safety check\"}")).message())
                    .isEqualTo("Prompt failed the safety check");
        }

        @Test
        void plainTextHtmlAndEmptyBodies() {
            assertThat(pixazo.error(404, bytes("Resource not found\n")).message()).isEqualTo("Resource not found");
            assertThat(pixazo.error(500, bytes("<html><body><h1>Internal\nServer Error</h1></body></html>"))
                    .message()).isEqualTo("Internal Server Error");
            assertThat(pixazo.error(503, new byte[0]).message()).isEqualTo("HTTP 503");
        }
    }

    @Nested
    class Refusals {

        @Test
        void aPlainJobHasNone() {
            assertThat(pixazo.refusals(job("x").seed(1L).aspectRatio("16:9").build())).isEmpty();
            assertThat(pixazo.refusals(new Job().operation("describe").image(photo).build())).isEmpty();
        }

        @Test
        void eachOptionTheGatewayCannotHonourIsOneLineNamingPixazo() {
            assertThat(pixazo.refusals(job("x").resolution("1024x1024").build())).containsExactly(
                    "pixazo: resolution is not offered by the Pixazo gateway; use aspect_ratio instead");
            assertThat(pixazo.refusals(job("x").palette(ColorPalette.ofMembers(
                    List.of(new ColorPalette.Member("#FF0000", 1.0)))).build())).singleElement()
                    .satisfies(r -> assertThat(r).startsWith("pixazo: color_palette as a list of colours is not"
                            + " supported").contains("preset names only"));
            assertThat(pixazo.refusals(job("x").numImages(2).build())).singleElement()
                    .satisfies(r -> assertThat(r).startsWith("pixazo: num_images 2 is not supported"));
            assertThat(pixazo.refusals(job("x").seed(0L).build())).singleElement()
                    .satisfies(r -> assertThat(r).startsWith("pixazo: seed 0 is outside the Pixazo gateway's range"
                            + " 1..9999999999"));
            assertThat(pixazo.refusals(job("x").seed(10_000_000_000L).build())).hasSize(1);
            for (String model : List.of("v1", "v1_turbo", "v2a", "v2a_turbo")) {
                assertThat(pixazo.refusals(job("x").model(model).build())).containsExactly("pixazo: model '" + model
                        + "' is not offered by the Pixazo gateway; use v2 or v2_turbo");
            }
            assertThat(pixazo.refusals(job("x").numImages(1).build())).isEmpty();
        }

        @Test
        void aMissingKeyIsRefusedWithBothWaysToSetIt() {
            assertThat(dialect("v2", " ").refusals(job("x").build())).containsExactly("pixazo: no subscription key;"
                    + " set PIXAZO_SUBSCRIPTION_KEY or ideogram.providers.pixazo.subscription-key");
        }
    }

    @Nested
    class Options {

        @Test
        void modelIsCanonicalAndChecked() {
            assertThat(new PixazoOptions(URI.create(BASE), "k", " V2_Turbo ").model()).isEqualTo("v2_turbo");
            assertThat(new PixazoOptions(URI.create(BASE), "k", null).model()).isEqualTo("v2");
            assertThatThrownBy(() -> new PixazoOptions(URI.create(BASE), "k", "V_2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("ideogram.providers.pixazo.model=v_2 is not valid; use v2 or v2_turbo");
        }

        @Test
        void theKeyNeverShowsInToString() {
            assertThat(new PixazoOptions(URI.create(BASE), "secret-key", "v2").toString())
                    .doesNotContain("secret-key").contains("****");
        }
    }

    static String text(FormPart part) {
        assertThat(part.isFile()).isFalse();
        assertThat(part.contentType()).isEqualTo("text/plain");
        return new String(part.content(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Builds canonical jobs as the validator would hand them over. */
    static final class Job {
        private String prompt;
        private String negativePrompt;
        private String aspectRatio;
        private String resolution;
        private String style;
        private String magicPrompt;
        private Long seed;
        private Integer numImages;
        private ColorPalette palette;
        private String model;
        private String operation = "generate";
        private Path image;
        private Path mask;
        private Integer imageWeight;

        Job prompt(String v) { prompt = v; return this; }
        Job negativePrompt(String v) { negativePrompt = v; return this; }
        Job aspectRatio(String v) { aspectRatio = v; return this; }
        Job resolution(String v) { resolution = v; return this; }
        Job style(String v) { style = v; return this; }
        Job magicPrompt(String v) { magicPrompt = v; return this; }
        Job seed(Long v) { seed = v; return this; }
        Job numImages(Integer v) { numImages = v; return this; }
        Job palette(ColorPalette v) { palette = v; return this; }
        Job model(String v) { model = v; return this; }
        Job operation(String v) { operation = v; return this; }
        Job image(Path v) { image = v; return this; }
        Job mask(Path v) { mask = v; return this; }
        Job imageWeight(Integer v) { imageWeight = v; return this; }

        ImageJob build() {
            return new ImageJob("job", prompt, negativePrompt, aspectRatio, resolution, style, magicPrompt, seed,
                    numImages, palette, model, "pixazo", operation, image, mask, imageWeight);
        }
    }
}
