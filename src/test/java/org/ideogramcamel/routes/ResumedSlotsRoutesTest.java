package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.journal.JournalEntry.State;
import org.ideogramcamel.limit.ProviderGate;
import org.ideogramcamel.support.KilledRun;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A restart during a busy batch, through the real routes against a Replicate stub capped at two predictions in
 * flight: the predictions the journal resumes count against the cap while they run, so new prompt files wait for
 * their slots instead of joining them at the provider.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/resumed-slots/inbox", "ideogram.outbox=target/it/resumed-slots/outbox",
            "ideogram.state=target/it/resumed-slots/state",
            "ideogram.done=target/it/resumed-slots/done", "ideogram.failed=target/it/resumed-slots/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_resumed",
            "ideogram.providers.replicate.prefer-wait=0",
            "ideogram.providers.replicate.max-in-flight=2",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=100ms"
        })
class ResumedSlotsRoutesTest {

    @BeanInject
    ProviderGate gate;

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final String PREDICTIONS = "/v1/predictions/";
    static final byte[] PNG = new PlaceholderRenderer().render("resumed", null, "1:1", 1, 7);
    static final int CAP = 2;
    static final List<String> RESUMED = List.of("p-resumed-1", "p-resumed-2");
    static final int NEW_FILES = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // the context starts before @BeforeEach: a journal left by an earlier run must not be resumed
        TestFolders.delete(Path.of("target/it/resumed-slots"));
    }

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("resumed-slots");

    @BeforeEach
    void stubs() {
        folders.clean();
        stubTheProvider(REPLICATE, NEW_FILES);
    }

    /**
     * Each new prompt gets its own prediction, which answers "processing" once, then "succeeded"; a create of a
     * resumed prompt matches nothing and fails its job. The resumed predictions keep processing until
     * {@link #finishTheResumed}.
     */
    static void stubTheProvider(StubProvider stub, int newPrompts) {
        stub.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
        for (int i = 1; i <= newPrompts; i++) {
            String id = "p-new-" + i;
            stub.stubFor(post(CREATE)
                    .withRequestBody(matchingJsonPath("$.input.prompt", equalTo("new prompt " + i)))
                    .willReturn(json(201, prediction(id, "starting", null, null))));
            stub.stubFor(get(PREDICTIONS + id).inScenario(id).whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(json(200, prediction(id, "processing", null, null))).willSetStateTo("polled"));
            stub.stubFor(get(PREDICTIONS + id).inScenario(id).whenScenarioStateIs("polled")
                    .willReturn(json(200, prediction(id, "succeeded", stub.url("/files/one.png"), null))));
        }
        for (String id : RESUMED) {
            stub.stubFor(get(PREDICTIONS + id).atPriority(5)
                    .willReturn(json(200, prediction(id, "processing", null, null))));
        }
    }

    @Test
    void predictionsResumedAfterARestartCountAgainstTheProvidersCap() throws Exception {
        // a run killed with two predictions created (the cap) and their prompt files gone: the start-up resume
        // (500 ms after start) polls them again
        for (int i = 1; i <= RESUMED.size(); i++) {
            createdBeforeTheKill("resumed" + i + ".txt", "resumed prompt " + i, RESUMED.get(i - 1));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> RESUMED.stream().allMatch(id ->
                !REPLICATE.findAll(getRequestedFor(urlEqualTo(PREDICTIONS + id))).isEmpty()));

        // new work arrives while both resumed predictions still run at the provider
        for (int i = 1; i <= NEW_FILES; i++) {
            folders.drop("new" + i + ".txt", "new prompt " + i);
        }
        finishTheResumedOnceTheNewJobsWait(REPLICATE, gate, NEW_FILES);

        List<String> images = new ArrayList<>(List.of("resumed1-1.png", "resumed2-1.png"));
        for (int i = 1; i <= NEW_FILES; i++) {
            images.add("new" + i + "-1.png");
        }
        assertTheCapHeldAndEveryImageLanded(REPLICATE, folders, images, NEW_FILES);
    }

    /**
     * Once every new job waits for a slot (the cap is taken by the resumed predictions), the resumed predictions
     * are let finish.
     */
    static void finishTheResumedOnceTheNewJobsWait(StubProvider stub, ProviderGate gate, int newJobs) {
        await("every new job waiting for a slot behind the resumed predictions").atMost(Duration.ofSeconds(10))
                .until(() -> gate.waiting("replicate") == newJobs);
        for (String id : RESUMED) {
            stub.stubFor(get(PREDICTIONS + id).atPriority(1)
                    .willReturn(json(200, prediction(id, "succeeded", stub.url("/files/one.png"), null))));
        }
    }

    /** Never more than the cap at the provider, no resumed prediction created again, every job's image stored. */
    static void assertTheCapHeldAndEveryImageLanded(StubProvider stub, TestFolders folders, List<String> images,
            int newJobs) throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(folders.files(folders.outbox())).filteredOn(n -> n.endsWith(".png"))
                        .containsExactlyInAnyOrderElementsOf(images));

        assertThat(peakRunningAt(stub)).as("predictions running at the provider at once (cap %d)", CAP)
                .isEqualTo(CAP);
        stub.verify(newJobs, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(stub.findAll(postRequestedFor(urlEqualTo(CREATE))))
                .as("no resumed prediction is created again")
                .noneMatch(create -> create.getBodyAsString().contains("resumed prompt"));
        assertThat(folders.files(folders.clientErrors())).isEmpty();
        assertThat(folders.files(folders.serverErrors())).isEmpty();
    }

    /** One provider slot: what a resumed prediction holds is free again as soon as it is answered final. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.providers.replicate.max-in-flight=1"})
    class WithOneSlot {

        @Test
        void aResumedPredictionAnsweredFinalGivesItsSlotBackBeforeItsImagesAreDownloaded() {
            REPLICATE.stubFor(get(PREDICTIONS + "p-done").willReturn(json(200,
                    prediction("p-done", "succeeded", REPLICATE.url("/files/slow.png"), null))));
            REPLICATE.stubFor(get("/files/slow.png").willReturn(aResponse().withBody(PNG).withFixedDelay(3000)));
            createdBeforeTheKill("done.txt", "finished while we were down", "p-done");
            // its first poll answered final: it is downloading its image now
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !REPLICATE.findAll(getRequestedFor(urlEqualTo("/files/slow.png"))).isEmpty());

            folders.drop("new1.txt", "new prompt 1");

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE))).isEmpty());
            assertThat(folders.files(folders.outbox())).as("the create did not wait for the resumed job to end")
                    .doesNotContain("done-1.png");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(folders.files(folders.outbox())).contains("done-1.png", "new1-1.png"));
        }
    }

    /**
     * What a run killed after the provider answered the create of {@code file} leaves in the journal, the file
     * itself gone: the start-up resume (500 ms after start) takes the prediction up from the journal alone.
     */
    static void createdBeforeTheKill(String file, String prompt, String predictionId) {
        KilledRun.left(Path.of("target/it/resumed-slots/state"), State.CREATED, "replicate",
                KilledRun.keyOf(file, prompt), file, prompt, predictionId);
    }

    /** One prediction more (its create) or fewer (its first final poll) running at the provider. */
    record Change(long at, int delta) {
    }

    /**
     * The most predictions the provider ran at once, from its own request log: the resumed ones run from the start,
     * a created one from its create until the first poll that answered it final.
     */
    static int peakRunningAt(StubProvider stub) throws Exception {
        int running = RESUMED.size();
        int peak = running;
        for (Change change : changes(stub)) {
            running += change.delta();
            peak = Math.max(peak, running);
        }
        assertThat(running).as("predictions created and never answered final").isZero();
        return peak;
    }

    /** The creates and first final polls the provider answered, in the order they arrived. */
    private static List<Change> changes(StubProvider stub) throws Exception {
        List<Change> changes = new ArrayList<>();
        Set<String> ended = new HashSet<>();
        List<ServeEvent> log = new ArrayList<>(stub.getAllServeEvents());
        log.sort(Comparator.comparing(event -> event.getRequest().getLoggedDate()));
        for (ServeEvent event : log) {
            String url = event.getRequest().getUrl();
            if (event.getResponse().getStatus() / 100 != 2 || url.startsWith("/files/")) {
                continue;
            }
            long at = event.getRequest().getLoggedDate().getTime();
            JsonNode answer = JSON.readTree(event.getResponse().getBodyAsString());
            if (url.equals(CREATE)) {
                changes.add(new Change(at, +1));
            } else if (url.startsWith(PREDICTIONS) && answer.path("status").asText().equals("succeeded")
                    && ended.add(answer.path("id").asText())) {
                changes.add(new Change(at, -1));
            }
        }
        // a slot freed and taken again in the same millisecond: the final poll came first
        changes.sort(Comparator.comparingLong(Change::at).thenComparingInt(Change::delta));
        return changes;
    }
}
