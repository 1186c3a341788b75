package org.ideogramcamel.dialect.ideogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ideogramcamel.ImageFormat;
import org.ideogramcamel.dialect.DataUris;
import org.ideogramcamel.dialect.FormPart;
import org.ideogramcamel.job.ImageJob;

/**
 * A job as the multipart form of Ideogram 3's endpoints ({@code /v1/ideogram-v3/generate}, {@code remix},
 * {@code edit}, {@code inpaint}, {@code reframe}, {@code replace-background}). Only options the job set are sent,
 * plus the prompt and the rendering speed its model stands for; files go as file parts.
 */
final class IdeogramV3Form {

    static final String PREFIX = "/v1/ideogram-v3/";
    private static final Map<String, String> PATHS = Map.of("generate", "generate", "remix", "remix", "edit", "edit",
            "inpaint", "inpaint", "reframe", "reframe", "replace_background", "replace-background");

    private IdeogramV3Form() {
    }

    /** The endpoint's path under the base URL. */
    static String path(ImageJob job) {
        return PREFIX + PATHS.get(job.operation());
    }

    static List<FormPart> parts(ImageJob job, String canonical) {
        List<FormPart> parts = new ArrayList<>();
        if (job.image() != null) {
            parts.add(file("image", job.image()));
        }
        if (job.mask() != null) {
            // Ideogram's mask convention is the canonical one (black = repaint): sent as it is
            parts.add(file("mask", job.mask()));
        }
        text(parts, "prompt", job.prompt());
        text(parts, "image_weight", job.imageWeight());
        text(parts, "negative_prompt", job.negativePrompt());
        text(parts, "seed", job.seed());
        text(parts, "num_images", job.numImages());
        text(parts, "resolution", job.resolution());
        text(parts, "aspect_ratio", job.aspectRatio() == null ? null : job.aspectRatio().replace(':', 'x'));
        parts.add(FormPart.text("rendering_speed", IdeogramModels.renderingSpeed(canonical)));
        text(parts, "magic_prompt", job.magicPrompt() == null ? null : IdeogramImageRequest.word(job.magicPrompt()));
        text(parts, "style_type", job.style() == null ? null : IdeogramImageRequest.word(job.style()));
        text(parts, "style_preset", job.stylePreset());
        job.styleCodes().forEach(code -> parts.add(FormPart.text("style_codes", code)));
        if (job.colorPalette() != null) {
            parts.add(FormPart.text("color_palette", IdeogramImageRequest.palette(job.colorPalette()).toString()));
        }
        job.styleReferenceImages().forEach(p -> parts.add(file("style_reference_images", p)));
        if (job.characterImage() != null) {
            parts.add(file("character_reference_images", job.characterImage()));
        }
        return parts;
    }

    private static void text(List<FormPart> parts, String name, Object value) {
        if (value != null) {
            parts.add(FormPart.text(name, value.toString()));
        }
    }

    /** A source image as a file part with its real content type, read from its bytes. */
    static FormPart file(String name, Path image) {
        byte[] bytes = DataUris.read(image);
        ImageFormat format = ImageFormat.sniff(bytes, bytes.length);
        String type = format == null ? "application/octet-stream" : format.contentType();
        return FormPart.file(name, image.getFileName().toString(), type, bytes);
    }
}
