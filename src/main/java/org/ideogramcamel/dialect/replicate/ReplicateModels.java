package org.ideogramcamel.dialect.replicate;

import static org.ideogramcamel.dialect.ModelCapabilities.MaskReading.BLACK_REPAINTS;

import java.util.List;
import java.util.Set;

import org.ideogramcamel.dialect.CapabilityTable;
import org.ideogramcamel.dialect.ModelCapabilities;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.Vocabulary;

/**
 * What Replicate sells under {@code ideogram-ai/*}, per model, read from each model's API schema page. A Replicate
 * prediction makes one image. Masks: black pixels are inpainted (the canonical rule). Prices are Replicate's list
 * prices per image where this project has seen them; null where it has not.
 */
final class ReplicateModels {

    static final List<String> V2_RATIOS = List.of(
            "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "16:10", "10:16", "3:1", "1:3");
    /** ideogram-v3-*: 1:3 3:1 1:2 2:1 9:16 16:9 10:16 16:10 2:3 3:2 3:4 4:3 4:5 5:4 1:1 (every canonical ratio). */
    static final List<String> V3_RATIOS = Vocabulary.ASPECT_RATIOS;

    private static final ModelCapabilities V2 = new ModelCapabilities("v2", "ideogram-v2", Set.of("generate", "edit"),
            V2_RATIOS, List.of("auto", "general", "realistic", "design", "render_3d", "anime"),
            Set.of("negative_prompt", "aspect_ratio", "resolution", "style", "magic_prompt", "seed", "mask"), 1, 0,
            null, BLACK_REPAINTS);
    private static final ModelCapabilities V3 = new ModelCapabilities("v3_balanced", "ideogram-v3-balanced",
            Set.of("generate", "edit"), V3_RATIOS, List.of("auto", "general", "realistic", "design"),
            Set.of("aspect_ratio", "resolution", "style", "magic_prompt", "seed", "mask", "style_reference_images",
                    "character_image"),
            1, Vocabulary.MAX_STYLE_REFERENCES, null, BLACK_REPAINTS);

    /**
     * {@code ideogram-ai/ideogram-character}: a v3 job with a character image runs there, at the job's speed
     * ({@code rendering_speed}); its styles are Auto, Fiction and Realistic and it takes no style references.
     */
    static final ModelCapabilities CHARACTER = new ModelCapabilities("v3_balanced", "ideogram-character",
            Set.of("generate", "edit"), V3_RATIOS, List.of("auto", "fiction", "realistic"),
            Set.of("aspect_ratio", "resolution", "style", "magic_prompt", "seed", "mask", "character_image"), 1, 0,
            null, BLACK_REPAINTS);

    static final CapabilityTable TABLE = new CapabilityTable("replicate", List.of(
            V2,
            V2.as("v2_turbo", "ideogram-v2-turbo", null),
            withoutNegativePrompt(V2.as("v2a", "ideogram-v2a", null)),
            withoutNegativePrompt(V2.as("v2a_turbo", "ideogram-v2a-turbo", null)),
            V3.as("v3_turbo", "ideogram-v3-turbo", "0.03"),
            V3.as("v3_balanced", "ideogram-v3-balanced", "0.06"),
            V3.as("v3_quality", "ideogram-v3-quality", "0.09")));

    private ReplicateModels() {
    }

    static boolean isV3(String canonical) {
        return canonical != null && canonical.startsWith("v3");
    }

    /** The row a job is checked against: the character model's when it names a character image. */
    static ModelCapabilities rowFor(ImageJob job, String canonical) {
        ModelCapabilities row = TABLE.row(canonical).orElse(null);
        if (row != null && isV3(canonical) && job.characterImage() != null) {
            return CHARACTER.as(canonical, CHARACTER.word(), null);
        }
        return row;
    }

    /** The character model's {@code rendering_speed} for a v3 speed. */
    static String renderingSpeed(String canonical) {
        return switch (canonical) {
            case "v3_turbo" -> "Turbo";
            case "v3_quality" -> "Quality";
            default -> "Default";
        };
    }

    private static ModelCapabilities withoutNegativePrompt(ModelCapabilities row) {
        Set<String> fields = new java.util.HashSet<>(row.fields());
        fields.remove("negative_prompt");
        return new ModelCapabilities(row.model(), row.word(), row.operations(), row.aspectRatios(), row.styles(),
                fields, row.maxImages(), row.maxReferences(), row.pricePerImage(), row.mask());
    }
}
