package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.StubProvider.json;
import static org.ideogramcamel.support.TestFolders.errorRecord;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.ReplicateSeeds;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.WaveSpeedSeeds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failover through the real routes: Replicate (the default provider) answers 503 to every create until it
 * recovers, WaveSpeed (ideogram.failover) sells the same jobs. One stub serves both, under their own paths.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "ideogram.provider=replicate", "ideogram.failover=wavespeed",
            "ideogram.failover.open-after=5", "ideogram.failover.probe-after=8s",
            "ideogram.inbox=target/it/failover/inbox", "ideogram.outbox=target/it/failover/outbox",
            "ideogram.state=target/it/failover/state",
            "ideogram.done=target/it/failover/done", "ideogram.failed=target/it/failover/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_failover",
            "ideogram.providers.replicate.prefer-wait=0",
            "ideogram.providers.replicate.max-in-flight=2",
            "ideogram.providers.wavespeed.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/api/v3",
            "ideogram.providers.wavespeed.api-key=ws_failover",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=100ms",
            "ideogram.retry.max-redeliveries=3", "ideogram.retry.initial-delay=50", "ideogram.retry.max-delay=200"
        })
class FailoverRoutesTest {

    // the shipped default models (Ideogram 3 Turbo) on both providers
    static final String REPLICATE_CREATE = "/v1/models/ideogram-ai/ideogram-v3-turbo/predictions";
    static final String WAVESPEED_CREATE = "/api/v3/ideogram-ai/ideogram-v3-turbo";
    static final byte[] PNG = new PlaceholderRenderer().render("failover", null, "1:1", 1, 9);

    @RegisterExtension
    static final StubProvider STUB = new StubProvider();
    final TestFolders folders = new TestFolders("failover");

    @BeanInject
    CamelContext context;

    @BeforeEach
    void reset() {
        folders.clean();
        STUB.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
        STUB.stubFor(post(REPLICATE_CREATE).willReturn(json(503, ReplicateSeeds.problem(503, "Service Unavailable",
                "the service is down"))));
        STUB.stubFor(post(WAVESPEED_CREATE).willReturn(json(200,
                WaveSpeedSeeds.completed("ws-task", STUB.url("/files/one.png")))));
    }

    @Test
    void whileThePrimaryIsDownJobsThatMayMoveAreServedByTheNextProviderAndThePrimaryTakesJobsAgainOnceBack() {
        String lines = IntStream.rangeClosed(1, 10).mapToObj(i -> "{\"prompt\": \"job " + i + "\"}")
                .collect(Collectors.joining("\n"));
        folders.drop("ten.jsonl", lines + "\n");
        folders.awaitProcessed("ten.jsonl");

        List<String> images = folders.files(folders.outbox()).stream().filter(n -> n.endsWith(".png")).toList();
        assertThat(images).hasSize(10);
        for (int i = 1; i <= 10; i++) {
            JsonNode sidecar = TestFolders.json(folders.outbox().resolve("ten-" + i + "-1.json"));
            assertThat(sidecar.path("provider").asText()).as("job %d", i).isEqualTo("wavespeed");
            assertThat(sidecar.path("failover").path("from").asText()).isEqualTo("replicate");
            assertThat(sidecar.path("failover").path("reason").asText())
                    .startsWith("replicate is unavailable: its circuit breaker is OPEN");
        }
        int atPrimary = STUB.findAll(postRequestedFor(urlEqualTo(REPLICATE_CREATE))).size();
        assertThat(atPrimary).as("creates that reached the failing primary").isBetween(5, 7);
        STUB.verify(10, postRequestedFor(urlEqualTo(WAVESPEED_CREATE)));
        assertThat(folders.files(folders.serverErrors())).isEmpty();

        // health and metrics say so
        CircuitBreaker breaker = context.getRegistry().lookupByNameAndType("replicateCreates", CircuitBreaker.class);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(context.getRegistry().lookupByNameAndType("ideogramProviderBreakerCheck-replicate",
                HealthCheck.class).call().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(context.getRegistry().lookupByNameAndType("ideogramProviderBreakerCheck-wavespeed",
                HealthCheck.class).call().getState()).isEqualTo(HealthCheck.State.UP);
        MeterRegistry meters = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        assertThat(meters.get("ideogram.provider.circuit.state").tag("provider", "replicate").gauge().value())
                .isEqualTo(2.0);

        // a job that names its provider (and does not set failover) does not move: it is refused, unpaid
        folders.drop("pinned.json", "{\"prompt\": \"only replicate\", \"provider\": \"replicate\"}");
        folders.awaitProcessed("pinned.json");
        JsonNode record = errorRecord(folders.serverErrors(), "pinned.json");
        assertThat(record.path("reason").asText()).startsWith("replicate is unavailable")
                .contains("nothing was billed");
        assertThat(record.path("provider").asText()).isEqualTo("replicate");
        STUB.verify(10, postRequestedFor(urlEqualTo(WAVESPEED_CREATE)));
        assertThat(STUB.findAll(postRequestedFor(urlEqualTo(REPLICATE_CREATE)))).hasSize(atPrimary);

        // one that names it and sets failover does move
        folders.drop("willing.json", "{\"prompt\": \"anywhere\", \"provider\": \"replicate\", \"failover\": true}");
        folders.awaitProcessed("willing.json");
        assertThat(TestFolders.json(folders.outbox().resolve("willing-1.json")).path("provider").asText())
                .isEqualTo("wavespeed");
        STUB.verify(11, postRequestedFor(urlEqualTo(WAVESPEED_CREATE)));

        // the primary recovers: after probe-after the breaker lets one create through, and it takes jobs again
        STUB.stubFor(post(REPLICATE_CREATE).willReturn(json(201,
                ReplicateSeeds.prediction("r-back", "succeeded", STUB.url("/files/one.png"), null))));
        await().atMost(Duration.ofSeconds(20)).until(() -> breaker.getState() == CircuitBreaker.State.HALF_OPEN);
        assertThat(context.getRegistry().lookupByNameAndType("ideogramProviderBreakerCheck-replicate",
                HealthCheck.class).call().getState()).isEqualTo(HealthCheck.State.UNKNOWN);
        folders.drop("back.txt", "the primary is back");
        folders.awaitProcessed("back.txt");
        folders.drop("again.txt", "and stays");
        folders.awaitProcessed("again.txt");

        for (String job : List.of("back", "again")) {
            JsonNode sidecar = TestFolders.json(folders.outbox().resolve(job + "-1.json"));
            assertThat(sidecar.path("provider").asText()).isEqualTo("replicate");
            assertThat(sidecar.has("failover")).isFalse();
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        STUB.verify(11, postRequestedFor(urlEqualTo(WAVESPEED_CREATE)));
    }
}
