package org.ideogramcamel.job;

import java.util.List;
import java.util.Map;

/**
 * The provider-neutral words a job may use. Each dialect translates these into its provider's own words and
 * refuses the ones its provider cannot honour.
 */
public final class Vocabulary {

    /** The last four are Ideogram 3's own; the capability tables say which provider and model sell which. */
    public static final List<String> ASPECT_RATIOS = List.of(
            "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "16:10", "10:16", "3:1", "1:3",
            "1:2", "2:1", "4:5", "5:4");

    /** {@code fiction} is Ideogram 3's; {@code render_3d} and {@code anime} are Ideogram 2's. */
    public static final List<String> STYLES = List.of("auto", "general", "realistic", "design", "render_3d", "anime",
            "fiction");

    public static final List<String> MAGIC_PROMPT = List.of("auto", "on", "off");

    public static final List<String> PALETTE_PRESETS = List.of(
            "ember", "fresh", "jungle", "magic", "melon", "mosaic", "pastel", "ultramarine");

    /** The words a job's {@code model} may use; {@code v3} is the short name of {@code v3_balanced}. */
    public static final List<String> MODELS = List.of("v1", "v1_turbo", "v2", "v2_turbo", "v2a", "v2a_turbo",
            "v3_flash", "v3_turbo", "v3", "v3_balanced", "v3_quality");

    /** Short names a job may use for a model, and the model they stand for. */
    public static final Map<String, String> MODEL_ALIASES = Map.of("v3", "v3_balanced");

    /**
     * generate: prompt to image; edit: repaint the masked area; remix: new image from an image; describe: image to
     * text; inpaint: Ideogram 3's name for edit where a provider sells both; reframe: the image at a new size;
     * replace_background: a new background behind the image's subject.
     */
    public static final List<String> OPERATIONS = List.of("generate", "edit", "remix", "describe", "inpaint",
            "reframe", "replace_background");

    /** Operations that repaint the area a mask marks. */
    public static final List<String> MASKED_OPERATIONS = List.of("edit", "inpaint");

    /** A style code: eight hexadecimal digits. */
    public static final String STYLE_CODE_PATTERN = "[0-9A-Fa-f]{8}";

    /** A style preset's name as Ideogram writes it, in letters, digits and underscores ({@code 80S_ILLUSTRATION}). */
    public static final String STYLE_PRESET_PATTERN = "[A-Za-z0-9_]{1,64}";

    /** The most style reference images a job may name (Ideogram's own app takes up to 10). */
    public static final int MAX_STYLE_REFERENCES = 10;

    /** Ideogram's resolution list (width x height); any other size is refused before a call. */
    public static final List<String> RESOLUTIONS = List.of(
            "512x1536", "576x1408", "576x1472", "576x1536", "640x1024", "640x1344", "640x1408", "640x1472",
            "640x1536", "704x1152", "704x1216", "704x1280", "704x1344", "704x1408", "704x1472", "720x1280",
            "736x1312", "768x1024", "768x1088", "768x1152", "768x1216", "768x1232", "768x1280", "768x1344",
            "832x960", "832x1024", "832x1088", "832x1152", "832x1216", "832x1248", "864x1152", "896x960",
            "896x1024", "896x1088", "896x1120", "896x1152", "960x832", "960x896", "960x1024", "960x1088",
            "1024x640", "1024x768", "1024x832", "1024x896", "1024x960", "1024x1024", "1088x768", "1088x832",
            "1088x896", "1088x960", "1120x896", "1152x704", "1152x768", "1152x832", "1152x864", "1152x896",
            "1216x704", "1216x768", "1216x832", "1232x768", "1248x832", "1280x704", "1280x720", "1280x768",
            "1280x800", "1312x736", "1344x640", "1344x704", "1344x768", "1408x576", "1408x640", "1408x704",
            "1472x576", "1472x640", "1472x704", "1536x512", "1536x576", "1536x640");

    public static final long MAX_SEED = 2_147_483_647L;
    public static final int MAX_IMAGES = 8;

    private Vocabulary() {
    }
}
