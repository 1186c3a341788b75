package org.ideogramcamel.dialect.ideogram;

import static org.ideogramcamel.dialect.ModelCapabilities.MaskReading.BLACK_REPAINTS;

import java.util.List;
import java.util.Set;

import org.ideogramcamel.dialect.CapabilityTable;
import org.ideogramcamel.dialect.ModelCapabilities;
import org.ideogramcamel.job.Vocabulary;

/**
 * What Ideogram's own API sells, per model. The v1/v2 models run on the legacy endpoints ({@code /generate} JSON,
 * {@code /edit} {@code /remix} {@code /describe} multipart); Ideogram 3 on {@code /v1/ideogram-v3/*}, every one
 * multipart, where the model is a rendering speed (FLASH, TURBO, DEFAULT, QUALITY). Up to 8 images a call; masks:
 * black marks the area to repaint (the canonical rule). Prices: Ideogram's list prices per image as seen on its
 * pricing page for 3.0 (Turbo 0.03, Default 0.06, Quality 0.09 USD); unknown for the rest.
 */
public final class IdeogramModels {

    static final List<String> V2_RATIOS = List.of(
            "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "16:10", "10:16", "3:1", "1:3");

    private static final ModelCapabilities V2 = new ModelCapabilities("v2", "V_2",
            Set.of("generate", "edit", "remix", "describe"), V2_RATIOS,
            List.of("auto", "general", "realistic", "design", "render_3d", "anime"),
            Set.of("negative_prompt", "aspect_ratio", "resolution", "style", "magic_prompt", "seed", "color_palette",
                    "mask", "image_weight"),
            Vocabulary.MAX_IMAGES, 0, null, BLACK_REPAINTS);
    private static final ModelCapabilities V3 = new ModelCapabilities("v3_balanced", "V_3",
            Set.of("generate", "edit", "inpaint", "remix", "describe", "reframe", "replace_background"),
            Vocabulary.ASPECT_RATIOS, List.of("auto", "general", "realistic", "design", "fiction"),
            Set.of("negative_prompt", "aspect_ratio", "resolution", "style", "magic_prompt", "seed", "color_palette",
                    "mask", "image_weight", "style_reference_images", "character_image", "style_codes",
                    "style_preset"),
            Vocabulary.MAX_IMAGES, Vocabulary.MAX_STYLE_REFERENCES, null, BLACK_REPAINTS);

    public static final CapabilityTable TABLE = new CapabilityTable("ideogram", List.of(
            V2.as("v1", "V_1", null),
            V2.as("v1_turbo", "V_1_TURBO", null),
            V2,
            V2.as("v2_turbo", "V_2_TURBO", null),
            V2.as("v2a", "V_2A", null),
            V2.as("v2a_turbo", "V_2A_TURBO", null),
            V3.as("v3_flash", "V_3_FLASH", null),
            V3.as("v3_turbo", "V_3_TURBO", "0.03"),
            V3.as("v3_balanced", "V_3", "0.06"),
            V3.as("v3_quality", "V_3_QUALITY", "0.09")));

    private IdeogramModels() {
    }

    static boolean isV3(String canonical) {
        return canonical != null && canonical.startsWith("v3");
    }

    /** Ideogram 3's {@code rendering_speed} for a canonical v3 model. */
    static String renderingSpeed(String canonical) {
        return switch (canonical) {
            case "v3_flash" -> "FLASH";
            case "v3_turbo" -> "TURBO";
            case "v3_quality" -> "QUALITY";
            default -> "DEFAULT";
        };
    }
}
