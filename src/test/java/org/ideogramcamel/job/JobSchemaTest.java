package org.ideogramcamel.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ideogramcamel.dialect.registry.Providers;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.InputStreamSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps {@code schema/ideogram-job.schema.json} honest: the schema is valid draft 2020-12, it accepts the jobs the
 * app accepts, it refuses the jobs of the bad-input corpus the app refuses, and its fields and word lists are
 * exactly those of {@link JobValidator} and {@link Vocabulary}. A change to the job format that is not made in the
 * schema too fails here.
 *
 * <p>Jobs are read with {@link JobReader}, the path the app reads prompt files with, so YAML is checked as the app
 * sees it (YAML 1.1 booleans included). No test reaches the network: the draft 2020-12 meta-schema is bundled with
 * the validator library, and any other remote schema is refused.
 */
class JobSchemaTest {

    static final String SCHEMA_ID = "https://ideogram-camel.org/schema/ideogram-job.schema.json";
    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    /**
     * Readable tickets of the bad-input corpus that the app refuses but the schema cannot. Keep this list as short
     * as possible: each entry names the file (and {@code #line} for a .jsonl line) and why JSON Schema cannot say it.
     * An entry the schema starts refusing fails {@link #everyAllowListEntryIsStillNeeded()}, so the list never goes
     * stale.
     */
    static final Map<String, String> SCHEMA_CANNOT_EXPRESS = Map.of(
            "num-images-float.yaml",
            "num_images: 2.0 is a float to the app, which wants a whole number written without a fraction; JSON"
                    + " Schema's data model has one kind of number, so 2.0 is an \"integer\" to it (draft 2020-12,"
                    + " 6.1.1) and no keyword can tell 2.0 from 2",
            "image-missing.json",
            "whether images/not-there.png exists in the inbox is a fact of the file system, not of the document",
            "mask-missing.json",
            "whether images/no-mask.png exists in the inbox is a fact of the file system, not of the document");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(iri -> {
                String text = iri.toString();
                if (text.startsWith("http:") || text.startsWith("https:")) {
                    // the meta-schemas are mapped to the library's classpath copies before any loader runs
                    return (InputStreamSource) () -> {
                        throw new IOException("tests never fetch schemas; not loading " + text);
                    };
                }
                return null;
            })));

    private static final int MAX_FILE_BYTES = 1_048_576;

    @TempDir
    static Path inbox;

    private static JsonNode schemaNode;
    private static JsonSchema schema;

    private final JobReader reader = new JobReader(MAX_FILE_BYTES);

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaNode = JSON.readTree(schemaFile().toFile());
        schema = FACTORY.getSchema(schemaNode);
        // edit, remix and describe name source images, which the app checks on disk
        Path images = Files.createDirectories(inbox.resolve("images"));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D};
        Files.write(images.resolve("photo.png"), png);
        Files.write(images.resolve("mask.png"), png);
    }

    // ---------------------------------------------------------------------------------------------------- (a)

    @Test
    void schemaIsValidDraft202012() {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12));

        assertThat(metaSchema.validate(schemaNode)).as("meta-schema errors").isEmpty();
        assertThat(schemaNode.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(schemaNode.path("$id").asText()).isEqualTo(SCHEMA_ID);
        assertThat(schemaNode.path("title").asText()).isNotBlank();
        assertThat(schemaNode.path("description").asText()).isNotBlank();
        assertThat(schemaNode.path("type").asText()).isEqualTo("object");
        assertThat(schemaNode.path("additionalProperties").isBoolean()).isTrue();
        assertThat(schemaNode.path("additionalProperties").asBoolean()).as("unknown fields are refused").isFalse();
    }

    @Test
    void remoteSchemasAreNeverFetched() {
        // proves the guard above sits in front of the library's own URL loader
        assertThatThrownBy(() -> FACTORY.getSchema(SchemaLocation.of("https://ideogram-camel.org/schema/other.json")))
                .hasStackTraceContaining("tests never fetch schemas");
    }

    @Test
    void everyPatternCompilesAndEveryPropertyIsDescribed() {
        List<String> patterns = new ArrayList<>();
        collect(schemaNode, "pattern", patterns);
        assertThat(patterns).isNotEmpty();
        patterns.forEach(Pattern::compile);

        schemaNode.path("properties").properties().forEach(p -> assertThat(p.getValue().path("description").asText())
                .as("description of %s", p.getKey()).isNotBlank());
    }

    @Test
    void examplesAreAcceptedByTheSchemaAndTheApp() {
        JsonNode examples = schemaNode.path("examples");
        assertThat(examples.isArray()).isTrue();
        assertThat(examples.size()).isBetween(2, 3);
        int n = 0;
        for (JsonNode example : examples) {
            n++;
            assertThat(example.isObject()).isTrue();
            assertThat(schema.validate(example)).as("schema errors for example %d", n).isEmpty();
            assertThat(refusal(new JobValidator("offline", Providers.CATALOG), (ObjectNode) example)).as("example %d", n).isNull();
        }
    }

    // ---------------------------------------------------------------------------------------------------- (b)

    static Stream<Arguments> goodJobs() {
        String everyGenerateField = """
                {"prompt": "a lighthouse at dusk", "negative_prompt": "blur, text", "aspect_ratio": "16:9",
                 "resolution": "1280x720", "style": "render_3d", "magic_prompt": "on", "seed": 0, "num_images": 8,
                 "color_palette": [{"hex": "#FF8800", "weight": 0.5}, {"hex": "#00aaff"}],
                 "model": "v2a_turbo", "provider": "replicate", "failover": true, "operation": "generate"}""";
        String everyGenerateFieldYaml = """
                # a YAML job, read as the app reads it
                prompt: |
                  a lighthouse at dusk,
                  oil painting
                negative_prompt: blur, text
                aspect_ratio: "3:2"
                resolution: 1024x1024
                style: anime
                magic_prompt: off
                seed: 2147483647
                num_images: 1
                color_palette:
                  - hex: "#1E3A8A"
                    weight: 0.05
                  - hex: "#F59E0B"
                    weight: 1
                model: v1
                provider: offline
                """;
        String sixteenColours = palette(16);
        return Stream.of(
                Arguments.of("minimal.json", "{\"prompt\": \"a cat\"}"),
                Arguments.of("every-generate-field.json", everyGenerateField),
                Arguments.of("every-generate-field.yaml", everyGenerateFieldYaml),
                Arguments.of("preset-palette.yml", "prompt: a cosy nook\ncolor_palette: ultramarine\n"
                        + "aspect_ratio: \"1:3\"\nmagic_prompt: auto\nstyle: realistic\nmodel: v2\n"),
                Arguments.of("magic-prompt-boolean.json", "{\"prompt\": \"a cat\", \"magic_prompt\": false}"),
                Arguments.of("magic-prompt-yaml-on.yaml", "prompt: a cat\nmagic_prompt: on\n"),
                Arguments.of("bounds.json", "{\"prompt\": \"a cat\", \"seed\": 2147483647, \"num_images\": 1,"
                        + " \"color_palette\": " + sixteenColours + "}"),
                Arguments.of("empty-negative-prompt.json", "{\"prompt\": \"a cat\", \"negative_prompt\": \"\"}"),
                Arguments.of("longest-prompt.json", "{\"prompt\": \"" + "a".repeat(10_000) + "\"}"),
                // maxLength counts code points, as the app does: 10 000 emoji are 20 000 UTF-16 chars
                Arguments.of("longest-prompt-emoji.json", "{\"prompt\": \"" + "\uD83D\uDE00".repeat(10_000) + "\"}"),
                // U+00A0 is not whitespace to the app (Character.isWhitespace), so this prompt is not blank
                Arguments.of("prompt-no-break-space.json", "{\"prompt\": \"\u00A0\"}"),
                Arguments.of("batch.jsonl", "{\"prompt\": \"a cat\", \"seed\": 1}\n\n"
                        + "{\"prompt\": \"a dog\", \"aspect_ratio\": \"10:16\", \"color_palette\": \"pastel\"}\n"),
                Arguments.of("edit.json", "{\"operation\": \"edit\", \"prompt\": \"a red door\","
                        + " \"image\": \"images/photo.png\", \"mask\": \"images/mask.png\", \"style\": \"general\"}"),
                Arguments.of("remix.yaml", "operation: remix\nprompt: the same scene in winter\n"
                        + "image: images/photo.png\nimage_weight: 100\naspect_ratio: \"4:3\"\nnum_images: 2\n"),
                Arguments.of("describe.json", "{\"operation\": \"describe\", \"image\": \"images/photo.png\","
                        + " \"model\": \"v2\", \"provider\": \"ideogram\"}"),
                // Ideogram 3
                Arguments.of("v3-generate.json", "{\"prompt\": \"a lighthouse\", \"model\": \"v3_quality\","
                        + " \"aspect_ratio\": \"4:5\", \"style\": \"fiction\", \"style_preset\": \"WATERCOLOR\","
                        + " \"style_reference_images\": [\"images/photo.png\", \"images/mask.png\"],"
                        + " \"character_image\": \"images/photo.png\"}"),
                Arguments.of("v3-codes.yaml", "prompt: a lighthouse\nmodel: v3\nstyle_codes: [AB12CD34, \"00ff00ff\"]\n"),
                Arguments.of("inpaint.json", "{\"operation\": \"inpaint\", \"prompt\": \"a red door\","
                        + " \"image\": \"images/photo.png\", \"mask\": \"images/mask.png\", \"model\": \"v3_turbo\"}"),
                Arguments.of("reframe.json", "{\"operation\": \"reframe\", \"image\": \"images/photo.png\","
                        + " \"resolution\": \"1280x720\", \"seed\": 3, \"num_images\": 2}"),
                Arguments.of("replace-background.json", "{\"operation\": \"replace_background\","
                        + " \"prompt\": \"a beach at dawn\", \"image\": \"images/photo.png\", \"magic_prompt\": \"off\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodJobs")
    void goodJobsAreAcceptedByTheSchemaAndTheApp(String fileName, String text) {
        List<JobTicket> tickets = reader.read(fileName, text.getBytes(StandardCharsets.UTF_8));

        assertThat(tickets).isNotEmpty();
        for (JobTicket ticket : tickets) {
            assertThat(ticket.isReadable()).as("%s is readable: %s", fileName, ticket.problem()).isTrue();
            ObjectNode fields = ticket.fields();
            assertThat(schema.validate(fields)).as("schema errors for %s", fileName).isEmpty();
            assertThat(refusal(validatorFor(fields), fields)).as("app refusal for %s", fileName).isNull();
        }
    }

    @Test
    void goodJobsTogetherUseEveryField() {
        Set<String> used = new LinkedHashSet<>();
        goodJobs().forEach(args -> {
            String fileName = (String) args.get()[0];
            for (JobTicket ticket : reader.read(fileName, ((String) args.get()[1]).getBytes(StandardCharsets.UTF_8))) {
                ticket.fields().fieldNames().forEachRemaining(used::add);
            }
        });
        assertThat(used).containsExactlyInAnyOrderElementsOf(JobValidator.FIELDS);
    }

    // ---------------------------------------------------------------------------------------------------- (c)

    @Test
    void schemaRefusesEveryReadableBadInputTheAppRefuses() throws IOException {
        List<String> accepted = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, ObjectNode> bad : readableBadInputs().entrySet()) {
            String name = bad.getKey();
            ObjectNode fields = bad.getValue();
            assertThat(refusal(new JobValidator("offline", Providers.CATALOG), fields)).as("app refuses %s", name).isNotNull();
            if (SCHEMA_CANNOT_EXPRESS.containsKey(name)) {
                continue;
            }
            checked++;
            if (schema.validate(fields).isEmpty()) {
                accepted.add(name + " " + fields);
            }
        }
        assertThat(accepted).as("bad inputs the schema accepts (fix the schema, or allow-list with a reason)")
                .isEmpty();
        assertThat(checked).as("readable bad inputs compared").isGreaterThanOrEqualTo(40);
    }

    @Test
    void everyAllowListEntryIsStillNeeded() throws IOException {
        Map<String, ObjectNode> bad = readableBadInputs();
        SCHEMA_CANNOT_EXPRESS.forEach((name, why) -> {
            assertThat(why).as("reason for %s", name).isNotBlank();
            assertThat(bad).as("allow-listed %s is a readable bad input", name).containsKey(name);
            assertThat(schema.validate(bad.get(name))).as("the schema still accepts allow-listed %s", name).isEmpty();
        });
    }

    static Stream<Arguments> jobsBothRefuse() {
        return Stream.of(
                Arguments.of("{\"prompt\": \"a cat\", \"image\": \"images/photo.png\"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"operation\": \"generate\", \"mask\": \"images/mask.png\"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"operation\": \"edit\"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"operation\": \"remix\", \"image\": \"images/photo.png\","
                        + " \"mask\": \"images/mask.png\"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"operation\": \"edit\", \"image\": \"images/photo.png\","
                        + " \"image_weight\": 50}"),
                Arguments.of("{\"prompt\": \"a cat\", \"operation\": \"remix\", \"image\": \"images/photo.png\","
                        + " \"image_weight\": 0}"),
                Arguments.of("{\"prompt\": \"a cat\", \"operation\": \"remix\", \"image\": \"images/photo.png\","
                        + " \"image_weight\": 101}"),
                Arguments.of("{\"operation\": \"remix\", \"image\": \"images/photo.png\"}"),
                Arguments.of("{\"operation\": \"describe\"}"),
                Arguments.of("{\"operation\": \"describe\", \"image\": \"images/photo.png\", \"prompt\": 42}"),
                Arguments.of("{\"operation\": \"describe\", \"image\": \"images/photo.png\", \"seed\": 1}"),
                Arguments.of("{\"operation\": \"describe\", \"image\": \"images/photo.png\", \"color_palette\": \"ember\"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"operation\": \"upscale\"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"operation\": \"edit\", \"image\": \"\"}"),
                // Character.isWhitespace counts U+2003 (em space) and U+001F as whitespace: a blank prompt
                Arguments.of("{\"prompt\": \"\u2003\\u001f \"}"),
                Arguments.of("{\"prompt\": \"" + "\uD83D\uDE00".repeat(10_001) + "\"}"),
                // java.util.regex's $ also matches before a final line break; the length bounds refuse it
                Arguments.of("{\"prompt\": \"a cat\", \"color_palette\": [{\"hex\": \"#FF8800\\n\"}]}"),
                Arguments.of("{\"prompt\": \"a cat\", \"color_palette\": [{\"weight\": 0.5}]}"),
                Arguments.of("{\"prompt\": \"a cat\", \"color_palette\": " + palette(17) + "}"),
                Arguments.of("{\"prompt\": \"a cat\", \"magic_prompt\": 1}"),
                Arguments.of("{\"prompt\": \"a cat\", \"num_images\": 2.5}"),
                Arguments.of("{\"prompt\": \"a cat\", \"failover\": \"yes\"}"),
                // Ideogram 3's fields and operations
                Arguments.of("{\"operation\": \"reframe\", \"image\": \"images/photo.png\"}"),
                Arguments.of("{\"operation\": \"reframe\", \"image\": \"images/photo.png\", \"resolution\": \"1280x720\","
                        + " \"prompt\": \"wider\"}"),
                Arguments.of("{\"operation\": \"reframe\", \"image\": \"images/photo.png\", \"resolution\": \"1280x720\","
                        + " \"style\": \"auto\"}"),
                Arguments.of("{\"operation\": \"replace_background\", \"image\": \"images/photo.png\"}"),
                Arguments.of("{\"operation\": \"replace_background\", \"prompt\": \"a beach\","
                        + " \"image\": \"images/photo.png\", \"aspect_ratio\": \"1:1\"}"),
                Arguments.of("{\"operation\": \"inpaint\", \"prompt\": \"a door\"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"style_codes\": [\"XYZ12345\"]}"),
                Arguments.of("{\"prompt\": \"a cat\", \"style_codes\": []}"),
                Arguments.of("{\"prompt\": \"a cat\", \"style_reference_images\": \"images/photo.png\"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"style_reference_images\": [\"../photo.png\"]}"),
                Arguments.of("{\"prompt\": \"a cat\", \"style_preset\": \"water colour\"}"),
                Arguments.of("{\"operation\": \"describe\", \"image\": \"images/photo.png\", \"style_preset\": \"X\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobsBothRefuse")
    void schemaAndAppRefuseTheSameOperationAndEdgeCases(String json) throws IOException {
        ObjectNode fields = (ObjectNode) JSON.readTree(json);

        assertThat(refusal(validatorFor(fields), fields)).as("app refusal").isNotNull();
        assertThat(schema.validate(fields)).as("schema errors").isNotEmpty();
    }

    /**
     * The other direction, documented rather than hidden: jobs the app accepts but the schema refuses, because the
     * schema asks for the one canonical spelling an editor should suggest.
     */
    static Stream<Arguments> appAcceptsButSchemaRefuses() {
        return Stream.of(
                // enum values: the app lower-cases and trims them; the schema lists the canonical spelling
                Arguments.of("{\"prompt\": \"a cat\", \"style\": \"Anime\"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"aspect_ratio\": \" 16:9 \"}"),
                Arguments.of("{\"prompt\": \"a cat\", \"resolution\": \"1024X1024\"}"),
                // null: the app treats it as absent; the schema wants the field left out
                Arguments.of("{\"prompt\": \"a cat\", \"seed\": null}"),
                Arguments.of("{\"prompt\": \"a cat\", \"color_palette\": [{\"hex\": \"#FF8800\", \"weight\": null}]}"),
                // the app trims the prompt before counting; maxLength counts what is written
                Arguments.of("{\"prompt\": \" " + "a".repeat(10_000) + " \"}"),
                // a provider's own model name, as written in the configuration
                Arguments.of("{\"prompt\": \"a cat\", \"model\": \"ideogram-v3-turbo\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("appAcceptsButSchemaRefuses")
    void schemaIsStricterThanTheAppOnlyWhereDocumented(String json) throws IOException {
        ObjectNode fields = (ObjectNode) JSON.readTree(json);

        assertThat(refusal(validatorFor(fields), fields)).as("app refusal").isNull();
        assertThat(schema.validate(fields)).as("schema errors").isNotEmpty();
    }

    // ---------------------------------------------------------------------------------------------------- (d)

    @Test
    void schemaFieldsAreExactlyTheValidatorFields() {
        List<String> properties = new ArrayList<>();
        schemaNode.path("properties").fieldNames().forEachRemaining(properties::add);

        assertThat(properties).containsExactlyInAnyOrderElementsOf(JobValidator.FIELDS);
    }

    @Test
    void schemaEnumsAreExactlyTheVocabulary() {
        JsonNode properties = schemaNode.path("properties");

        assertThat(enumOf(properties.path("aspect_ratio"))).containsExactlyElementsOf(Vocabulary.ASPECT_RATIOS);
        assertThat(enumOf(properties.path("resolution"))).containsExactlyElementsOf(Vocabulary.RESOLUTIONS);
        assertThat(enumOf(properties.path("style"))).containsExactlyElementsOf(Vocabulary.STYLES);
        assertThat(enumOf(properties.path("magic_prompt").path("anyOf").path(0)))
                .containsExactlyElementsOf(Vocabulary.MAGIC_PROMPT);
        assertThat(enumOf(properties.path("color_palette").path("oneOf").path(0)))
                .containsExactlyElementsOf(Vocabulary.PALETTE_PRESETS);
        assertThat(enumOf(properties.path("model"))).containsExactlyElementsOf(Vocabulary.MODELS);
        assertThat(enumOf(properties.path("provider"))).containsExactlyElementsOf(Providers.names());
        assertThat(enumOf(properties.path("operation"))).containsExactlyElementsOf(Vocabulary.OPERATIONS);

        assertThat(properties.path("seed").path("maximum").asLong()).isEqualTo(Vocabulary.MAX_SEED);
        assertThat(properties.path("num_images").path("maximum").asInt()).isEqualTo(Vocabulary.MAX_IMAGES);

        // every enum in the schema is one of the above: a new one must be tied to the vocabulary here too
        List<String> enums = new ArrayList<>();
        collectPaths(schemaNode, "", "enum", enums);
        assertThat(enums).containsExactlyInAnyOrder(
                "/properties/aspect_ratio", "/properties/resolution", "/properties/style",
                "/properties/magic_prompt/anyOf/0", "/properties/color_palette/oneOf/0", "/properties/model",
                "/properties/provider", "/properties/operation");
        assertThat(enumOf(properties.path("provider"))).as("the registry is the one provider list")
                .containsExactlyElementsOf(Providers.names());
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static JobValidator validatorFor(ObjectNode fields) {
        if (fields.has("image") || fields.has("mask") || fields.has("style_reference_images")
                || fields.has("character_image")) {
            return new JobValidator("offline", new SourceImages(inbox, MAX_FILE_BYTES), Providers.CATALOG);
        }
        return new JobValidator("offline", Providers.CATALOG);
    }

    /** The app's refusal of a job, or null when it would be sent. */
    private static String refusal(JobValidator validator, ObjectNode fields) {
        try {
            validator.validate("job", fields);
            return null;
        } catch (InvalidJobException e) {
            return e.getMessage();
        }
    }

    /** Every readable ticket of the corpus's JSON, YAML and JSONL files, by file name ({@code name#line} for JSONL). */
    private Map<String, ObjectNode> readableBadInputs() throws IOException {
        Map<String, ObjectNode> readable = new TreeMap<>();
        for (Path file : badInputFiles()) {
            String fileName = file.getFileName().toString();
            for (JobTicket ticket : reader.read(fileName, Files.readAllBytes(file))) {
                if (ticket.isReadable()) {
                    Integer line = ticket.source().line();
                    readable.put(fileName + (line == null ? "" : "#" + line), ticket.fields());
                }
            }
        }
        return readable;
    }

    private static List<Path> badInputFiles() throws IOException {
        Path folder;
        try {
            folder = Path.of(JobSchemaTest.class.getResource("/bad-inputs/EXPECTED.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("(?i).+\\.(json|ya?ml|jsonl)"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static Path schemaFile() {
        return Path.of(System.getProperty("basedir", ".")).resolve("schema").resolve("ideogram-job.schema.json");
    }

    private static List<String> enumOf(JsonNode node) {
        assertThat(node.path("enum").isArray()).as("enum in %s", node).isTrue();
        List<String> values = new ArrayList<>();
        node.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void collect(JsonNode node, String keyword, List<String> found) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals(keyword) && field.getValue().isTextual()) {
                    found.add(field.getValue().asText());
                }
                collect(field.getValue(), keyword, found);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, keyword, found));
        }
    }

    private static void collectPaths(JsonNode node, String path, String keyword, List<String> found) {
        if (path.startsWith("/examples")) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals(keyword)) {
                    found.add(path);
                }
                collectPaths(field.getValue(), path + "/" + field.getKey(), keyword, found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPaths(node.get(i), path + "/" + i, keyword, found);
            }
        }
    }

    /** A custom palette of the given number of colours, as JSON. */
    private static String palette(int members) {
        return IntStream.range(0, members)
                .mapToObj(i -> String.format("{\"hex\": \"#%06X\", \"weight\": 0.5}", i * 0x0F0F0F))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
