package org.ideogramcamel.dialect.replicate;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ideogramcamel.dialect.DataUris;
import org.ideogramcamel.job.ImageJob;

/**
 * The {@code input} object of a Replicate prediction for the Ideogram models. Replicate takes files as data URIs,
 * and its mask convention (black = inpaint) is the job's own, so a mask is sent as it is.
 */
final class ReplicateInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STYLES = Map.of(
            "auto", "Auto", "general", "General", "realistic", "Realistic", "design", "Design",
            "render_3d", "Render 3D", "anime", "Anime", "fiction", "Fiction");
    private static final Map<String, String> MAGIC = Map.of("auto", "Auto", "on", "On", "off", "Off");

    private ReplicateInput() {
    }

    /** {@code canonical} is the model the job runs on ({@code v3_turbo}); null for a configured model of no table. */
    static ObjectNode of(ImageJob job, String canonical) {
        boolean character = ReplicateModels.isV3(canonical) && job.characterImage() != null;
        ObjectNode input = JSON.createObjectNode();
        input.put("prompt", job.prompt());
        input.put("resolution", job.resolution() == null ? "None" : job.resolution());
        if (job.style() != null || !character) {
            // the character model's own default is Auto, and it knows no "None"
            input.put("style_type", job.style() == null ? "None" : STYLES.get(job.style()));
        }
        input.put("aspect_ratio", job.aspectRatio() == null ? "1:1" : job.aspectRatio());
        input.put("magic_prompt_option", job.magicPrompt() == null ? "Auto" : MAGIC.get(job.magicPrompt()));
        if (job.negativePrompt() != null) {
            input.put("negative_prompt", job.negativePrompt());
        }
        if (job.seed() != null) {
            input.put("seed", job.seed());
        }
        if (job.is("edit")) {
            input.put("image", DataUris.of(job.image()));
            input.put("mask", DataUris.of(job.mask()));
        }
        if (!job.styleReferenceImages().isEmpty()) {
            job.styleReferenceImages().forEach(p -> input.withArray("style_reference_images").add(DataUris.of(p)));
        }
        if (character) {
            input.put("character_reference_image", DataUris.of(job.characterImage()));
            input.put("rendering_speed", ReplicateModels.renderingSpeed(canonical));
        }
        return input;
    }

    /** The model path under {@code ideogram-ai/}: the character model for a v3 job with a character image. */
    static String modelPath(ImageJob job, String canonical, String configured) {
        if (ReplicateModels.isV3(canonical) && job.characterImage() != null) {
            return ReplicateModels.CHARACTER.word();
        }
        return canonical == null ? configured : ReplicateModels.TABLE.row(canonical).map(r -> r.word())
                .orElse(configured);
    }
}
