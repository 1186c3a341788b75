package org.ideogramcamel.dialect.ideogram;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ideogramcamel.job.ColorPalette;
import org.ideogramcamel.job.ImageJob;

/**
 * The canonical job in Ideogram's words: the {@code image_request} object of {@code /generate} and
 * {@code /remix}, and the single words {@code /edit} sends as form fields. Only options the job set are sent
 * (plus prompt and model), so Ideogram's own defaults apply to the rest. Gateways that forward Ideogram's legacy
 * API (Pixazo) share it.
 */
public final class IdeogramImageRequest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> MODELS = Map.of(
            "v1", "V_1", "v1_turbo", "V_1_TURBO", "v2", "V_2", "v2_turbo", "V_2_TURBO", "v2a", "V_2A",
            "v2a_turbo", "V_2A_TURBO");

    private IdeogramImageRequest() {
    }

    /** {@code image_request} for generate; {@code model} is already in Ideogram's words. */
    public static ObjectNode of(ImageJob job, String model) {
        ObjectNode request = JSON.createObjectNode();
        request.put("prompt", job.prompt());
        request.put("model", model);
        if (job.aspectRatio() != null) {
            request.put("aspect_ratio", aspectRatio(job.aspectRatio()));
        }
        if (job.resolution() != null) {
            request.put("resolution", resolution(job.resolution()));
        }
        if (job.magicPrompt() != null) {
            request.put("magic_prompt_option", word(job.magicPrompt()));
        }
        if (job.style() != null) {
            request.put("style_type", word(job.style()));
        }
        if (job.negativePrompt() != null) {
            request.put("negative_prompt", job.negativePrompt());
        }
        if (job.seed() != null) {
            request.put("seed", job.seed());
        }
        if (job.numImages() != null) {
            request.put("num_images", job.numImages());
        }
        if (job.colorPalette() != null) {
            request.set("color_palette", palette(job.colorPalette()));
        }
        return request;
    }

    /** {@code image_request} for remix: the generate mapping plus how much of the source image to keep. */
    public static ObjectNode forRemix(ImageJob job, String model) {
        ObjectNode request = of(job, model);
        if (job.imageWeight() != null) {
            request.put("image_weight", job.imageWeight());
        }
        return request;
    }

    /** {@code v2_turbo} becomes {@code V_2_TURBO}; null when the canonical name has no Ideogram model. */
    static String model(String canonical) {
        return MODELS.get(canonical);
    }

    /** {@code 16:9} becomes {@code ASPECT_16_9}. */
    static String aspectRatio(String canonical) {
        return "ASPECT_" + canonical.replace(':', '_');
    }

    /** {@code 1024x768} (width x height) becomes {@code RESOLUTION_1024_768}. */
    static String resolution(String canonical) {
        return "RESOLUTION_" + canonical.replace('x', '_');
    }

    /** Styles and magic-prompt options are Ideogram's words in upper case ({@code render_3d} → {@code RENDER_3D}). */
    static String word(String canonical) {
        return canonical.toUpperCase(Locale.ROOT);
    }

    /** A preset becomes {@code {"name":"JUNGLE"}}, weighted colours {@code {"members":[{color_hex, color_weight}]}}. */
    static ObjectNode palette(ColorPalette palette) {
        ObjectNode node = JSON.createObjectNode();
        if (palette.isPreset()) {
            node.put("name", word(palette.preset()));
            return node;
        }
        ArrayNode members = node.putArray("members");
        for (ColorPalette.Member member : palette.members()) {
            members.addObject().put("color_hex", member.hex()).put("color_weight", member.weight());
        }
        return node;
    }
}
