package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;

import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.flow.JobFailedException;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A request-reply caller learns when its job failed after the prediction, at image level. */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/reply-failure/inbox", "ideogram.outbox=target/it/reply-failure/outbox",
            "ideogram.state=target/it/reply-failure/state",
            "ideogram.done=target/it/reply-failure/done", "ideogram.failed=target/it/reply-failure/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_reply"
        })
class RequestReplyFailureRoutesTest {

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("reply-failure");

    @Produce
    ProducerTemplate template;

    @BeforeEach
    void reset() {
        folders.clean();
        REPLICATE.stubFor(post("/v1/models/ideogram-ai/ideogram-v2-turbo/predictions")
                .willReturn(json(201, prediction("p9", "succeeded", REPLICATE.url("/files/gone.png"), null))));
        REPLICATE.stubFor(get("/files/gone.png").willReturn(aResponse().withStatus(404)));
    }

    @Test
    void anImageThatCannotBeFetchedFailsTheCallersRequest() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("direct:ideogram-generate", "a lost image",
                "IdeogramJobName", "lost", List.class))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(JobFailedException.class)
                .hasMessage("job lost failed: image 1 download answered HTTP 404");
        assertThat(TestFolders.errorRecord(folders.clientErrors(), "lost.json.image-1").path("http_status").asInt())
                .isEqualTo(404);
    }
}
