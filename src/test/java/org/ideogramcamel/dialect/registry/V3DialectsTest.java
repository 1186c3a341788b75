package org.ideogramcamel.dialect.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ideogramcamel.dialect.FormPart;
import org.ideogramcamel.dialect.ModelCapabilities;
import org.ideogramcamel.dialect.ModelCapabilities.MaskReading;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderModule;
import org.ideogramcamel.dialect.ProviderSettings;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobValidator;
import org.ideogramcamel.job.SourceImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each provider's Ideogram 3 mapping, from a job as the validator makes it to the request the dialect builds, with
 * the shipped default models (the modules are given only a base URL and a credential).
 */
class V3DialectsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] PHOTO = new PlaceholderRenderer().render("photo", null, "1:1", 1, 3);
    static final byte[] LOOK = new PlaceholderRenderer().render("look", null, "1:1", 1, 4);

    @TempDir
    static Path inbox;
    static byte[] mask;

    @BeforeAll
    static void images() throws IOException {
        Files.createDirectories(inbox.resolve("images"));
        Files.write(inbox.resolve("images/photo.png"), PHOTO);
        Files.write(inbox.resolve("images/look.png"), LOOK);
        // black left half (repaint), white right half (keep)
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 2; y++) {
                image.setRGB(x, y, x < 2 ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        mask = png.toByteArray();
        Files.write(inbox.resolve("images/mask.png"), mask);
    }

    static ImageJob job(String json) throws IOException {
        return new JobValidator("offline", new SourceImages(inbox, 10_000_000), Providers.CATALOG)
                .validate("j", (ObjectNode) JSON.readTree(json));
    }

    /** The provider's dialect as its module makes it, with a key and a base URL on example.test. */
    static ProviderDialect dialect(String provider) {
        Map<String, String> values = Map.of(
                "ideogram.providers." + provider + ".base-url", "https://" + provider + ".example.test/base",
                "ideogram.providers.replicate.api-token", "k", "ideogram.providers.wavespeed.api-key", "k",
                "ideogram.providers.ideogram.api-key", "k", "ideogram.providers.pixazo.subscription-key", "k",
                "ideogram.providers.replicate.prefer-wait", "0");
        ProviderSettings settings = new ProviderSettings() {
            @Override
            public Optional<String> optional(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public String text(String key, String fallback) {
                return values.getOrDefault(key, fallback);
            }

            @Override
            public int integer(String key, int fallback, int min, int max) {
                return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
            }

            @Override
            public boolean flag(String key, boolean fallback) {
                return fallback;
            }

            @Override
            public java.time.Duration duration(String key, java.time.Duration fallback) {
                return fallback;
            }
        };
        return module(provider).dialect(settings);
    }

    static ProviderModule module(String provider) {
        return Providers.MODULES.stream().filter(m -> m.name().equals(provider)).findFirst().orElseThrow();
    }

    static List<String> models(String provider) {
        return module(provider).capabilities().rows().stream().map(ModelCapabilities::model).toList();
    }

    static ModelCapabilities row(String provider, String model) {
        return module(provider).capabilities().row(model).orElseThrow();
    }

    static JsonNode body(ProviderCall call) throws IOException {
        return JSON.readTree(call.body());
    }

    static byte[] dataUri(JsonNode node) {
        return Base64.getDecoder().decode(node.asText().substring(node.asText().indexOf(',') + 1));
    }

    static String text(ProviderCall call, String name) {
        return call.parts().stream().filter(p -> p.name().equals(name)).findFirst()
                .map(p -> new String(p.content(), StandardCharsets.UTF_8)).orElse(null);
    }

    // ------------------------------------------------------------------------------------------ catalog

    @Test
    void aModelNameFromTheConfigurationIsAcceptedInAJob() throws IOException {
        assertThat(job("{\"prompt\": \"p\", \"model\": \"ideogram-v3-turbo\"}").model()).isEqualTo("v3_turbo");
        assertThat(job("{\"prompt\": \"p\", \"model\": \"ideogram-v2-turbo\"}").model()).isEqualTo("v2_turbo");
        assertThat(job("{\"prompt\": \"p\", \"model\": \"V_3_QUALITY\"}").model()).isEqualTo("v3_quality");
        assertThat(job("{\"prompt\": \"p\", \"model\": \"v3\"}").model()).isEqualTo("v3_balanced");
        assertThat(job("{\"prompt\": \"p\", \"model\": \"ideogram-v3-balanced\"}").model()).isEqualTo("v3_balanced");
    }

    @Test
    void everyProviderHasATableAndOnlyThoseWhoSellV3ListIt() {
        for (ProviderModule module : Providers.MODULES) {
            assertThat(module.capabilities().provider()).isEqualTo(module.name());
            assertThat(module.capabilities().rows()).isNotEmpty();
        }
        assertThat(models("replicate")).contains("v3_turbo", "v3_balanced", "v3_quality").doesNotContain("v3_flash");
        assertThat(models("wavespeed")).contains("v3_turbo", "v3_balanced", "v3_quality").doesNotContain("v3_flash");
        assertThat(models("ideogram")).contains("v3_flash", "v3_turbo", "v3_balanced", "v3_quality");
        assertThat(models("pixazo")).containsExactly("v2", "v2_turbo");
        assertThat(row("wavespeed", "v3_turbo").mask()).isEqualTo(MaskReading.WHITE_REPAINTS);
        assertThat(row("replicate", "v3_turbo").mask()).isEqualTo(MaskReading.BLACK_REPAINTS);
        assertThat(row("ideogram", "v3_quality").pricePerImage()).isEqualByComparingTo("0.09");
    }

    // ------------------------------------------------------------------------------------------ Replicate

    @Test
    void replicateDefaultIsV3TurboAndEditSendsTheMaskAsItIs() throws IOException {
        ProviderDialect replicate = dialect("replicate");
        ImageJob edit = job("{\"operation\": \"edit\", \"prompt\": \"a door\", \"image\": \"images/photo.png\","
                + " \"mask\": \"images/mask.png\", \"style\": \"realistic\"}");

        assertThat(replicate.refusals(edit)).isEmpty();
        ProviderCall call = replicate.create(edit);
        assertThat(call.uri()).hasToString(
                "https://replicate.example.test/base/models/ideogram-ai/ideogram-v3-turbo/predictions");
        JsonNode input = body(call).path("input");
        assertThat(input.path("style_type").asText()).isEqualTo("Realistic");
        assertThat(dataUri(input.path("image"))).isEqualTo(PHOTO);
        assertThat(dataUri(input.path("mask"))).as("black = repaint on Replicate too").isEqualTo(mask);
    }

    @Test
    void replicateRunsACharacterJobOnIdeogramCharacterAtTheModelsSpeed() throws IOException {
        ProviderDialect replicate = dialect("replicate");
        ImageJob job = job("{\"prompt\": \"the same knight\", \"model\": \"v3_quality\", \"style\": \"fiction\","
                + " \"character_image\": \"images/photo.png\"}");

        assertThat(replicate.refusals(job)).isEmpty();
        ProviderCall call = replicate.create(job);
        assertThat(call.uri().getPath()).endsWith("/models/ideogram-ai/ideogram-character/predictions");
        JsonNode input = body(call).path("input");
        assertThat(input.path("rendering_speed").asText()).isEqualTo("Quality");
        assertThat(input.path("style_type").asText()).isEqualTo("Fiction");
        assertThat(dataUri(input.path("character_reference_image"))).isEqualTo(PHOTO);
        assertThat(replicate.refusals(job("{\"prompt\": \"p\", \"style\": \"fiction\"}"))).containsExactly(
                "style 'fiction' is not sold for v3_turbo on replicate; use auto, general, realistic, design");
        assertThat(replicate.refusals(job("{\"prompt\": \"p\", \"character_image\": \"images/photo.png\","
                + " \"style_reference_images\": [\"images/look.png\"]}")))
                .containsExactly("style_reference_images is not sold for v3_turbo on replicate; remove it");
    }

    @Test
    void replicateRefusesWhatV3DoesNotSell() throws IOException {
        ProviderDialect replicate = dialect("replicate");

        assertThat(replicate.refusals(job("{\"prompt\": \"p\", \"model\": \"v3_flash\"}"))).containsExactly(
                "model 'v3_flash' is not sold on replicate; use v2, v2_turbo, v2a, v2a_turbo, v3_turbo, v3_balanced,"
                        + " v3_quality");
        assertThat(replicate.refusals(job("{\"prompt\": \"p\", \"negative_prompt\": \"x\", \"num_images\": 2}")))
                .containsExactly("negative_prompt is not sold for v3_turbo on replicate; remove it",
                        "num_images 2 is not sold for v3_turbo on replicate; use at most 1");
    }

    // ------------------------------------------------------------------------------------------ WaveSpeed

    @Test
    void waveSpeedV3InvertsTheMaskAndSendsReferenceImages() throws IOException {
        ProviderDialect wavespeed = dialect("wavespeed");
        ImageJob edit = job("{\"operation\": \"edit\", \"prompt\": \"a door\", \"image\": \"images/photo.png\","
                + " \"mask\": \"images/mask.png\", \"model\": \"v3_quality\", \"aspect_ratio\": \"3:4\","
                + " \"style_reference_images\": [\"images/look.png\", \"images/photo.png\"]}");

        assertThat(wavespeed.refusals(edit)).isEmpty();
        ProviderCall call = wavespeed.create(edit);
        assertThat(call.uri()).hasToString("https://wavespeed.example.test/base/ideogram-ai/ideogram-v3-quality");
        JsonNode body = body(call);
        assertThat(body.path("aspect_ratio").asText()).isEqualTo("3:4");
        assertThat(dataUri(body.path("reference_images").get(0))).isEqualTo(LOOK);
        assertThat(dataUri(body.path("reference_images").get(1))).isEqualTo(PHOTO);
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(dataUri(body.path("mask_image"))));
        assertThat(sent.getRGB(0, 0) & 0xFFFFFF).as("repaint area is white for WaveSpeed").isEqualTo(0xFFFFFF);
        assertThat(sent.getRGB(3, 0) & 0xFFFFFF).as("kept area is black for WaveSpeed").isEqualTo(0x000000);
    }

    @Test
    void waveSpeedSellsNoCharacterAndAtMostThreeReferences() throws IOException {
        ProviderDialect wavespeed = dialect("wavespeed");

        assertThat(wavespeed.refusals(job("{\"prompt\": \"p\", \"character_image\": \"images/photo.png\"}")))
                .containsExactly("character_image is not sold for v3_turbo on wavespeed; remove it");
        assertThat(wavespeed.refusals(job("{\"prompt\": \"p\", \"style_reference_images\": [\"images/look.png\","
                + " \"images/look.png\", \"images/look.png\"]}"))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ Ideogram

    @Test
    void ideogramInpaintEditAndRemixGoToTheirOwnV3Endpoints() throws IOException {
        ProviderDialect ideogram = dialect("ideogram");
        String masked = ", \"prompt\": \"a door\", \"image\": \"images/photo.png\", \"mask\": \"images/mask.png\"}";

        ProviderCall inpaint = ideogram.create(job("{\"operation\": \"inpaint\"" + masked));
        ProviderCall edit = ideogram.create(job("{\"operation\": \"edit\", \"model\": \"v3_flash\"" + masked));
        ProviderCall remix = ideogram.create(job("{\"operation\": \"remix\", \"prompt\": \"winter\","
                + " \"image\": \"images/photo.png\", \"image_weight\": 30, \"color_palette\": \"ember\"}"));

        assertThat(inpaint.uri()).hasToString("https://ideogram.example.test/base/v1/ideogram-v3/inpaint");
        assertThat(edit.uri()).hasToString("https://ideogram.example.test/base/v1/ideogram-v3/edit");
        assertThat(text(edit, "rendering_speed")).isEqualTo("FLASH");
        FormPart maskPart = inpaint.parts().stream().filter(p -> p.name().equals("mask")).findFirst().orElseThrow();
        assertThat(maskPart.content()).as("black = repaint on Ideogram: sent as it is").isEqualTo(mask);
        assertThat(remix.uri().getPath()).endsWith("/v1/ideogram-v3/remix");
        assertThat(text(remix, "image_weight")).isEqualTo("30");
        assertThat(text(remix, "color_palette")).isEqualTo("{\"name\":\"EMBER\"}");
        assertThat(remix.credentials()).containsExactly(Map.entry("Api-Key", "k"));
    }

    @Test
    void ideogramKeepsV2OnTheLegacyEndpointsAndRefusesV3OnlyWordsThere() throws IOException {
        ProviderDialect ideogram = dialect("ideogram");

        ProviderCall v2 = ideogram.create(job("{\"prompt\": \"p\", \"model\": \"v2\"}"));
        assertThat(v2.uri()).hasToString("https://ideogram.example.test/base/generate");
        assertThat(body(v2).path("image_request").path("model").asText()).isEqualTo("V_2");
        assertThat(ideogram.refusals(job("{\"prompt\": \"p\", \"model\": \"v2\", \"aspect_ratio\": \"4:5\"}")))
                .containsExactly("aspect_ratio '4:5' is not sold for v2 on ideogram; use 1:1, 16:9, 9:16, 4:3, 3:4,"
                        + " 3:2, 2:3, 16:10, 10:16, 3:1, 1:3");
        assertThat(ideogram.refusals(job("{\"operation\": \"reframe\", \"model\": \"v2\","
                + " \"image\": \"images/photo.png\", \"resolution\": \"1024x1024\"}"))).singleElement()
                .asString().startsWith("operation reframe is not sold for v2 on ideogram");
    }

    // ------------------------------------------------------------------------------------------ Pixazo

    @Test
    void pixazoSharesIdeogramsImageRequestAndRefusesV3() throws IOException {
        ProviderDialect pixazo = dialect("pixazo");

        ProviderCall call = pixazo.create(job("{\"prompt\": \"p\", \"aspect_ratio\": \"16:9\", \"style\": \"anime\","
                + " \"num_images\": 1, \"color_palette\": \"ember\"}"));
        assertThat(body(call)).isEqualTo(JSON.readTree("""
                {"image_request": {"prompt": "p", "model": "V_2", "aspect_ratio": "ASPECT_16_9",
                  "style_type": "ANIME", "color_palette": {"name": "EMBER"}}}"""));
        for (String model : List.of("v3_turbo", "v3_balanced", "v3_quality", "v3_flash")) {
            assertThat(pixazo.refusals(job("{\"prompt\": \"p\", \"model\": \"" + model + "\"}"))).singleElement()
                    .asString().startsWith("pixazo: model '" + model + "' is not sold on pixazo");
        }
        assertThat(pixazo.operations()).containsExactlyInAnyOrder("generate", "edit", "remix", "describe");
    }

    @Test
    void everyBaseUrlIsReadThroughTheOneHelper() {
        for (ProviderModule module : Providers.MODULES) {
            URI base = dialect(module.name()).baseUri();
            if (base != null) {
                assertThat(base).hasToString("https://" + module.name() + ".example.test/base");
            }
        }
    }
}
