package org.ideogramcamel.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.serialization.node.JsonLocationAware;

/**
 * Checks a YAML route file against the JSON Schema of Camel's YAML DSL ({@code schema/camelYamlDsl.json}, shipped
 * in camel-yaml-dsl, the one editors use), and names each problem with its file and line. This is what the
 * camel-yaml-dsl-validator-maven-plugin does; the plugin is not available from this project's registry.
 */
public final class RouteSchema {

    private static final JsonNodeReader READER = JsonNodeReader.builder().locationAware().build();
    private final JsonSchema schema;

    public RouteSchema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                builder -> builder.jsonNodeReader(READER));
        try (InputStream in = RouteSchema.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            if (in == null) {
                throw new IllegalStateException("schema/camelYamlDsl.json is not on the class path (camel-yaml-dsl)");
            }
            schema = factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each problem of the file as {@code name:line: message}; empty when the file is a valid route file. */
    public List<String> problems(Path file) {
        String name = file.getFileName().toString();
        JsonNode tree;
        try (InputStream in = Files.newInputStream(file)) {
            tree = READER.readTree(in, InputFormat.YAML);
        } catch (IOException | IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException parse) {
                int line = parse.getLocation() == null ? 0 : parse.getLocation().getLineNr();
                return List.of(name + ":" + line + ": not valid YAML: " + parse.getOriginalMessage().lines()
                        .findFirst().orElse(""));
            }
            if (e instanceof JsonProcessingException parse) {
                int line = parse.getLocation() == null ? 0 : parse.getLocation().getLineNr();
                return List.of(name + ":" + line + ": not valid YAML: " + parse.getOriginalMessage().lines()
                        .findFirst().orElse(""));
            }
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            return List.of(name + ":1: empty file");
        }
        Set<ValidationMessage> messages = schema.validate(tree);
        return messages.stream().filter(m -> !isPlaceholderForANumberOrFlag(m))
                .map(m -> name + ":" + line(m) + ": " + m.getMessage()).distinct().sorted().toList();
    }

    /**
     * The schema types options such as {@code maximumRedeliveries} as numbers, while a route may give them as a
     * property placeholder ({@code "{{ideogram.retry.max-redeliveries}}"}), which Camel resolves at start-up.
     */
    private static boolean isPlaceholderForANumberOrFlag(ValidationMessage message) {
        JsonNode value = message.getInstanceNode();
        return "type".equals(message.getType()) && value != null && value.isTextual()
                && value.asText().matches("(?s).*\\{\\{.+}}.*");
    }

    private static int line(ValidationMessage message) {
        return message.getInstanceNode() instanceof JsonLocationAware located
                ? located.tokenLocation().getLineNr() : 0;
    }
}
