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

import java.nio.file.Files;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.HttpCaller;
import org.ideogramcamel.support.HttpCaller.Answer;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's tools in the running app (issue 17): {@code POST /jobs?dry_run=true} describes the create and its
 * cost and sends nothing; {@code POST /jobs/{id}/retry} puts a failed job back; the inbox leaves a dead-letter
 * record alone instead of failing it.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            // stubs in the v1/v2 shapes: the shipped default is Ideogram 3
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM,
            "ideogram.http.enabled=true", "ideogram.http.port=0",
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/operator/inbox", "ideogram.outbox=target/it/operator/outbox",
            "ideogram.state=target/it/operator/state", "ideogram.done=target/it/operator/done",
            "ideogram.failed=target/it/operator/failed", "ideogram.quarantine=target/it/operator/quarantine",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_operator_canary_key",
            "ideogram.providers.replicate.prefer-wait=5",
            "ideogram.providers.replicate.price-per-image=0.05",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=200ms", "ideogram.poll.deadline=5s",
            "ideogram.retry.max-redeliveries=0", "ideogram.dedupe=false"
        })
class OperatorToolsRoutesTest {

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final byte[] PNG = new PlaceholderRenderer().render("operator stub image", null, "1:1", 1, 3);

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("operator");

    @BeanInject
    CamelContext context;

    HttpCaller http;

    @BeforeEach
    void reset() {
        folders.clean();
        REPLICATE.resetAll();
        http = new HttpCaller(context);
        REPLICATE.stubFor(get("/files/fox.png").willReturn(aResponse().withBody(PNG)));
    }

    @Test
    void aDryRunAnswersTheRequestItWouldSendAndItsCostAndSendsNothing() {
        Answer answer = http.postJson("/jobs?dry_run=true", "{\"prompt\": \"a red fox\", \"aspect_ratio\": \"16:9\"}");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("dry_run").asBoolean()).isTrue();
        assertThat(body.path("sent").asBoolean()).isFalse();
        assertThat(body.path("provider").asText()).isEqualTo("replicate");
        JsonNode request = body.path("request");
        assertThat(request.path("method").asText()).isEqualTo("POST");
        assertThat(request.path("url").asText()).isEqualTo(REPLICATE.url(CREATE));
        assertThat(request.path("headers").path("Authorization").asText()).isEqualTo("Bearer ****");
        assertThat(request.path("body").path("input").path("prompt").asText()).isEqualTo("a red fox");
        assertThat(request.path("body").path("input").path("aspect_ratio").asText()).isEqualTo("16:9");
        assertThat(body.path("estimated_cost").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(answer.response().body()).doesNotContain("r8_operator_canary_key");

        // a job the provider would refuse is refused the same way, and neither reached the provider
        Answer refused = http.postJson("/jobs?dry_run=true", "{\"prompt\": \"two foxes\", \"num_images\": 2}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).contains("replicate").contains("num_images");
        REPLICATE.verify(0, anyRequestedFor(anyUrl()));
        assertThat(folders.files(folders.outbox())).isEmpty();
    }

    @Test
    void aFailedHttpJobIsPutBackOnItsProviderByPostRetry() throws Exception {
        REPLICATE.stubFor(post(CREATE).willReturn(json(503, "{\"detail\": \"busy\"}")));
        Answer accepted = http.postJob("{\"prompt\": \"a red fox\"}");
        String id = accepted.json().path("id").asText();
        String job = "http-" + id;
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(folders.serverErrors()
                .resolve(job + ".json.error.json")));
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/jobs/" + id).json().path("state").asText()
                .equals("failed"));

        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("pfox", "succeeded", REPLICATE.url("/files/fox.png"), null))));
        Answer retried = http.post("/jobs/" + id + "/retry");

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.json().path("job").asText()).isEqualTo(job);
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(folders.outbox().resolve(job + "-1.png")));
        REPLICATE.verify(2, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(TestFolders.json(folders.outbox().resolve(job + "-1.json")).path("provider").asText())
                .isEqualTo("replicate");
        assertThat(folders.files(folders.serverErrors())).containsExactly("retried");

        // retried already: its record is no longer in the channel
        Answer again = http.post("/jobs/" + id + "/retry");
        assertThat(again.status()).isEqualTo(404);
    }

    @Test
    void aDeadLetterRecordDroppedInTheInboxIsLeftAloneNotFailed() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("pfox", "succeeded", REPLICATE.url("/files/fox.png"), null))));
        folders.drop("fox.txt.error.json", "{\"channel\": \"server-errors\", \"reason\": \"it failed\"}");
        folders.drop("fox.txt", "a red fox");
        folders.awaitProcessed("fox.txt");

        // several polls of the inbox later the record is still there, untouched
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> folders.files(folders.inbox()).equals(java.util.List.of("fox.txt.error.json")));
        assertThat(folders.files(folders.outbox())).containsExactly("fox-1.json", "fox-1.png");
        assertThat(folders.files(folders.clientErrors())).isEmpty();
        assertThat(folders.files(folders.serverErrors())).isEmpty();
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    }
}
