package org.ideogramcamel.dialect.ideogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.ideogramcamel.job.ImageJob;

/**
 * What Ideogram's legacy endpoints cannot do for a job, found before any call so nothing is billed for a
 * request Ideogram would reject or silently answer without an option. Each refusal names ideogram and the option.
 */
final class IdeogramRefusals {

    private static final Set<String> WITHOUT_STYLE = Set.of("V_1", "V_1_TURBO");
    private static final Set<String> WITH_PALETTE = Set.of("V_2", "V_2_TURBO");
    private static final Set<String> WITHOUT_NEGATIVE_PROMPT = Set.of("V_2A", "V_2A_TURBO");
    /** Ideogram's /edit runs only these models. */
    private static final Set<String> EDIT_MODELS = Set.of("V_2", "V_2_TURBO");

    private IdeogramRefusals() {
    }

    /** {@code model} is the model the job runs on, in Ideogram's words. */
    static List<String> of(ImageJob job, String model, boolean hasApiKey) {
        List<String> refusals = new ArrayList<>();
        if (!hasApiKey) {
            refusals.add("ideogram: no API key; set IDEOGRAM_API_KEY or ideogram.providers.ideogram.api-key");
        }
        if (job.is("describe")) {
            if (job.model() != null) {
                refusals.add("ideogram: model " + job.model() + " cannot be chosen for describe, Ideogram picks the"
                        + " describe model itself; remove model");
            }
            return refusals;
        }
        if (job.resolution() != null && job.aspectRatio() != null) {
            refusals.add("ideogram: resolution " + job.resolution() + " and aspect_ratio " + job.aspectRatio()
                    + " cannot both be set, they exclude each other; keep one of them");
        }
        if (job.style() != null && WITHOUT_STYLE.contains(model)) {
            refusals.add("ideogram: style is not supported by " + model + "; remove style or use model v2, v2_turbo,"
                    + " v2a or v2a_turbo");
        }
        if (job.colorPalette() != null && !WITH_PALETTE.contains(model)) {
            refusals.add("ideogram: color_palette is not supported by " + model + "; remove color_palette or use"
                    + " model v2 or v2_turbo");
        }
        if (job.negativePrompt() != null && WITHOUT_NEGATIVE_PROMPT.contains(model)) {
            refusals.add("ideogram: negative_prompt is not supported by " + model + "; remove negative_prompt or use"
                    + " model v1, v1_turbo, v2 or v2_turbo");
        }
        if (job.is("edit")) {
            refusals.addAll(editRefusals(job, model));
        }
        return refusals;
    }

    private static List<String> editRefusals(ImageJob job, String model) {
        List<String> refusals = new ArrayList<>();
        if (job.mask() == null) {
            refusals.add("ideogram: edit needs a mask (black marks the area to regenerate, white is kept)");
        }
        if (!EDIT_MODELS.contains(model)) {
            refusals.add("ideogram: edit is not offered for " + model + "; use model v2 or v2_turbo");
        }
        // /edit has no such fields: the result keeps the source image's size and Ideogram takes no palette there
        refuseOnEdit(refusals, "aspect_ratio", job.aspectRatio());
        refuseOnEdit(refusals, "resolution", job.resolution());
        refuseOnEdit(refusals, "color_palette", job.colorPalette());
        if (job.negativePrompt() != null && !WITHOUT_NEGATIVE_PROMPT.contains(model)) {
            refuseOnEdit(refusals, "negative_prompt", job.negativePrompt());
        }
        return refusals;
    }

    private static void refuseOnEdit(List<String> refusals, String option, Object value) {
        if (value != null) {
            refusals.add("ideogram: " + option + " is not supported by edit (the result keeps the source image's"
                    + " size and look); remove " + option);
        }
    }
}
