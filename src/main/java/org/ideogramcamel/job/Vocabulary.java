package org.ideogramcamel.job;

import java.util.List;

/**
 * The provider-neutral words a job may use. Each dialect translates these into its provider's own words and
 * refuses the ones its provider cannot honour.
 */
public final class Vocabulary {

    public static final List<String> ASPECT_RATIOS = List.of(
            "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "16:10", "10:16", "3:1", "1:3");

    public static final List<String> STYLES = List.of("auto", "general", "realistic", "design", "render_3d", "anime");

    public static final List<String> MAGIC_PROMPT = List.of("auto", "on", "off");

    public static final List<String> PALETTE_PRESETS = List.of(
            "ember", "fresh", "jungle", "magic", "melon", "mosaic", "pastel", "ultramarine");

    public static final List<String> MODELS = List.of("v1", "v1_turbo", "v2", "v2_turbo", "v2a", "v2a_turbo");

    /** generate: prompt to image; edit: repaint the masked area; remix: new image from an image; describe: image to text. */
    public static final List<String> OPERATIONS = List.of("generate", "edit", "remix", "describe");

    public static final List<String> PROVIDERS = List.of("offline", "replicate", "wavespeed", "ideogram", "pixazo");

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
