package org.ideogramcamel.dialect.pixazo;

import static org.ideogramcamel.dialect.ModelCapabilities.MaskReading.BLACK_REPAINTS;

import java.util.List;
import java.util.Set;

import org.ideogramcamel.dialect.CapabilityTable;
import org.ideogramcamel.dialect.ModelCapabilities;

/**
 * What the Pixazo gateway sells: Ideogram 2.0 and 2.0 Turbo ({@code /ideogramV_2}, {@code /ideogramV_2_Turbo}), one
 * image a request, preset palettes only, no resolution; masks read as Ideogram reads them (black = repaint). No
 * Ideogram 3: a v3 job is refused before any call. Prices: not published in a form this project could confirm.
 */
final class PixazoModels {

    /** Named in the refusal of a v3 job, as where to take it instead. */
    static final String V3_SELLERS = "replicate, wavespeed or ideogram";

    private static final ModelCapabilities V2 = new ModelCapabilities("v2", "V_2",
            Set.of("generate", "edit", "remix", "describe"),
            List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "16:10", "10:16", "3:1", "1:3"),
            List.of("auto", "general", "realistic", "design", "render_3d", "anime"),
            Set.of("negative_prompt", "aspect_ratio", "style", "magic_prompt", "seed", "color_palette", "mask",
                    "image_weight"),
            1, 0, null, BLACK_REPAINTS);

    static final CapabilityTable TABLE = new CapabilityTable("pixazo", List.of(V2, V2.as("v2_turbo", "V_2_TURBO", null)));

    private PixazoModels() {
    }

    static boolean isV3(String canonical) {
        return canonical != null && canonical.startsWith("v3");
    }
}
