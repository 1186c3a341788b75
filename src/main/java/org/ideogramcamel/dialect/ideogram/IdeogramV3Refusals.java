package org.ideogramcamel.dialect.ideogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ideogramcamel.job.ImageJob;

/**
 * What Ideogram 3's endpoints cannot do for a job beyond the capability table, found before any call: the rules
 * its API states between fields.
 */
final class IdeogramV3Refusals {

    /** Ideogram caps the style references, and the character references, at 10 MB each in total. */
    static final long MAX_REFERENCE_BYTES = 10L * 1024 * 1024;

    private IdeogramV3Refusals() {
    }

    static List<String> of(ImageJob job) {
        List<String> refusals = new ArrayList<>();
        if (job.is("describe") && job.model() != null) {
            refusals.add("ideogram: model " + job.model() + " cannot be chosen for describe, Ideogram picks the"
                    + " describe model itself; remove model");
        }
        if (job.resolution() != null && job.aspectRatio() != null) {
            refusals.add("ideogram: resolution " + job.resolution() + " and aspect_ratio " + job.aspectRatio()
                    + " cannot both be set, they exclude each other; keep one of them");
        }
        if (!job.styleCodes().isEmpty() && (job.style() != null || !job.styleReferenceImages().isEmpty())) {
            refusals.add("ideogram: style_codes cannot be combined with style or style_reference_images; keep one of"
                    + " them");
        }
        if ((job.is("edit") || job.is("inpaint")) && job.mask() == null) {
            refusals.add("ideogram: " + job.operation() + " needs a mask (black marks the area to regenerate, white"
                    + " is kept)");
        }
        if (job.is("replace_background")) {
            // its form has image, prompt, magic_prompt, num_images, seed, rendering_speed, color_palette, style_codes
            // and style_reference_images only: anything else would be dropped by Ideogram, not honoured
            refuseOnReplaceBackground(refusals, "negative_prompt", job.negativePrompt());
            refuseOnReplaceBackground(refusals, "style", job.style());
            refuseOnReplaceBackground(refusals, "style_preset", job.stylePreset());
            refuseOnReplaceBackground(refusals, "character_image", job.characterImage());
        }
        long references = bytes(job.styleReferenceImages());
        if (references > MAX_REFERENCE_BYTES) {
            refusals.add("ideogram: style_reference_images are " + references + " bytes together, over Ideogram's "
                    + MAX_REFERENCE_BYTES + "-byte total; use fewer or smaller images");
        }
        return refusals;
    }

    private static void refuseOnReplaceBackground(List<String> refusals, String field, Object value) {
        if (value != null) {
            refusals.add("ideogram: " + field + " is not sold for replace_background; remove it");
        }
    }

    private static long bytes(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                // the validator read it moments ago; a vanished file fails at the call with its own message
            }
        }
        return total;
    }
}
