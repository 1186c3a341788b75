package org.ideogramcamel.kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.RouteCredential;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.StoredImage;
import org.ideogramcamel.support.RouteSchema;
import org.junit.jupiter.api.Test;

/**
 * The Kamelet files themselves: camel-kamelets' conventions, a valid JSON Schema in {@code spec.definition}, a
 * template that follows Camel's YAML DSL and names only parameters it defines, the jar's copies identical to the
 * repository's, and Camel's own Kamelet loader building them (and refusing broken ones). No app is started: the
 * module's contract ({@code direct:ideogram-generate}, {@code seda:ideogram-jobs}) is stood in for here, and
 * {@code KameletRoutesTest} runs the real thing.
 */
class KameletFilesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path FOLDER = Path.of("kamelets");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9]+)}}");

    @Test
    void bothKameletsFollowCamelKameletsConventions() throws IOException {
        List<Path> files = kamelets();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("ideogram-image-action.kamelet.yaml", "ideogram-image-sink.kamelet.yaml");
        for (Path file : files) {
            JsonNode kamelet = YAML.readTree(file.toFile());
            String name = file.getFileName().toString().replace(".kamelet.yaml", "");
            assertThat(kamelet.path("apiVersion").asText()).isEqualTo("camel.apache.org/v1");
            assertThat(kamelet.path("kind").asText()).isEqualTo("Kamelet");
            assertThat(kamelet.path("metadata").path("name").asText()).as(file.toString()).isEqualTo(name);
            assertThat(kamelet.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText())
                    .isEqualTo(name.substring(name.lastIndexOf('-') + 1));
            JsonNode annotations = kamelet.path("metadata").path("annotations");
            for (String annotation : List.of("kamelet.support.level", "catalog.version", "kamelet.icon")) {
                assertThat(annotations.path("camel.apache.org/" + annotation).asText())
                        .as(name + " annotation " + annotation).isNotBlank();
            }
            assertThat(annotations.path("camel.apache.org/kamelet.icon").asText()).startsWith("data:image/svg+xml;base64,");
            assertThat(annotations.path("camel.apache.org/provider").asText()).isNotBlank();
            assertThat(annotations.path("camel.apache.org/kamelet.group").asText()).isNotBlank();

            JsonNode definition = kamelet.path("spec").path("definition");
            assertThat(definition.path("title").asText()).isNotBlank();
            assertThat(definition.path("description").asText()).isNotBlank();
            assertThat(definition.path("type").asText()).isEqualTo("object");
            definition.path("properties").fields().forEachRemaining(property -> {
                assertThat(property.getValue().path("title").asText()).as(name + "." + property.getKey() + " title")
                        .isNotBlank();
                assertThat(property.getValue().path("description").asText())
                        .as(name + "." + property.getKey() + " description").isNotBlank();
                assertThat(property.getValue().path("type").asText()).as(name + "." + property.getKey() + " type")
                        .isIn("string", "integer", "boolean");
            });
            JsonNode apiKey = definition.path("properties").path("apiKey");
            assertThat(apiKey.path("format").asText()).isEqualTo("password");
            assertThat(apiKey.path("x-descriptors").toString()).contains("urn:camel:group:credentials");
            assertThat(kamelet.path("spec").path("dependencies").toString()).contains("camel:kamelet");
            assertThat(kamelet.path("spec").path("template").path("from").path("uri").asText())
                    .isEqualTo("kamelet:source");
        }
    }

    @Test
    void eachDefinitionIsAValidJsonSchema() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        var metaSchema = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft-07/schema"));
        for (Path file : kamelets()) {
            JsonNode definition = YAML.readTree(file.toFile()).path("spec").path("definition");
            Set<ValidationMessage> problems = metaSchema.validate(definition);
            assertThat(problems).as(file + ": spec.definition against the JSON Schema meta-schema").isEmpty();
        }
    }

    @Test
    void eachTemplateFollowsCamelsYamlDslAndUsesExactlyTheDefinedParameters() throws IOException {
        RouteSchema schema = new RouteSchema();
        for (Path file : kamelets()) {
            JsonNode kamelet = YAML.readTree(file.toFile());
            JsonNode template = kamelet.path("spec").path("template");
            ObjectNode route = YAML.createObjectNode();
            route.putObject("route").put("id", "template").set("from", template.path("from"));
            Path asRoute = Files.createTempFile("kamelet-template", ".camel.yaml");
            YAML.writeValue(asRoute.toFile(), List.of(route));
            assertThat(schema.problems(asRoute)).as(file + ": spec.template as a route").isEmpty();

            Set<String> used = new TreeSet<>();
            Matcher placeholders = PLACEHOLDER.matcher(template.toString());
            while (placeholders.find()) {
                used.add(placeholders.group(1));
            }
            Set<String> defined = new TreeSet<>();
            kamelet.path("spec").path("definition").path("properties").fieldNames().forEachRemaining(defined::add);
            assertThat(used).as(file + ": parameters the template uses = the parameters the definition describes")
                    .isEqualTo(defined);
        }
    }

    @Test
    void theReadmesRouteIsTheUserRouteKameletRoutesTestRuns() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Your own route"));
        String block = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", 8));
        String userRoutes = Files.readString(Path.of("src/test/resources/user-routes/my-images.camel.yaml"));
        assertThat(userRoutes.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList())
                .isEqualTo(block.lines().filter(line -> !line.isBlank()).toList());
    }

    @Test
    void theJarCarriesTheRepositorysFilesUnchanged() throws IOException {
        for (Path file : kamelets()) {
            try (InputStream inJar = getClass().getResourceAsStream("/kamelets/" + file.getFileName())) {
                assertThat(inJar).as("classpath:kamelets/" + file.getFileName()).isNotNull();
                assertThat(inJar.readAllBytes()).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void camelsLoaderBuildsTheActionFromTheClasspathAndItRepliesWithJson() throws Exception {
        Map<String, Object> seen = new ConcurrentHashMap<>();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("ideogramKamelet", new KameletSteps());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // stands in for the module's documented request-reply contract
                    from("direct:ideogram-generate").process(exchange -> {
                        seen.putAll(exchange.getMessage().getHeaders());
                        seen.put("credential", String.valueOf(exchange.getProperty(RouteCredential.PROPERTY)));
                        exchange.setProperty(ExchangeKeys.JOB, new ImageJob("poster", "p", null, "16:9", null, null,
                                null, null, null, null, null, "replicate", "generate", null, null, null));
                        exchange.getMessage().setBody(List.of(new StoredImage("outbox/poster-1.png",
                                "outbox/poster-1.json", "image/png", 42, "ab12")));
                    });
                    from("direct:mine").to("kamelet:ideogram-image-action?provider=replicate&aspectRatio=16:9"
                            + "&numImages=1&apiKey=r8_LOADER_secret");
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            var reply = template.request("direct:mine", e -> {
                e.getMessage().setBody("a prompt");
                e.getMessage().setHeader("IdeogramStyle", "anime");
            });

            assertThat(reply.getException()).isNull();
            assertThat(YAML.readTree(reply.getMessage().getBody(String.class)).toString()).isEqualTo("""
                    {"job":"poster","provider":"replicate","images":[{"location":"outbox/poster-1.png",\
                    "sidecar":"outbox/poster-1.json","content_type":"image/png","bytes":42,"sha256":"ab12"}]}""");
            assertThat(seen).containsEntry("IdeogramProvider", "replicate").containsEntry("IdeogramAspectRatio", "16:9")
                    .containsEntry("IdeogramNumImages", "1")
                    .as("an unset parameter leaves the caller's header alone").containsEntry("IdeogramStyle", "anime")
                    .doesNotContainKeys("IdeogramModel", "IdeogramSeed", "IdeogramJobName")
                    .containsEntry("credential", "RouteCredential[provider=replicate, secret=xxxxxx]");
            assertThat(reply.getProperty(RouteCredential.PROPERTY)).as("the key left the caller's exchange").isNull();
            assertThat(reply.getProperties().keySet()).noneMatch(name -> name.startsWith(KameletSteps.PREFIX));
        }
    }

    @Test
    void camelsLoaderRefusesABrokenTemplateAndAMissingRequiredParameter() {
        assertThatThrownBy(() -> startWith("kamelet:unknown-step-action"))
                .hasMessageContaining("Failure creating route from template: unknown-step-action")
                .rootCause().hasMessageStartingWith("Unknown node id: tu").hasMessageContaining("unknown-step-action.kamelet.yaml, line 18");
        assertThatThrownBy(() -> startWith("kamelet:missing-parameter-action"))
                .rootCause().hasMessageContaining("mandatory parameters must be provided: provider");
    }

    private static void startWith(String kameletUri) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getComponent("kamelet", KameletComponent.class).setLocation("classpath:broken-kamelets");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:mine").to(kameletUri);
                }
            });
            context.start();
        }
    }

    private static List<Path> kamelets() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(".kamelet.yaml")).sorted()
                    .toList());
        }
    }
}
