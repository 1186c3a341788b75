package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.status.MemoryJobBoard;
import org.ideogramcamel.support.HttpCaller;
import org.ideogramcamel.support.HttpCaller.Answer;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /jobs when the queue of HTTP jobs is full: the caller hears 503 with the reason, the refused job leaves no
 * trace on the status board and never reaches the provider, and the jobs queued before it still run. The queue is
 * Camel's seda queue; its capacity is Camel's own {@code camel.component.seda.queue-size} (1 000 by default), two
 * here, and the short poll timeout makes the worker route's suspension take effect at once.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.http.enabled=true", "ideogram.http.port=0",
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/http-full/inbox", "ideogram.outbox=target/it/http-full/outbox",
            "ideogram.state=target/it/http-full/state",
            "ideogram.done=target/it/http-full/done", "ideogram.failed=target/it/http-full/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_http_full_key",
            "ideogram.providers.replicate.prefer-wait=5",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=200ms", "ideogram.poll.deadline=5s",
            "ideogram.retry.max-redeliveries=0",
            "camel.component.seda.queue-size=2", "camel.component.seda.default-poll-timeout=50"
        })
class HttpQueueFullRoutesTest {

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final String WORKERS = "intake-http-jobs";
    static final byte[] PNG = new PlaceholderRenderer().render("queued stub image", null, "1:1", 1, 3);

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("http-full");

    @BeanInject
    CamelContext context;

    @BeanInject("jobBoard")
    MemoryJobBoard board;

    HttpCaller http;

    @BeforeEach
    void reset() {
        folders.clean();
        http = new HttpCaller(context);
        REPLICATE.stubFor(get("/files/queued.png").willReturn(aResponse().withBody(PNG)));
        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("pqueued", "succeeded", REPLICATE.url("/files/queued.png"), null))));
    }

    @AfterEach
    void workersBack() throws Exception {
        // a failed assertion must not leave the queued jobs behind a suspended route (the context would wait)
        if (context.getRouteController().getRouteStatus(WORKERS).isSuspended()) {
            context.getRouteController().resumeRoute(WORKERS);
        }
    }

    @Test
    void aJobPostedToAFullQueueIsRefusedWith503AndLeavesNoTrace() throws Exception {
        // the workers take nothing for now, so whatever is accepted stays in the queue
        context.getRouteController().suspendRoute(WORKERS);
        // a worker already inside its poll (50 ms here) could still take one job; let that moment pass
        Thread.sleep(300);

        Answer first = http.postJob("{\"prompt\": \"first in the queue\"}");
        Answer second = http.postJob("{\"prompt\": \"second in the queue\"}");
        Answer refused = http.postJob("{\"prompt\": \"one too many\"}");

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Content-Type")).isEqualTo("application/json");
        assertThat(refused.json().path("error").asText()).isEqualTo("too many jobs are waiting; try again later");
        assertThat(refused.json().has("id")).isFalse();
        // the refused job has no id to ask about, and the board holds only the two accepted jobs, still queued
        String firstId = first.json().path("id").asText();
        String secondId = second.json().path("id").asText();
        assertThat(board.size()).isEqualTo(2);
        assertThat(http.get("/jobs/" + firstId).json().path("state").asText()).isEqualTo("queued");
        assertThat(http.get("/jobs/" + secondId).json().path("state").asText()).isEqualTo("queued");

        context.getRouteController().resumeRoute(WORKERS);

        for (String id : new String[] {firstId, secondId}) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> http.get("/jobs/" + id).json().path("state").asText(), "stored"::equals);
        }
        assertThat(folders.files(folders.outbox())).containsExactlyInAnyOrder(
                "http-" + firstId + "-1.png", "http-" + firstId + "-1.json",
                "http-" + secondId + "-1.png", "http-" + secondId + "-1.json");
        assertThat(TestFolders.bytes(folders.outbox().resolve("http-" + firstId + "-1.png"))).isEqualTo(PNG);
        // held for a while: the refused job, had it been queued after all, would reach the provider only now
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            REPLICATE.verify(2, postRequestedFor(urlEqualTo(CREATE)));
            REPLICATE.verify(0, postRequestedFor(urlEqualTo(CREATE)).withRequestBody(containing("one too many")));
            assertThat(board.size()).isEqualTo(2);
            // the refused job was counted out again: nothing is left in flight once the two have ended
            assertThat(inFlight()).isEqualTo(0.0);
        });
    }

    private double inFlight() {
        return context.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class)
                .get("ideogram.predictions.in.flight").gauge().value();
    }
}
