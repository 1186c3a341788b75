package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ideogramcamel.support.IdeogramSeeds.entry;
import static org.ideogramcamel.support.IdeogramSeeds.images;
import static org.ideogramcamel.support.StubProvider.json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The daily budget holds for jobs that come through the Kamelets (ideogram.budget.max-images=1 against an Ideogram
 * stub): a job that could never fit is refused before any create, and once the day's image is spent a sink's job
 * waits without a create and without a dead-letter record.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            // stubs in the v1/v2 shapes: the shipped default is Ideogram 3
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM,
            "ideogram.inbox=target/it/kamelet-budget/inbox", "ideogram.outbox=target/it/kamelet-budget/outbox",
            "ideogram.done=target/it/kamelet-budget/done", "ideogram.failed=target/it/kamelet-budget/failed",
            "ideogram.state=target/it/kamelet-budget/state", "ideogram.quarantine=target/it/kamelet-budget/quarantine",
            "ideogram.providers.ideogram.base-url=" + StubProvider.BASE_URL_PLACEHOLDER,
            "ideogram.providers.ideogram.api-key=ideo_budget_key",
            "ideogram.providers.ideogram.price-per-image=0.08",
            "ideogram.budget.max-images=1",
            "ideogram.budget.recheck-interval=100ms",
            // the waiting job is still in flight when the test ends
            "camel.main.shutdown-timeout=1"
        })
class KameletBudgetRoutesTest {

    static final byte[] PNG = new PlaceholderRenderer().render("budget", null, "1:1", 1, 7);

    @RegisterExtension
    static final StubProvider IDEOGRAM = new StubProvider();
    final TestFolders folders = new TestFolders("kamelet-budget");

    @org.apache.camel.Produce
    ProducerTemplate template;

    @BeforeEach
    void reset() {
        folders.clean();
        IDEOGRAM.stubFor(post("/generate").willReturn(json(200, images(
                entry(IDEOGRAM.url("/api/images/direct/one"), "1024x1024", true, 5)))));
        IDEOGRAM.stubFor(get("/api/images/direct/one").willReturn(aResponse().withBody(PNG)));
    }

    @Test
    void aJobBiggerThanTheDaysCapIsRefusedBeforeAnyCreate() {
        assertThatThrownBy(() -> template.requestBody(
                "kamelet:ideogram-image-action?provider=ideogram&numImages=2&jobName=two", "two posters", String.class))
                .isInstanceOf(CamelExecutionException.class)
                .cause().hasMessageStartingWith("budget: the job asks for 2 images but ideogram.budget.max-images allows 1");

        IDEOGRAM.verify(0, postRequestedFor(urlEqualTo("/generate")));
        assertThat(TestFolders.errorRecord(folders.clientErrors(), "two.json").path("reason").asText())
                .startsWith("budget: the job asks for 2 images");
    }

    @Test
    void onceTheDaysImageIsSpentASinksJobWaitsWithoutACreate() throws Exception {
        Path log = Path.of("target/test-logs/app.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        String reply = template.requestBody("kamelet:ideogram-image-action?provider=ideogram&jobName=first",
                "the first poster", String.class);
        assertThat(reply).contains("first-1.png");

        template.sendBody("kamelet:ideogram-image-sink?provider=ideogram&jobName=second", "the second poster");
        Thread.sleep(1500);

        IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/generate")));
        assertThat(folders.files(folders.outbox())).containsExactly("first-1.json", "first-1.png");
        assertThat(folders.files(folders.clientErrors())).isEmpty();
        assertThat(folders.files(folders.serverErrors())).isEmpty();
        byte[] logged = Files.readAllBytes(log);
        assertThat(new String(logged, (int) logStart, (int) (logged.length - logStart),
                StandardCharsets.UTF_8)).as("the sink's job reached the budget and waits")
                .contains("budget: job second waits: max-images 1 reached today");
    }
}
