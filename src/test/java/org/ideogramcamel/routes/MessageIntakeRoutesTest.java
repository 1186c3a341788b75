package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.job.StoredImage;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs as messages, the way another Camel application embeds the module: request-reply on
 * direct:ideogram-generate (from the caller's own route, using only the documented contract) and
 * fire-and-forget on seda:ideogram-jobs. The offline provider keeps these tests about the contract.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.inbox=target/it/messages/inbox", "ideogram.outbox=target/it/messages/outbox",
            "ideogram.state=target/it/messages/state",
            "ideogram.done=target/it/messages/done", "ideogram.failed=target/it/messages/failed"
        })
class MessageIntakeRoutesTest {

    final TestFolders folders = new TestFolders("messages");

    @org.apache.camel.BeanInject
    CamelContext context;

    @org.apache.camel.Produce
    ProducerTemplate template;

    @BeforeEach
    void reset() throws Exception {
        folders.clean();
        // the embedding application's own route: it knows nothing but the documented endpoint and headers
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:my-app-posters").routeId("my-app-posters")
                        .setHeader("IdeogramJobName", constant("poster"))
                        .setHeader("IdeogramAspectRatio", constant("16:9"))
                        .to("direct:ideogram-generate");
            }
        });
    }

    @Test
    void anEmbeddingRouteGetsTheStoredLocationsBack() {
        @SuppressWarnings("unchecked")
        List<StoredImage> reply = template.requestBody("direct:my-app-posters", "A jazz festival poster", List.class);

        assertThat(reply).hasSize(1);
        Path image = Path.of(reply.get(0).location());
        assertThat(image.getFileName().toString()).isEqualTo("poster-1.png");
        assertThat(Files.exists(image)).isTrue();
        assertThat(reply.get(0).contentType()).isEqualTo("image/png");
        assertThat(reply.get(0).sha256()).hasSize(64);
        JsonNode sidecar = TestFolders.json(Path.of(reply.get(0).sidecar()));
        assertThat(sidecar.path("prompt").asText()).isEqualTo("A jazz festival poster");
        assertThat(sidecar.path("options").path("aspect_ratio").asText()).isEqualTo("16:9");
    }

    @Test
    void mapsJsonAndYamlBodiesWithHeaderOverrides() {
        List<?> fromMap = template.requestBodyAndHeaders("direct:ideogram-generate",
                Map.of("prompt", "a map job", "num_images", 1), Map.of("IdeogramNumImages", "2", "IdeogramJobName", "m"),
                List.class);
        List<?> fromJson = template.requestBodyAndHeader("direct:ideogram-generate",
                "{\"prompt\": \"a json job\", \"style\": \"anime\"}", "IdeogramJobName", "j", List.class);
        List<?> fromYaml = template.requestBodyAndHeader("direct:ideogram-generate",
                "prompt: a yaml job\nseed: 7\n", "IdeogramJobName", "y", List.class);
        List<?> fromText = template.requestBodyAndHeader("direct:ideogram-generate",
                "Sign: open late", "IdeogramJobName", "t", List.class);

        assertThat(fromMap).hasSize(2);
        assertThat(fromJson).hasSize(1);
        assertThat(fromYaml).hasSize(1);
        assertThat(TestFolders.json(folders.outbox().resolve("y-1.json")).path("seed").asLong()).isEqualTo(7);
        assertThat(fromText).hasSize(1);
        assertThat(TestFolders.json(folders.outbox().resolve("t-1.json")).path("prompt").asText())
                .isEqualTo("Sign: open late");
    }

    @Test
    void aFailedJobReachesTheCallerWithTheDeadLetterReason() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:ideogram-generate",
                "{\"prompt\": \"x\", \"aspect_ratio\": \"7:5\"}", "IdeogramJobName", "bad", List.class))
                .isInstanceOf(CamelExecutionException.class)
                .cause().hasMessageStartingWith("aspect_ratio: '7:5' is not allowed");
        JsonNode record = TestFolders.errorRecord(folders.clientErrors(), "bad.json");
        assertThat(record.path("reason").asText()).startsWith("aspect_ratio: '7:5' is not allowed");
    }

    @Test
    void aProviderRefusalReachesTheCallerAndTheChannel() {
        assertThatThrownBy(() -> template.requestBodyAndHeaders("direct:ideogram-generate",
                "{\"prompt\": \"x\", \"num_images\": 3}",
                Map.of("IdeogramJobName", "many", "IdeogramProvider", "replicate"), List.class))
                .isInstanceOf(CamelExecutionException.class)
                .cause().hasMessageContaining("replicate: num_images 3 is not supported");
        assertThat(TestFolders.errorRecord(folders.clientErrors(), "many.json").path("provider").asText())
                .isEqualTo("replicate");
    }

    @Test
    void fireAndForgetEndsInTheOutbox() {
        template.sendBodyAndHeader("seda:ideogram-jobs", "{\"prompt\": \"queued\"}", "IdeogramJobName", "queued");

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(folders.outbox().resolve("queued-1.png")));
        assertThat(folders.files(folders.outbox())).contains("queued-1.json", "queued-1.png");
    }
}
