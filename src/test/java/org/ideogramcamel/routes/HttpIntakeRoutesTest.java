package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.HttpCaller;
import org.ideogramcamel.support.HttpCaller.Answer;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /jobs and GET /jobs/{id} with a real HTTP client against the running app, the real routes and config,
 * and a Replicate stub answering in the seed documents' shapes.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.http.enabled=true", "ideogram.http.port=0",
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/http/inbox", "ideogram.outbox=target/it/http/outbox", "ideogram.state=target/it/http/state",
            "ideogram.done=target/it/http/done", "ideogram.failed=target/it/http/failed",
            "ideogram.max-file-size=4096",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_http_provider_key",
            "ideogram.providers.replicate.prefer-wait=5",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=200ms", "ideogram.poll.deadline=5s",
            "ideogram.retry.max-redeliveries=0"
        })
class HttpIntakeRoutesTest {

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final byte[] PNG = new PlaceholderRenderer().render("http stub image", null, "16:9", 1, 3);

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("http");

    @BeanInject
    CamelContext context;

    HttpCaller http;

    @BeforeEach
    void reset() {
        folders.clean();
        http = new HttpCaller(context);
        REPLICATE.stubFor(get("/files/fox.png").willReturn(aResponse().withBody(PNG)));
    }

    @Test
    void aPostedJobIsAcceptedRunsAndEndsStoredWithItsLocations() {
        // the create takes a moment, so the job is seen running before it is stored
        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("pfox", "succeeded", REPLICATE.url("/files/fox.png"), null)).withFixedDelay(700)));

        Answer accepted = http.postJob("{\"prompt\": \"a red fox\", \"aspect_ratio\": \"16:9\"}",
                "Authorization", "Bearer client-secret", "Cookie", "session=client-cookie",
                "IdeogramProvider", "offline", "X-Client-Trace", "trace-from-client");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("Content-Type")).isEqualTo("application/json");
        String id = accepted.json().path("id").asText();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(accepted.header("Location")).isEqualTo("/jobs/" + id);
        assertThat(accepted.json().path("location").asText()).isEqualTo("/jobs/" + id);
        assertThat(accepted.json().path("state").asText()).isEqualTo("queued");
        assertThat(accepted.json().path("job").asText()).isEqualTo("http-" + id);
        // an HTTP header is not a job field: the body said nothing of the provider, so the default one runs
        assertThat(accepted.json().path("provider").asText()).isEqualTo("replicate");
        // and nothing the client sent is echoed back
        assertThat(accepted.response().headers().map().keySet()).map(String::toLowerCase)
                .doesNotContain("authorization", "cookie", "x-client-trace", "ideogramprovider");

        List<String> states = new ArrayList<>();
        JsonNode done = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Answer status = http.get("/jobs/" + id);
            assertThat(status.status()).isEqualTo(200);
            states.add(status.json().path("state").asText());
            return status.json();
        }, status -> status.path("state").asText().equals("stored"));
        assertThat(states).contains("running");

        String image = "http-" + id + "-1.png";
        assertThat(done.path("id").asText()).isEqualTo(id);
        assertThat(done.path("provider").asText()).isEqualTo("replicate");
        assertThat(done.path("reason").isNull()).isTrue();
        assertThat(done.path("locations")).hasSize(1);
        assertThat(Path.of(done.path("locations").get(0).asText()).toAbsolutePath().normalize())
                .isEqualTo(folders.outbox().resolve(image).toAbsolutePath().normalize());
        assertThat(TestFolders.bytes(folders.outbox().resolve(image))).isEqualTo(PNG);
        JsonNode sidecar = TestFolders.json(folders.outbox().resolve("http-" + id + "-1.json"));
        assertThat(sidecar.path("prompt").asText()).isEqualTo("a red fox");
        assertThat(sidecar.path("options").path("aspect_ratio").asText()).isEqualTo("16:9");

        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        LoggedRequest create = REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0);
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer r8_http_provider_key");
        // nothing the HTTP client sent travels on to the provider
        for (LoggedRequest request : REPLICATE.findAll(anyRequestedFor(anyUrl()))) {
            assertThat(request.getHeaders().all().toString())
                    .doesNotContain("client-secret", "client-cookie", "trace-from-client", "IdeogramProvider");
        }
    }

    @Test
    void malformedJsonIsRefusedWithTheReasonAndNothingIsSent() {
        Answer answer = http.postJob("{\"prompt\": \"a fox\",");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.json().path("error").asText()).startsWith("malformed JSON at line 1");
        assertThat(http.postJob("[{\"prompt\": \"a fox\"}]").json().path("error").asText())
                .isEqualTo("a JSON job must be one job object; found an array (send one job per message)");
        assertThat(http.postJob("").json().path("error").asText()).startsWith("the body is empty");
        assertThatNothingWasSentOrQueued();
    }

    @Test
    void anInvalidJobIsRefusedWithTheValidatorsReasonAndNothingIsSent() {
        Answer ratio = http.postJob("{\"prompt\": \"x\", \"aspect_ratio\": \"7:5\"}");
        Answer unknown = http.postJob("{\"prompt\": \"x\", \"aspect-ratio\": \"16:9\"}");
        Answer refusedByProvider = http.postJob("{\"prompt\": \"x\", \"num_images\": 3}");

        assertThat(ratio.status()).isEqualTo(400);
        assertThat(ratio.json().path("error").asText()).startsWith("aspect_ratio: '7:5' is not allowed");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).contains("aspect-ratio");
        assertThat(refusedByProvider.status()).isEqualTo(400);
        assertThat(refusedByProvider.json().path("error").asText()).contains("replicate: num_images 3 is not supported");
        assertThatNothingWasSentOrQueued();
    }

    @Test
    void bodiesThatAreNotJsonJobsAreRefusedBeforeReadingThem() {
        Answer form = http.send(http.request("/jobs").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("prompt=a+fox")).build());
        Answer oversized = http.postJob("{\"prompt\": \"" + "x".repeat(5000) + "\"}");
        Answer badName = http.postJson("/jobs?name=../../etc", "{\"prompt\": \"x\"}");

        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json().path("error").asText()).contains("Content-Type: application/json");
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.header("Content-Type")).isEqualTo("application/json");
        assertThat(oversized.json().path("error").asText())
                .isEqualTo("the body is over the 4096-byte limit (ideogram.max-file-size)");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().path("error").asText()).startsWith("name '../../etc' is not valid");
        assertThatNothingWasSentOrQueued();
    }

    @Test
    void aNamedJobWritesFilesUnderItsName() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("pnamed", "succeeded", REPLICATE.url("/files/fox.png"), null))));

        Answer accepted = http.postJson("/jobs?name=poster", "{\"prompt\": \"a poster\"}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("job").asText()).isEqualTo("poster");
        String id = accepted.json().path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/jobs/" + id).json().path("state").asText(),
                "stored"::equals);
        assertThat(folders.files(folders.outbox())).containsExactly("poster-1.json", "poster-1.png");
    }

    @Test
    void aJobTheProviderRefusesShowsFailedWithTheDeadLetterReason() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(422, """
                {"title": "Input validation failed", "status": 422,
                 "detail": "- input.prompt: prompt is flagged",
                 "invalid_fields": [{"type": "custom", "field": "input.prompt", "description": "prompt is flagged"}]}""")));

        String id = http.postJob("{\"prompt\": \"something flagged\"}").json().path("id").asText();

        JsonNode failed = await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/jobs/" + id).json(),
                status -> status.path("state").asText().equals("failed"));
        JsonNode record = TestFolders.errorRecord(folders.clientErrors(), "http-" + id + ".json");
        assertThat(record.path("http_status").asInt()).isEqualTo(422);
        assertThat(failed.path("reason").asText()).isEqualTo(record.path("reason").asText()).contains("422");
        assertThat(failed.path("locations")).isEmpty();
        assertThat(failed.path("finished_at").asText()).isNotEmpty();
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void unknownIdsAndWrongMethodsAreRefused() {
        Answer unknown = http.get("/jobs/0b0c5f4e-0000-0000-0000-000000000000");
        Answer wrongMethod = http.send(http.request("/jobs").GET().build());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).isEqualTo("application/json");
        assertThat(unknown.json().path("error").asText()).startsWith("no job '0b0c5f4e-0000-0000-0000-000000000000'");
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    private void assertThatNothingWasSentOrQueued() {
        // held for a while: a refused job wrongly queued would only reach the provider later, through the queue
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(REPLICATE.findAll(anyRequestedFor(anyUrl()))).isEmpty();
            // refused over HTTP: the caller has the reason, so no dead-letter record and nothing in the outbox
            assertThat(folders.files(folders.clientErrors())).isEmpty();
            assertThat(folders.files(folders.outbox())).isEmpty();
        });
    }
}
