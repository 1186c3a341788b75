package org.ideogramcamel.job;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.nio.file.Path;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a job's fields against the canonical format before any provider is called. Every refusal is one line
 * that names the field, the value and what is allowed.
 *
 * <p>Unknown fields are refused, not ignored: a misspelt option ({@code aspect-ratio}) would otherwise be
 * dropped silently and the user would pay for an image made without it.
 */
public class JobValidator {

    public static final List<String> FIELDS = List.of("prompt", "negative_prompt", "aspect_ratio", "resolution",
            "style", "magic_prompt", "seed", "num_images", "color_palette", "model", "provider", "operation", "image",
            "mask", "image_weight", "failover", "style_reference_images", "character_image", "style_codes",
            "style_preset");

    /** Options that shape a generated image, so describe (image to text) refuses them. */
    private static final List<String> GENERATION_FIELDS = List.of("negative_prompt", "aspect_ratio", "resolution",
            "style", "magic_prompt", "seed", "num_images", "color_palette", "mask", "image_weight",
            "style_reference_images", "character_image", "style_codes", "style_preset");

    /** What reframe (the image extended to a new size) takes besides image and resolution. */
    private static final List<String> REFRAME_FIELDS = List.of("resolution", "seed", "num_images");

    private static final Pattern STYLE_CODE = Pattern.compile(Vocabulary.STYLE_CODE_PATTERN);
    private static final Pattern STYLE_PRESET = Pattern.compile(Vocabulary.STYLE_PRESET_PATTERN);

    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final int MAX_PROMPT_CHARS = 10_000;
    private static final int MAX_PALETTE_MEMBERS = 16;

    private final String defaultProvider;
    private final SourceImages images;
    private final JobCatalog catalog;

    public JobValidator(String defaultProvider, SourceImages images, JobCatalog catalog) {
        this.defaultProvider = defaultProvider;
        this.images = images;
        this.catalog = catalog;
    }

    /** A validator for jobs that never name source images (tests, tools). */
    public JobValidator(String defaultProvider, JobCatalog catalog) {
        this(defaultProvider, SourceImages.none(), catalog);
    }

    public ImageJob validate(String name, ObjectNode fields) {
        refuseUnknownFields(fields);
        if (fields.has("failover") && !fields.get("failover").isBoolean()) {
            throw new InvalidJobException("failover: must be true or false; true lets a job that names its provider"
                    + " move to a provider of ideogram.failover while its own is unavailable");
        }
        String operation = oneOf(fields, "operation", Vocabulary.OPERATIONS);
        operation = operation == null ? "generate" : operation;
        checkOperationFields(operation, fields);
        if (operation.equals("describe")) {
            text(fields, "prompt"); // ignored by describe, but a wrong type is still a mistake worth naming
            return new ImageJob(name, null, null, null, null, null, null, null, null, null,
                    model(fields), provider(fields), operation,
                    images.resolve("image", text(fields, "image")), null, null);
        }
        if (operation.equals("reframe")) {
            return new ImageJob(name, null, null, null, oneOf(fields, "resolution", Vocabulary.RESOLUTIONS), null,
                    null, whole(fields, "seed", 0, Vocabulary.MAX_SEED),
                    intOrNull(whole(fields, "num_images", 1, Vocabulary.MAX_IMAGES)), null, model(fields),
                    provider(fields), operation, images.resolve("image", text(fields, "image")), null, null);
        }
        String prompt = text(fields, "prompt");
        if (prompt == null || prompt.isBlank()) {
            throw new InvalidJobException("prompt: " + (prompt == null ? "missing" : "empty")
                    + "; every " + operation + " job needs a prompt (the text to draw)");
        }
        int length = prompt.strip().codePointCount(0, prompt.strip().length());
        if (length > MAX_PROMPT_CHARS) {
            throw new InvalidJobException("prompt: " + length + " characters is too long; use at most "
                    + MAX_PROMPT_CHARS);
        }
        return new ImageJob(
                name,
                prompt.strip(),
                text(fields, "negative_prompt"),
                aspectRatio(fields),
                oneOf(fields, "resolution", Vocabulary.RESOLUTIONS),
                oneOf(fields, "style", Vocabulary.STYLES),
                magicPrompt(fields),
                whole(fields, "seed", 0, Vocabulary.MAX_SEED),
                intOrNull(whole(fields, "num_images", 1, Vocabulary.MAX_IMAGES)),
                palette(fields),
                model(fields),
                provider(fields),
                operation,
                images.resolve("image", text(fields, "image")),
                images.resolve("mask", text(fields, "mask")),
                intOrNull(whole(fields, "image_weight", 1, 100)),
                styleReferences(fields),
                images.resolve("character_image", text(fields, "character_image")),
                styleCodes(fields),
                stylePreset(fields));
    }

    /**
     * The canonical model: a word of the vocabulary (v3 stands for v3_balanced), or a provider's own name for a
     * model ({@code ideogram-v2-turbo}, {@code V_2}), so the name a user sees in the configuration works in a job.
     */
    private String model(ObjectNode fields) {
        JsonNode node = fields.get("model");
        if (node == null || node.isNull()) {
            return null;
        }
        String canonical = node.isTextual() ? catalog.canonicalModel(node.asText().strip()) : null;
        if (canonical != null) {
            return canonical;
        }
        String word = oneOf(fields, "model", Vocabulary.MODELS);
        return Vocabulary.MODEL_ALIASES.getOrDefault(word, word);
    }

    private List<Path> styleReferences(ObjectNode fields) {
        List<String> paths = list(fields, "style_reference_images", Vocabulary.MAX_STYLE_REFERENCES,
                "paths of images inside the inbox such as [\"images/look.png\"]");
        List<Path> resolved = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            resolved.add(images.resolve("style_reference_images[" + i + "]", paths.get(i)));
        }
        return resolved;
    }

    private static List<String> styleCodes(ObjectNode fields) {
        List<String> codes = new ArrayList<>();
        for (String code : list(fields, "style_codes", 32, "style codes of eight hex digits such as [\"AB12CD34\"]")) {
            if (!STYLE_CODE.matcher(code.strip()).matches()) {
                throw new InvalidJobException("style_codes: " + InvalidJobException.shown(code)
                        + " is not a style code; use eight hexadecimal digits such as AB12CD34");
            }
            codes.add(code.strip().toUpperCase(Locale.ROOT));
        }
        return codes;
    }

    private static String stylePreset(ObjectNode fields) {
        String preset = text(fields, "style_preset");
        if (preset == null) {
            return null;
        }
        if (!STYLE_PRESET.matcher(preset.strip()).matches()) {
            throw new InvalidJobException("style_preset: " + InvalidJobException.shown(preset) + " is not allowed; use"
                    + " a preset name of letters, digits and underscores such as WATERCOLOR or 80S_ILLUSTRATION");
        }
        return preset.strip().toUpperCase(Locale.ROOT);
    }

    /** A list of 1..max texts; null when absent. */
    private static List<String> list(ObjectNode fields, String field, int max, String what) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty() || node.size() > max) {
            throw new InvalidJobException(field + ": " + abbreviate(node) + " is not allowed; use a list of 1 to " + max
                    + " " + what);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new InvalidJobException(field + ": entry " + abbreviate(item) + " is not allowed; use " + what);
            }
            values.add(item.asText());
        }
        return values;
    }

    private static void checkOperationFields(String operation, ObjectNode fields) {
        boolean hasImage = fields.hasNonNull("image");
        switch (operation) {
            case "generate" -> {
                if (hasImage || fields.hasNonNull("mask")) {
                    throw new InvalidJobException("image: a generate job takes no source image or mask; set"
                            + " operation to edit, remix or describe to use one");
                }
            }
            case "describe" -> {
                for (String field : GENERATION_FIELDS) {
                    if (fields.hasNonNull(field)) {
                        throw new InvalidJobException(field + ": describe turns an image into text and takes only"
                                + " image (and provider, model); remove " + field);
                    }
                }
            }
            case "reframe" -> {
                for (String field : GENERATION_FIELDS) {
                    if (fields.hasNonNull(field) && !REFRAME_FIELDS.contains(field)) {
                        throw new InvalidJobException(field + ": reframe extends an image to a new size and takes only"
                                + " image, resolution, seed and num_images; remove " + field);
                    }
                }
                if (fields.hasNonNull("prompt")) {
                    throw new InvalidJobException("prompt: reframe takes no prompt (it extends the image to the new"
                            + " size); remove prompt");
                }
                if (!fields.hasNonNull("resolution")) {
                    throw new InvalidJobException("resolution: missing; reframe needs the size to extend the image to,"
                            + " such as 1280x720");
                }
            }
            case "replace_background" -> {
                for (String field : List.of("aspect_ratio", "resolution")) {
                    if (fields.hasNonNull(field)) {
                        throw new InvalidJobException(field + ": replace_background keeps the source image's size;"
                                + " remove " + field);
                    }
                }
            }
            default -> {
            }
        }
        if (!operation.equals("generate") && !hasImage) {
            throw new InvalidJobException("image: missing; " + operation + " needs a source image, a path relative"
                    + " to the prompt file such as images/photo.png");
        }
        if (fields.hasNonNull("mask") && !Vocabulary.MASKED_OPERATIONS.contains(operation)) {
            throw new InvalidJobException("mask: only edit uses a mask; remove it or set operation to edit");
        }
        if (fields.hasNonNull("image_weight") && !operation.equals("remix")) {
            throw new InvalidJobException("image_weight: only remix uses image_weight; remove it or set operation"
                    + " to remix");
        }
    }

    private void refuseUnknownFields(ObjectNode fields) {
        Iterator<String> names = fields.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new InvalidJobException("unknown field " + InvalidJobException.shown(field)
                        + "; the job fields are " + String.join(", ", FIELDS));
            }
        }
    }

    private String provider(ObjectNode fields) {
        String provider = oneOf(fields, "provider", catalog.providers());
        return provider != null ? provider : defaultProvider;
    }

    private static String text(ObjectNode fields, String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidJobException(field + ": " + abbreviate(node) + " is not allowed; use a text value");
        }
        return node.asText();
    }

    private static String aspectRatio(ObjectNode fields) {
        JsonNode node = fields.get("aspect_ratio");
        if (node != null && node.isNumber()) {
            // a ratio written as a number (1.78, or 16/9 computed by a script) cannot be mapped back reliably
            throw new InvalidJobException("aspect_ratio: " + abbreviate(node) + " is a number; write the ratio as"
                    + " text, one of " + String.join(" ", Vocabulary.ASPECT_RATIOS));
        }
        return oneOf(fields, "aspect_ratio", Vocabulary.ASPECT_RATIOS);
    }

    private static String magicPrompt(ObjectNode fields) {
        JsonNode node = fields.get("magic_prompt");
        if (node != null && node.isBoolean()) {
            // YAML 1.1 reads unquoted on/off as booleans
            return node.asBoolean() ? "on" : "off";
        }
        return oneOf(fields, "magic_prompt", Vocabulary.MAGIC_PROMPT);
    }

    private static String oneOf(ObjectNode fields, String field, List<String> allowed) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.isTextual() ? node.asText().strip().toLowerCase(Locale.ROOT) : null;
        if (value == null || !allowed.contains(value)) {
            String shown = node.isTextual() ? InvalidJobException.shown(node.asText()) : abbreviate(node);
            String choices = allowed.size() > 20 ? "a size from Ideogram's list, such as 1024x1024 or 1280x720"
                    : "one of " + String.join(" ", allowed);
            throw new InvalidJobException(field + ": " + shown + " is not allowed; use " + choices);
        }
        return value;
    }

    private static Long whole(ObjectNode fields, String field, long min, long max) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw new InvalidJobException(field + ": " + abbreviate(node) + " is not allowed; use a whole number from " + min
                    + " to " + max);
        }
        return node.asLong();
    }

    private static Integer intOrNull(Long value) {
        return value == null ? null : value.intValue();
    }

    private static ColorPalette palette(ObjectNode fields) {
        JsonNode node = fields.get("color_palette");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return ColorPalette.ofPreset(oneOf(fields, "color_palette", Vocabulary.PALETTE_PRESETS));
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_PALETTE_MEMBERS) {
            throw new InvalidJobException("color_palette: " + abbreviate(node) + " is not allowed; use a preset ("
                    + String.join(" ", Vocabulary.PALETTE_PRESETS) + ") or a list of 1 to " + MAX_PALETTE_MEMBERS
                    + " {hex, weight} entries");
        }
        List<ColorPalette.Member> members = new ArrayList<>();
        for (JsonNode entry : node) {
            members.add(member(entry));
        }
        return ColorPalette.ofMembers(members);
    }

    private static ColorPalette.Member member(JsonNode entry) {
        if (!entry.isObject()) {
            throw new InvalidJobException("color_palette: entry " + abbreviate(entry)
                    + " is not allowed; write {\"hex\": \"#RRGGBB\", \"weight\": 0.5}");
        }
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
            if (!field.getKey().equals("hex") && !field.getKey().equals("weight")) {
                throw new InvalidJobException("color_palette: unknown entry field "
                        + InvalidJobException.shown(field.getKey()) + "; an entry has hex and weight");
            }
        }
        JsonNode hex = entry.get("hex");
        if (hex == null || !hex.isTextual() || !HEX.matcher(hex.asText()).matches()) {
            throw new InvalidJobException("color_palette.hex: " + (hex == null ? "missing" : abbreviate(hex))
                    + " is not allowed; use a colour like \"#FF8800\"");
        }
        JsonNode weight = entry.get("weight");
        double w = 1.0;
        if (weight != null && !weight.isNull()) {
            if (!weight.isNumber() || weight.asDouble() < 0.05 || weight.asDouble() > 1.0) {
                throw new InvalidJobException("color_palette.weight: " + abbreviate(weight)
                        + " is not allowed; use a number from 0.05 to 1.0");
            }
            w = weight.asDouble();
        }
        return new ColorPalette.Member(hex.asText().toUpperCase(Locale.ROOT), w);
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

}
