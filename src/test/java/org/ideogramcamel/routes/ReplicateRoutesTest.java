package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.support.TestFolders.errorRecord;
import static org.ideogramcamel.support.StubProvider.json;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.ReplicateSeeds.problem;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.ReplicateSeeds;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real routes in {@code routes/} and the real {@code config/}, against a Replicate stub on 127.0.0.1 that
 * answers in the seed documents' shapes. Each test drops a prompt file and asserts what a user sees (files,
 * bytes, sidecars, dead-letter records) and what the provider received.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/replicate/inbox", "ideogram.outbox=target/it/replicate/outbox",
            "ideogram.state=target/it/replicate/state",
            "ideogram.done=target/it/replicate/done", "ideogram.failed=target/it/replicate/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_TEST_token_42",
            "ideogram.providers.replicate.prefer-wait=5",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=200ms", "ideogram.poll.deadline=5s",
            "ideogram.retry.max-redeliveries=2", "ideogram.retry.initial-delay=50", "ideogram.retry.max-delay=400"
        })
class ReplicateRoutesTest {

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final String ID = "2jycc2v9nnrmc0crap5tv5zaxr";
    static final byte[] PNG = new PlaceholderRenderer().render("stub image", null, "1:1", 1, 7);
    static final byte[] PNG2 = new PlaceholderRenderer().render("stub image two", null, "16:9", 2, 8);

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("replicate");

    @BeforeEach
    void reset() {
        folders.clean();
        REPLICATE.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
        REPLICATE.stubFor(get("/files/two.png").willReturn(aResponse().withBody(PNG2)));
    }

    static String image(String name) {
        return REPLICATE.url("/files/" + name);
    }

    @Test
    void successInsidePreferWaitStoresImageAndSidecar() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction(ID, "succeeded", image("one.png"), null))));

        folders.drop("lighthouse.json", """
                {"prompt": "A lighthouse at dusk", "aspect_ratio": "16:9", "style": "render_3d",
                 "magic_prompt": "off", "negative_prompt": "people", "seed": 1234}""");
        folders.awaitProcessed("lighthouse.json");

        assertThat(folders.files(folders.outbox())).containsExactly("lighthouse-1.json", "lighthouse-1.png");
        assertThat(TestFolders.bytes(folders.outbox().resolve("lighthouse-1.png"))).isEqualTo(PNG);
        JsonNode sidecar = TestFolders.json(folders.outbox().resolve("lighthouse-1.json"));
        assertThat(sidecar.path("prompt").asText()).isEqualTo("A lighthouse at dusk");
        assertThat(sidecar.path("provider").asText()).isEqualTo("replicate");
        assertThat(sidecar.path("model").asText()).isEqualTo("ideogram-ai/ideogram-v2-turbo");
        assertThat(sidecar.path("prediction_id").asText()).isEqualTo(ID);
        assertThat(sidecar.path("seed").asLong()).isEqualTo(1234);
        assertThat(sidecar.path("source_file").asText()).isEqualTo("lighthouse.json");
        assertThat(sidecar.path("options").path("style").asText()).isEqualTo("render_3d");
        assertThat(sidecar.path("sha256").asText()).hasSize(64);
        assertThat(sidecar.toString()).doesNotContain("r8_TEST_token_42").doesNotContain("/files/one.png");
        assertThat(folders.files(folders.done())).containsExactly("lighthouse.json");

        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE))
                .withHeader("Authorization", equalTo("Bearer r8_TEST_token_42"))
                .withHeader("Prefer", equalTo("wait=5"))
                // ideogram.poll.deadline (5s) from the answer, which Prefer: wait may hold back 5 s
                .withHeader("Cancel-After", equalTo("10s"))
                .withRequestBody(equalToJson("""
                        {"input": {"prompt": "A lighthouse at dusk", "aspect_ratio": "16:9",
                          "style_type": "Render 3D", "magic_prompt_option": "Off", "resolution": "None",
                          "negative_prompt": "people", "seed": 1234}}""")));
        REPLICATE.verify(0, getRequestedFor(urlEqualTo("/v1/predictions/" + ID)));
        LoggedRequest create = REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0);
        assertThat(create.getHeaders().keys()).noneMatch(h -> h.startsWith("Camel") || h.equals("breadcrumbId"));
        LoggedRequest download = REPLICATE.findAll(getRequestedFor(urlEqualTo("/files/one.png"))).get(0);
        assertThat(download.containsHeader("Authorization")).isFalse();
    }

    @Test
    void plainTextUsesReplicateDefaultsInItsOwnWords() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction(ID, "succeeded", image("one.png"), null))));

        folders.drop("fox.txt", "  a red fox in the snow \n");
        folders.awaitProcessed("fox.txt");

        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)).withRequestBody(equalToJson("""
                {"input": {"prompt": "a red fox in the snow", "resolution": "None", "style_type": "None",
                  "aspect_ratio": "1:1", "magic_prompt_option": "Auto"}}""")));
        assertThat(folders.files(folders.outbox())).containsExactly("fox-1.json", "fox-1.png");
    }

    @Test
    void successAfterSeveralPollsRebuildsPollUrlFromBase() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction(ID, "starting", null, null))));
        String poll = "/v1/predictions/" + ID;
        REPLICATE.stubFor(get(poll).inScenario("polls").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, prediction(ID, "processing", null, null))).willSetStateTo("second"));
        REPLICATE.stubFor(get(poll).inScenario("polls").whenScenarioStateIs("second")
                .willReturn(json(200, prediction(ID, "processing", null, null))).willSetStateTo("done"));
        REPLICATE.stubFor(get(poll).inScenario("polls").whenScenarioStateIs("done")
                .willReturn(json(200, prediction(ID, "succeeded", image("one.png"), null))));

        folders.drop("robot.yaml", "prompt: a friendly robot\nstyle: anime\n");
        folders.awaitProcessed("robot.yaml");

        assertThat(folders.files(folders.outbox())).containsExactly("robot-1.json", "robot-1.png");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        REPLICATE.verify(3, getRequestedFor(urlEqualTo(poll))
                .withHeader("Authorization", equalTo("Bearer r8_TEST_token_42")));
        assertThat(folders.files(folders.done())).containsExactly("robot.yaml");
    }

    @Test
    void outputListBecomesOneFilePerImage() {
        REPLICATE.stubFor(post(CREATE).willReturn(
                json(201, prediction(ID, "succeeded", List.of(image("one.png"), image("two.png")), null))));

        folders.drop("pair.json", "{\"prompt\": \"two of a kind\"}");
        folders.awaitProcessed("pair.json");

        assertThat(folders.files(folders.outbox()))
                .containsExactly("pair-1.json", "pair-1.png", "pair-2.json", "pair-2.png");
        assertThat(TestFolders.bytes(folders.outbox().resolve("pair-2.png"))).isEqualTo(PNG2);
        assertThat(TestFolders.json(folders.outbox().resolve("pair-2.json")).path("image").asInt()).isEqualTo(2);
    }

    @Test
    void jsonlLinesSucceedOrFailOnTheirOwn() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction(ID, "succeeded", image("one.png"), null))));

        folders.drop("batch.jsonl", """
                {"prompt": "first"}
                {"prompt": "second", "seed": -1}

                {"prompt": "third", "aspect_ratio": "3:2"}
                """);
        folders.awaitProcessed("batch.jsonl");

        assertThat(folders.files(folders.outbox())).containsExactly(
                "batch-1-1.json", "batch-1-1.png", "batch-4-1.json", "batch-4-1.png");
        assertThat(folders.files(folders.clientErrors())).containsExactly("batch-2.jsonl", "batch-2.jsonl.error.json");
        JsonNode record = errorRecord(folders.clientErrors(), "batch-2.jsonl");
        assertThat(record.path("reason").asText()).startsWith("seed: -1 is not allowed");
        assertThat(record.path("source_line").asInt()).isEqualTo(2);
        assertThat(TestFolders.bytes(folders.clientErrors().resolve("batch-2.jsonl")))
                .asString().isEqualTo("{\"prompt\": \"second\", \"seed\": -1}");
        REPLICATE.verify(2, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.done())).containsExactly("batch.jsonl");
    }

    @Test
    void unauthorizedIsDeadLetteredWithoutRetry() {
        REPLICATE.stubFor(post(CREATE).willReturn(
                json(401, problem(401, "Unauthenticated", "You did not pass a valid authentication token"))));

        folders.drop("secret.json", "{\"prompt\": \"anything\"}");
        folders.awaitProcessed("secret.json");

        assertThat(folders.files(folders.clientErrors())).containsExactly("secret.json", "secret.json.error.json");
        JsonNode record = errorRecord(folders.clientErrors(), "secret.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(401);
        assertThat(record.path("provider").asText()).isEqualTo("replicate");
        assertThat(record.path("provider_message").asText()).isEqualTo("You did not pass a valid authentication token");
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("reason").asText()).contains("ideogram.providers.replicate");
        assertThat(record.toString()).doesNotContain("r8_TEST_token_42");
        assertThat(TestFolders.bytes(folders.clientErrors().resolve("secret.json")))
                .asString().isEqualTo("{\"prompt\": \"anything\"}");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.done())).isEmpty();
        assertThat(folders.files(folders.outbox())).isEmpty();
    }

    @Test
    void validationFailureFromReplicateNamesTheInvalidField() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(422, """
                {"title": "Input validation failed", "status": 422,
                 "detail": "- input.resolution: input.resolution must be one of the following",
                 "invalid_fields": [{"type": "enum", "field": "input.resolution",
                   "description": "input.resolution must be one of the following: \\"None\\", \\"512x1536\\""}]}""")));

        folders.drop("res.json", "{\"prompt\": \"anything\", \"resolution\": \"1024x1024\"}");
        folders.awaitProcessed("res.json");

        JsonNode record = errorRecord(folders.clientErrors(), "res.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(422);
        assertThat(record.path("provider_message").asText()).contains("input.resolution must be one of the following");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        REPLICATE.stubFor(post(CREATE).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "{\"detail\": \"Request was throttled.\", \"status\": 429}")
                        .withHeader("Retry-After", "1"))
                .willSetStateTo("open"));
        REPLICATE.stubFor(post(CREATE).inScenario("429").whenScenarioStateIs("open")
                .willReturn(json(201, prediction(ID, "succeeded", image("one.png"), null))));

        folders.drop("busy.json", "{\"prompt\": \"rush hour\"}");
        folders.awaitProcessed("busy.json");

        assertThat(folders.files(folders.outbox())).containsExactly("busy-1.json", "busy-1.png");
        List<LoggedRequest> creates = REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE)));
        assertThat(creates).hasSize(2);
        long waited = creates.get(1).getLoggedDate().getTime() - creates.get(0).getLoggedDate().getTime();
        assertThat(waited).as("Retry-After: 1 honoured instead of the 50 ms backoff").isGreaterThanOrEqualTo(900);
    }

    @Test
    void retryAfterInTheBodyIsHonoured() {
        REPLICATE.stubFor(post(CREATE).inScenario("429b").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "{\"detail\": \"Request was throttled.\", \"status\": 429, \"retry_after\": 1}"))
                .willSetStateTo("open"));
        REPLICATE.stubFor(post(CREATE).inScenario("429b").whenScenarioStateIs("open")
                .willReturn(json(201, prediction(ID, "succeeded", image("one.png"), null))));

        folders.drop("busy2.json", "{\"prompt\": \"rush hour\"}");
        folders.awaitProcessed("busy2.json");

        List<LoggedRequest> creates = REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE)));
        assertThat(creates).hasSize(2);
        long waited = creates.get(1).getLoggedDate().getTime() - creates.get(0).getLoggedDate().getTime();
        assertThat(waited).isGreaterThanOrEqualTo(900);
        assertThat(folders.files(folders.outbox())).containsExactly("busy2-1.json", "busy2-1.png");
    }

    @Test
    void serverErrorOnEveryTryEndsInServerErrors() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(500, problem(500, "Internal Server Error", "boom"))));

        folders.drop("doomed.json", "{\"prompt\": \"never\"}");
        folders.awaitProcessed("doomed.json");

        assertThat(folders.files(folders.serverErrors())).containsExactly("doomed.json", "doomed.json.error.json");
        JsonNode record = errorRecord(folders.serverErrors(), "doomed.json");
        assertThat(record.path("http_status").asInt()).isEqualTo(500);
        assertThat(record.path("attempts").asInt()).isEqualTo(3);
        assertThat(record.path("provider_message").asText()).isEqualTo("boom");
        REPLICATE.verify(3, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.done())).isEmpty();
    }

    @Test
    void failedPredictionIsAClientErrorWithTheProvidersWords() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction(ID, "starting", null, null))));
        REPLICATE.stubFor(get("/v1/predictions/" + ID).willReturn(
                json(200, prediction(ID, "failed", null, "NSFW content detected. Try a different prompt."))));

        folders.drop("nope.json", "{\"prompt\": \"something\"}");
        folders.awaitProcessed("nope.json");

        JsonNode record = errorRecord(folders.clientErrors(), "nope.json");
        assertThat(record.path("prediction_id").asText()).isEqualTo(ID);
        assertThat(record.path("provider_message").asText()).isEqualTo("NSFW content detected. Try a different prompt.");
        assertThat(record.path("reason").asText()).contains("ended failed");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void imageUrlAnswering404IsDeadLettered() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction(ID, "succeeded", image("gone.png"), null))));
        REPLICATE.stubFor(get("/files/gone.png").willReturn(aResponse().withStatus(404)));

        folders.drop("expired.json", "{\"prompt\": \"too late\"}");
        folders.awaitProcessed("expired.json");

        assertThat(folders.files(folders.clientErrors()))
                .containsExactly("expired.json", "expired.json.image-1.error.json");
        JsonNode record = errorRecord(folders.clientErrors(), "expired.json.image-1");
        assertThat(record.path("http_status").asInt()).isEqualTo(404);
        assertThat(record.path("image").asInt()).isEqualTo(1);
        assertThat(record.path("prediction_id").asText()).isEqualTo(ID);
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        REPLICATE.verify(1, getRequestedFor(urlEqualTo("/files/gone.png")));
        assertThat(folders.files(folders.outbox())).isEmpty();
        assertThat(folders.files(folders.done())).isEmpty();
    }

    @Test
    void optionReplicateCannotHonourIsRefusedBeforeAnyCall() {
        folders.drop("many.json", "{\"prompt\": \"four cats\", \"num_images\": 4}");
        folders.awaitProcessed("many.json");

        JsonNode record = errorRecord(folders.clientErrors(), "many.json");
        assertThat(record.path("reason").asText()).startsWith("replicate: num_images 4 is not supported");
        REPLICATE.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPredictionAbortedByItsCancelAfterDeadlineIsFinalAndSaysItWasNotBilled() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction(ID, "starting", null, null))));
        REPLICATE.stubFor(get("/v1/predictions/" + ID).willReturn(json(200, prediction(ID, "aborted", null, null))));

        folders.drop("late.json", "{\"prompt\": \"never started\"}");
        folders.awaitProcessed("late.json");

        REPLICATE.verify(1, getRequestedFor(urlEqualTo("/v1/predictions/" + ID)));
        REPLICATE.verify(0, postRequestedFor(urlEqualTo("/v1/predictions/" + ID + "/cancel")));
        JsonNode record = errorRecord(folders.clientErrors(), "late.json");
        assertThat(record.path("reason").asText()).contains(ID).contains("aborted").contains("not billed");
    }

    /** The same routes with a deadline short enough to pass while the stub keeps answering "processing". */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.poll.deadline=400ms"})
    class PastTheDeadline {

        @Test
        void predictionIsCancelledAndDeadLettered() {
            REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction(ID, "starting", null, null))));
            REPLICATE.stubFor(get("/v1/predictions/" + ID).willReturn(json(200, prediction(ID, "processing", null, null))));
            REPLICATE.stubFor(post("/v1/predictions/" + ID + "/cancel")
                    .willReturn(json(200, prediction(ID, "canceled", null, null))));

            folders.drop("slow.json", "{\"prompt\": \"patience\"}");
            folders.awaitProcessed("slow.json");

            REPLICATE.verify(1, postRequestedFor(urlEqualTo("/v1/predictions/" + ID + "/cancel"))
                    .withHeader("Authorization", equalTo("Bearer r8_TEST_token_42")));
            REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
            JsonNode record = errorRecord(folders.serverErrors(), "slow.json");
            assertThat(record.path("reason").asText()).contains("still running").contains("ideogram.poll.deadline")
                    .endsWith("a cancel was sent");
            assertThat(record.path("prediction_id").asText()).isEqualTo(ID);
        }
    }

    /** The HTTP client gives up after 1 s, so a slow answer is a lost answer. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "camel.component.http.response-timeout=1000"})
    class WhenAnswersAreLost {

        @Test
        void aCreateThatTimesOutIsNotResentAndIsRecordedAsOutcomeUnknown() {
            REPLICATE.stubFor(post(CREATE).willReturn(
                    json(201, prediction(ID, "succeeded", image("one.png"), null)).withFixedDelay(2500)));

            folders.drop("billed.json", "{\"prompt\": \"maybe billed\"}");
            folders.awaitProcessed("billed.json");

            REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
            // the stub has no list of predictions (as a proxy without it): it cannot tell, so the outcome is unknown
            REPLICATE.verify(1, getRequestedFor(urlPathEqualTo("/v1/predictions")));
            JsonNode record = errorRecord(folders.serverErrors(), "billed.json");
            assertThat(record.path("reason").asText()).startsWith("outcome unknown: the create of job billed")
                    .contains("answered 404 to the list of recent predictions")
                    .contains("ideogram.retry.unknown-outcome");
            assertThat(folders.files(folders.outbox())).isEmpty();
        }

        @Test
        void aCreateWhoseAnswerIsLostInFlightIsFoundAmongTheRecentPredictionsAndNotSentAgain() {
            REPLICATE.stubFor(post(CREATE).willReturn(
                    json(201, prediction(ID, "starting", null, null)).withFixedDelay(2500)));
            REPLICATE.stubFor(get(urlPathEqualTo("/v1/predictions")).willReturn(json(200, ReplicateSeeds.page(null,
                    ReplicateSeeds.listed(ID, "processing", "found again", java.time.Instant.now().toString())))));
            REPLICATE.stubFor(get("/v1/predictions/" + ID).willReturn(json(200,
                    prediction(ID, "succeeded", image("one.png"), null))));

            folders.drop("found.json", "{\"prompt\": \"found again\"}");
            folders.awaitProcessed("found.json");

            REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
            assertThat(folders.files(folders.outbox())).containsExactly("found-1.json", "found-1.png");
            assertThat(TestFolders.json(folders.outbox().resolve("found-1.json")).path("prediction_id").asText())
                    .isEqualTo(ID);
            assertThat(folders.files(folders.serverErrors())).isEmpty();
        }

        @Test
        void aPollThatTimesOutIsSimplyRetried() {
            REPLICATE.stubFor(post(CREATE).willReturn(json(201, prediction(ID, "starting", null, null))));
            String poll = "/v1/predictions/" + ID;
            REPLICATE.stubFor(get(poll).inScenario("slow poll").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(json(200, prediction(ID, "processing", null, null)).withFixedDelay(2500))
                    .willSetStateTo("fast"));
            REPLICATE.stubFor(get(poll).inScenario("slow poll").whenScenarioStateIs("fast")
                    .willReturn(json(200, prediction(ID, "succeeded", image("one.png"), null))));

            folders.drop("patient.json", "{\"prompt\": \"worth the wait\"}");
            folders.awaitProcessed("patient.json");

            assertThat(folders.files(folders.outbox())).containsExactly("patient-1.json", "patient-1.png");
            REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
            REPLICATE.verify(2, getRequestedFor(urlEqualTo(poll)));
        }
    }
}
