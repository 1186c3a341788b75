package org.ideogramcamel.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One validated, provider-neutral request for images. Optional fields are null when the job left them out, so
 * a dialect can tell "not asked for" from a default.
 *
 * @param name         the job's name, used for output files ({@code <name>-<n>.<ext>})
 * @param prompt       what to draw
 * @param negativePrompt what to avoid
 * @param aspectRatio  one of {@link Vocabulary#ASPECT_RATIOS}
 * @param resolution   {@code WxH} from {@link Vocabulary#RESOLUTIONS}
 * @param style        one of {@link Vocabulary#STYLES}
 * @param magicPrompt  one of {@link Vocabulary#MAGIC_PROMPT}
 * @param seed         0..2147483647
 * @param numImages    1..8
 * @param colorPalette a preset or weighted colours
 * @param model        one of {@link Vocabulary#MODELS}; null means the provider's configured model
 * @param provider     the dialect that serves this job
 * @param operation    one of {@link Vocabulary#OPERATIONS}
 * @param image        the source image of edit, remix and describe, resolved inside the inbox
 * @param mask         the mask of edit: black marks the area to regenerate, white the area to keep
 * @param imageWeight  how much a remix keeps of the source image, 1..100
 * @param styleReferenceImages images whose look the result follows (Ideogram 3), resolved inside the inbox; empty
 *                     when none
 * @param characterImage an image of a character the result shows again (Ideogram 3), resolved inside the inbox
 * @param styleCodes   Ideogram 3 style codes (eight hex digits each), upper case; empty when none
 * @param stylePreset  an Ideogram 3 style preset's name, upper case
 */
public record ImageJob(
        String name,
        String prompt,
        String negativePrompt,
        String aspectRatio,
        String resolution,
        String style,
        String magicPrompt,
        Long seed,
        Integer numImages,
        ColorPalette colorPalette,
        String model,
        String provider,
        String operation,
        Path image,
        Path mask,
        Integer imageWeight,
        List<Path> styleReferenceImages,
        Path characterImage,
        List<String> styleCodes,
        String stylePreset) {

    public ImageJob {
        styleReferenceImages = styleReferenceImages == null ? List.of() : List.copyOf(styleReferenceImages);
        styleCodes = styleCodes == null ? List.of() : List.copyOf(styleCodes);
    }

    /** A job without Ideogram 3's reference images, style codes and preset. */
    public ImageJob(String name, String prompt, String negativePrompt, String aspectRatio, String resolution,
            String style, String magicPrompt, Long seed, Integer numImages, ColorPalette colorPalette, String model,
            String provider, String operation, Path image, Path mask, Integer imageWeight) {
        this(name, prompt, negativePrompt, aspectRatio, resolution, style, magicPrompt, seed, numImages,
                colorPalette, model, provider, operation, image, mask, imageWeight, List.of(), null, List.of(), null);
    }

    /** The same job on another model (canonical name), as failover or a default fills it in. */
    public ImageJob withModel(String canonicalModel) {
        return new ImageJob(name, prompt, negativePrompt, aspectRatio, resolution, style, magicPrompt, seed,
                numImages, colorPalette, canonicalModel, provider, operation, image, mask, imageWeight,
                styleReferenceImages, characterImage, styleCodes, stylePreset);
    }

    public boolean is(String operationName) {
        return operationName.equals(operation);
    }

    public int imagesWanted() {
        return numImages == null ? 1 : numImages;
    }

    /** The canonical options as they appear in the job format, for sidecars and records. */
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        putIfSet(options, "negative_prompt", negativePrompt);
        putIfSet(options, "aspect_ratio", aspectRatio);
        putIfSet(options, "resolution", resolution);
        putIfSet(options, "style", style);
        putIfSet(options, "magic_prompt", magicPrompt);
        putIfSet(options, "seed", seed);
        putIfSet(options, "num_images", numImages);
        if (colorPalette != null) {
            options.put("color_palette", colorPalette.isPreset() ? colorPalette.preset() : colorPalette.members());
        }
        putIfSet(options, "model", model);
        if (!"generate".equals(operation)) {
            options.put("operation", operation);
        }
        putIfSet(options, "image", image == null ? null : image.getFileName().toString());
        putIfSet(options, "mask", mask == null ? null : mask.getFileName().toString());
        putIfSet(options, "image_weight", imageWeight);
        if (!styleReferenceImages.isEmpty()) {
            options.put("style_reference_images",
                    styleReferenceImages.stream().map(p -> p.getFileName().toString()).toList());
        }
        putIfSet(options, "character_image", characterImage == null ? null : characterImage.getFileName().toString());
        if (!styleCodes.isEmpty()) {
            options.put("style_codes", styleCodes);
        }
        putIfSet(options, "style_preset", stylePreset);
        return options;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
