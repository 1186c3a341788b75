package org.ideogramcamel.dialect.wavespeed;

import static org.ideogramcamel.dialect.ModelCapabilities.MaskReading.WHITE_REPAINTS;

import java.util.List;
import java.util.Set;

import org.ideogramcamel.dialect.CapabilityTable;
import org.ideogramcamel.dialect.ModelCapabilities;

/**
 * What WaveSpeedAI sells under {@code /api/v3/ideogram-ai/*}, per model, read from its model pages: one image per
 * task, five aspect ratios, masks whose WHITE pixels are regenerated (the canonical mask is inverted before it is
 * sent), and for Ideogram 3 up to three reference images. No negative prompt, resolution, magic prompt, seed or
 * palette. Prices: not published in a form this project could confirm, so left unknown.
 */
final class WaveSpeedModels {

    static final List<String> RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4");
    static final int MAX_REFERENCES = 3;

    private static final ModelCapabilities V2 = new ModelCapabilities("v2", "ideogram-v2", Set.of("generate", "edit"),
            RATIOS, List.of("auto", "general", "realistic", "design", "render_3d", "anime"),
            Set.of("aspect_ratio", "style", "mask"), 1, 0, null, WHITE_REPAINTS);
    private static final ModelCapabilities V3 = new ModelCapabilities("v3_balanced", "ideogram-v3-balanced",
            Set.of("generate", "edit"), RATIOS, List.of("auto", "general", "realistic", "design"),
            Set.of("aspect_ratio", "style", "mask", "style_reference_images"), 1, MAX_REFERENCES, null,
            WHITE_REPAINTS);

    static final CapabilityTable TABLE = new CapabilityTable("wavespeed", List.of(
            V2,
            V2.as("v2_turbo", "ideogram-v2-turbo", null),
            V3.as("v3_turbo", "ideogram-v3-turbo", null),
            V3,
            V3.as("v3_quality", "ideogram-v3-quality", null)));

    private WaveSpeedModels() {
    }

    static boolean isV3(String canonical) {
        return canonical != null && canonical.startsWith("v3");
    }
}
