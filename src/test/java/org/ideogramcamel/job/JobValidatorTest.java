package org.ideogramcamel.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ideogramcamel.dialect.registry.Providers;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobValidator validator = new JobValidator("replicate", Providers.CATALOG);

    @Test
    void minimalJobLeavesOptionsUnsetAndUsesTheDefaultProvider() {
        ImageJob job = validator.validate("cat", json("{\"prompt\": \"  a cat  \"}"));

        assertThat(job.name()).isEqualTo("cat");
        assertThat(job.prompt()).isEqualTo("a cat");
        // null means "not asked for", so a dialect can tell it from a default
        assertThat(job.negativePrompt()).isNull();
        assertThat(job.aspectRatio()).isNull();
        assertThat(job.resolution()).isNull();
        assertThat(job.style()).isNull();
        assertThat(job.magicPrompt()).isNull();
        assertThat(job.seed()).isNull();
        assertThat(job.numImages()).isNull();
        assertThat(job.colorPalette()).isNull();
        assertThat(job.model()).isNull();
        assertThat(job.provider()).isEqualTo("replicate");
    }

    @Test
    void defaultProviderComesFromTheValidator() {
        ImageJob job = new JobValidator("offline", Providers.CATALOG).validate("cat", json("{\"prompt\": \"a cat\"}"));

        assertThat(job.provider()).isEqualTo("offline");
    }

    @Test
    void jobProviderOverridesTheDefault() {
        ImageJob job = validator.validate("cat", json("{\"prompt\": \"a cat\", \"provider\": \"wavespeed\"}"));

        assertThat(job.provider()).isEqualTo("wavespeed");
    }

    @Test
    void canonicalValuesAreNormalisedToLowerCase() {
        ImageJob job = validator.validate("cat", json("""
                {"prompt": "a cat", "style": "ANIME", "magic_prompt": " Auto ", "model": "V2_Turbo",
                 "provider": "Ideogram", "resolution": "1280X720", "aspect_ratio": " 16:9 ",
                 "color_palette": "PASTEL"}
                """));

        assertThat(job.style()).isEqualTo("anime");
        assertThat(job.magicPrompt()).isEqualTo("auto");
        assertThat(job.model()).isEqualTo("v2_turbo");
        assertThat(job.provider()).isEqualTo("ideogram");
        assertThat(job.resolution()).isEqualTo("1280x720");
        assertThat(job.aspectRatio()).isEqualTo("16:9");
        assertThat(job.colorPalette()).isEqualTo(ColorPalette.ofPreset("pastel"));
    }

    @Test
    void paletteMembersAreParsedWithHexUpperCasedAndWeightKept() {
        ImageJob job = validator.validate("cat", json("""
                {"prompt": "a cat", "color_palette": [
                  {"hex": "#ff8800", "weight": 0.25},
                  {"hex": "#00aaFF", "weight": 1.0},
                  {"hex": "#123abc", "weight": 0.05},
                  {"hex": "#000000"}
                ]}
                """));

        assertThat(job.colorPalette().isPreset()).isFalse();
        assertThat(job.colorPalette().members()).containsExactly(
                new ColorPalette.Member("#FF8800", 0.25),
                new ColorPalette.Member("#00AAFF", 1.0),
                new ColorPalette.Member("#123ABC", 0.05),
                // a colour without a weight counts fully
                new ColorPalette.Member("#000000", 1.0));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 2_147_483_647L})
    void seedBoundariesAreAccepted(long seed) {
        ImageJob job = validator.validate("cat", json("{\"prompt\": \"a cat\", \"seed\": " + seed + "}"));

        assertThat(job.seed()).isEqualTo(seed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8})
    void numImagesBoundariesAreAccepted(int count) {
        ImageJob job = validator.validate("cat", json("{\"prompt\": \"a cat\", \"num_images\": " + count + "}"));

        assertThat(job.numImages()).isEqualTo(count);
        assertThat(job.imagesWanted()).isEqualTo(count);
    }

    @Test
    void promptOfExactlyTheLimitIsAccepted() {
        String prompt = "x".repeat(10_000);

        assertThat(validator.validate("cat", json("{\"prompt\": \"" + prompt + "\"}")).prompt()).isEqualTo(prompt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "Off", "OFF", "no", "false"})
    void yamlBooleanMagicPromptMapsToOff(String value) {
        ImageJob job = fromYaml("prompt: a cat\nmagic_prompt: " + value + "\n");

        assertThat(job.magicPrompt()).isEqualTo("off");
    }

    @Test
    void yamlBooleanOnMapsToOn() {
        assertThat(fromYaml("prompt: a cat\nmagic_prompt: on\n").magicPrompt()).isEqualTo("on");
    }

    @Test
    void unquotedYamlAspectRatioIsReadAsText() {
        // Jackson's YAML parser does not read 16:9 as a base-60 number, so the unquoted form just works
        assertThat(fromYaml("prompt: a cat\naspect_ratio: 16:9\n").aspectRatio()).isEqualTo("16:9");
    }

    @Test
    void numericAspectRatioIsToldToWriteItAsText() {
        assertThatThrownBy(() -> fromYaml("prompt: a cat\naspect_ratio: 1.78\n"))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("aspect_ratio: 1.78 is a number; write the ratio as text")
                .hasMessageContaining("1:1 16:9 9:16");
    }

    @Test
    void refusalNamesFieldValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> validator.validate("cat", json("{\"prompt\": \"a cat\", \"style\": \"oil\"}")))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage("style: 'oil' is not allowed; use one of auto general realistic design render_3d anime fiction");
    }

    @Test
    void unknownFieldIsRefusedNotIgnored() {
        assertThatThrownBy(() -> validator.validate("cat", json("{\"prompt\": \"a cat\", \"aspect-ratio\": \"1:1\"}")))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("unknown field 'aspect-ratio'; the job fields are prompt, negative_prompt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2147483648", "1.0"})
    void seedOutsideTheRangeIsRefused(String seed) {
        assertThatThrownBy(() -> validator.validate("cat", json("{\"prompt\": \"a cat\", \"seed\": " + seed + "}")))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage("seed: " + seed + " is not allowed; use a whole number from 0 to 2147483647");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 9})
    void numImagesOutsideTheRangeIsRefused(int count) {
        assertThatThrownBy(() -> validator.validate("cat",
                json("{\"prompt\": \"a cat\", \"num_images\": " + count + "}")))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage("num_images: " + count + " is not allowed; use a whole number from 1 to 8");
    }

    private ImageJob fromYaml(String yaml) {
        JobTicket ticket = new JobReader(1_048_576).read("job.yaml", yaml.getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(ticket.problem()).isNull();
        return validator.validate(ticket.source().jobName(), ticket.fields());
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
