package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.IdeogramSeeds.entry;
import static org.ideogramcamel.support.IdeogramSeeds.images;
import static org.ideogramcamel.support.StubProvider.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.IdeogramSeeds;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ideogram.budget.max-images=2 with three one-image jobs against an Ideogram stub: exactly two creates are sent,
 * the third job waits (its prompt file stays in the inbox, nothing is dead-lettered) and the log says why; the
 * sidecars and the state file show what was spent.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=ideogram",
            "ideogram.inbox=target/it/budget/inbox", "ideogram.outbox=target/it/budget/outbox",
            "ideogram.done=target/it/budget/done", "ideogram.failed=target/it/budget/failed",
            "ideogram.state=target/it/budget/state", "ideogram.quarantine=target/it/budget/quarantine",
            "ideogram.providers.ideogram.base-url=" + StubProvider.BASE_URL_PLACEHOLDER,
            "ideogram.providers.ideogram.api-key=ideo_budget_key",
            "ideogram.providers.ideogram.price-per-image=0.08",
            "ideogram.budget.max-images=2",
            "ideogram.budget.recheck-interval=100ms",
            // the waiting job is still in flight when the test ends
            "camel.main.shutdown-timeout=1"
        })
class BudgetRoutesTest {

    static final Path LOG = Path.of("target/test-logs/app.log");
    static final byte[] PNG = new PlaceholderRenderer().render("budget", null, "1:1", 1, 7);

    @RegisterExtension
    static final StubProvider IDEOGRAM = new StubProvider();
    final TestFolders folders = new TestFolders("budget");
    long logStart;

    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
        IDEOGRAM.stubFor(post("/generate").willReturn(json(200, images(
                entry(IDEOGRAM.url("/api/images/direct/one"), "1024x1024", true, 5)))));
        IDEOGRAM.stubFor(get("/api/images/direct/one").willReturn(aResponse().withBody(PNG)));
    }

    @Test
    void theThirdJobWaitsQueuedWithoutACreateWhenMaxImagesIsReached() throws IOException, InterruptedException {
        folders.drop("one.txt", "first lighthouse");
        folders.drop("two.txt", "second lighthouse");
        folders.drop("three.txt", "third lighthouse");

        await().atMost(Duration.ofSeconds(20)).until(() -> folders.files(folders.done()).size() == 2);
        Thread.sleep(1500); // several rechecks (every 100 ms) later, the third job is still waiting

        IDEOGRAM.verify(2, postRequestedFor(urlEqualTo("/generate")));
        List<String> waiting = folders.files(folders.inbox()).stream().filter(f -> !f.endsWith(".camelLock")).toList();
        assertThat(waiting).as("the waiting job's prompt file stays in the inbox").hasSize(1);
        assertThat(folders.files(folders.clientErrors())).isEmpty();
        assertThat(folders.files(folders.serverErrors())).isEmpty();
        assertThat(folders.files(folders.outbox())).hasSize(4);

        String waitingJob = waiting.get(0).replace(".txt", "");
        assertThat(logSinceStart())
                .contains("budget: job " + waitingJob + " waits: max-images 2 reached today (2 images, spent 0.16")
                .contains("budget: max-images 2 reached today (2 images, spent 0.16); 1 job waiting until 00:00 UTC");

        String stored = folders.files(folders.done()).get(0).replace(".txt", "");
        JsonNode spend = TestFolders.json(folders.outbox().resolve(stored + "-1.json")).path("spend");
        assertThat(spend.path("price_per_image").decimalValue()).isEqualByComparingTo("0.08");
        assertThat(spend.path("job_cost").decimalValue()).isEqualByComparingTo("0.08");
        assertThat(spend.path("max_images").asInt()).isEqualTo(2);
        assertThat(spend.path("currency_note").asText()).contains("ideogram.providers.ideogram.price-per-image");

        Path day = Path.of("target/it/budget/state/budget", LocalDate.now(ZoneOffset.UTC) + ".json");
        JsonNode persisted = TestFolders.json(day);
        assertThat(persisted.path("images").asInt()).isEqualTo(2);
        assertThat(persisted.path("spent").decimalValue()).isEqualByComparingTo("0.16");
    }

    @Test
    void aCreateTheProviderRefusedGivesItsReservationBack() throws IOException {
        IDEOGRAM.stubFor(post("/generate").withRequestBody(containing("rejected")).willReturn(json(422,
                IdeogramSeeds.proxyError("invalid_request", "prompt rejected"))));

        folders.drop("rejected.txt", "a rejected lighthouse");
        folders.awaitProcessed("rejected.txt");

        assertThat(folders.files(folders.clientErrors())).contains("rejected.txt.error.json");
        JsonNode persisted = TestFolders.json(todaysFile());
        assertThat(persisted.path("images").asInt()).as("released").isZero();
        assertThat(persisted.path("spent").decimalValue()).isEqualByComparingTo("0");
        assertThat(logSinceStart()).contains("budget: job rejected was not billed (its create was refused); released 0.08");
    }

    /**
     * One thread and one in-flight slot in all: a job waiting for the budget holds neither, so a free job (the
     * offline provider has no price) dropped after it is still served.
     */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.max-in-flight=1", "ideogram.budget.max-images=",
        "ideogram.budget.max-spend=0.10"})
    class AWaitingJobHoldsNoThreadAndNoSlot {

        @Test
        void aFreeJobOvertakesAJobWaitingForTheBudget() {
            folders.drop("paid.txt", "first lighthouse");
            folders.awaitProcessed("paid.txt");
            folders.drop("over.txt", "second lighthouse");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    return logSinceStart().contains("budget: job over waits: max-spend 0.10 reached today");
                } catch (IOException e) {
                    return false;
                }
            });
            folders.drop("free.json", "{\"prompt\": \"a free placeholder\", \"provider\": \"offline\"}");
            folders.awaitProcessed("free.json");

            assertThat(folders.files(folders.done())).containsExactly("free.json", "paid.txt");
            assertThat(folders.files(folders.inbox())).contains("over.txt");
            IDEOGRAM.verify(1, postRequestedFor(urlEqualTo("/generate")));
        }
    }

    private static Path todaysFile() {
        return Path.of("target/it/budget/state/budget", LocalDate.now(ZoneOffset.UTC) + ".json");
    }

    private String logSinceStart() throws IOException {
        byte[] log = Files.readAllBytes(LOG);
        return new String(log, (int) logStart, (int) (log.length - logStart), StandardCharsets.UTF_8);
    }
}
