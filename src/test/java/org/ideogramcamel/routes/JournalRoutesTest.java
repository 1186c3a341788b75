package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.ideogramcamel.support.ReplicateSeeds.listed;
import static org.ideogramcamel.support.ReplicateSeeds.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;
import static org.ideogramcamel.support.TestFolders.errorRecord;

import java.time.Duration;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.journal.FolderJournal;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.journal.JournalEntry.State;
import org.ideogramcamel.support.KilledRun;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the journal decides when a prompt file arrives, through the real routes against a Replicate stub: the same
 * file dropped twice is paid once; changed content runs again; a job whose create was answered before a restart
 * is polled, not created again; a create that was never answered is not resent.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/journal/inbox", "ideogram.outbox=target/it/journal/outbox",
            "ideogram.state=target/it/journal/state",
            "ideogram.done=target/it/journal/done", "ideogram.failed=target/it/journal/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_journal",
            "ideogram.providers.replicate.prefer-wait=0",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=100ms",
            "ideogram.retry.max-redeliveries=1", "ideogram.retry.initial-delay=50"
        })
class JournalRoutesTest {

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final byte[] PNG = new PlaceholderRenderer().render("journal", null, "1:1", 1, 5);

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("journal");

    @BeanInject
    CamelContext context;

    @BeforeEach
    void reset() {
        folders.clean();
        REPLICATE.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("p-new", "succeeded", REPLICATE.url("/files/one.png"), null))));
    }

    @Test
    void theSameFileDroppedTwiceIsPaidOnceAndChangedContentRunsAgain() {
        folders.drop("fox.txt", "a red fox");
        folders.awaitProcessed("fox.txt");
        folders.drop("fox.txt", "a red fox");
        folders.awaitProcessed("fox.txt");

        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.outbox())).containsExactly("fox-1.json", "fox-1.png");
        assertThat(folders.files(folders.done())).containsExactly("fox.txt");
        assertThat(folders.files(folders.clientErrors())).isEmpty();
        // the duplicate ended without a call, and it ended: nothing is left counted as in flight
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class)
                        .get("ideogram.predictions.in.flight").gauge().value()).isZero());

        folders.drop("fox.txt", "a red fox, again");
        folders.awaitProcessed("fox.txt");

        REPLICATE.verify(2, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.outbox()))
                .containsExactly("fox-1-2.json", "fox-1-2.png", "fox-1.json", "fox-1.png");
    }

    @Test
    void theJobIsJournaledBeforeItsCreateIsAnswered() {
        // the create hangs for 1.5 s: while it is in flight the journal must already hold the job as "sending"
        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("p-slow", "succeeded", REPLICATE.url("/files/one.png"), null)).withFixedDelay(1500)));
        FolderJournal journal = new FolderJournal(Path.of("target/it/journal/state/journal"));

        folders.drop("slow.txt", "a slow fox");

        // WireMock records a request when it arrives, before the delay: from then on the create is unanswered
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE))).size() == 1);
        assertThat(journal.entries()).as("the journal while the create is in flight").singleElement()
                .extracting(JournalEntry::state).isEqualTo(JournalEntry.State.SENDING);
        folders.awaitProcessed("slow.txt");
        assertThat(journal.entries()).singleElement().extracting(JournalEntry::state)
                .isEqualTo(JournalEntry.State.STORED);
    }

    @Test
    void aJsonlFileDroppedAgainRunsOnlyItsChangedLines() {
        folders.drop("batch.jsonl", "{\"prompt\": \"one\"}\n{\"prompt\": \"two\"}\n");
        folders.awaitProcessed("batch.jsonl");
        folders.drop("batch.jsonl", "{\"prompt\": \"one\"}\n{\"prompt\": \"two, redone\"}\n");
        folders.awaitProcessed("batch.jsonl");

        REPLICATE.verify(3, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.outbox())).filteredOn(n -> n.endsWith(".png"))
                .containsExactly("batch-1-1.png", "batch-2-1-2.png", "batch-2-1.png");
    }

    @Test
    void aFileWhoseJobFailedRunsAgainWhenDroppedAgain() {
        REPLICATE.stubFor(post(CREATE).willReturn(json(422, "{\"detail\": \"bad input\", \"status\": 422}")));
        folders.drop("retry.txt", "try me");
        folders.awaitProcessed("retry.txt");
        assertThat(folders.files(folders.clientErrors())).contains("retry.txt");

        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction("p-new", "succeeded", REPLICATE.url("/files/one.png"), null))));
        folders.drop("retry.txt", "try me");
        folders.awaitProcessed("retry.txt");

        REPLICATE.verify(2, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(folders.files(folders.outbox())).containsExactly("retry-1.json", "retry-1.png");
    }

    @Test
    void aPredictionCreatedBeforeARestartIsPolledAndNeverCreatedAgain() {
        journal(State.CREATED, "kept.txt", "keep going", "p-old");
        REPLICATE.stubFor(get("/v1/predictions/p-old").willReturn(json(200,
                prediction("p-old", "succeeded", REPLICATE.url("/files/one.png"), null))));

        folders.drop("kept.txt", "keep going");
        folders.awaitProcessed("kept.txt");

        REPLICATE.verify(0, postRequestedFor(urlEqualTo(CREATE)));
        REPLICATE.verify(1, getRequestedFor(urlEqualTo("/v1/predictions/p-old")));
        assertThat(folders.files(folders.outbox())).containsExactly("kept-1.json", "kept-1.png");
        assertThat(TestFolders.json(folders.outbox().resolve("kept-1.json")).path("prediction_id").asText())
                .isEqualTo("p-old");
        assertThat(folders.files(folders.done())).containsExactly("kept.txt");
    }

    @Test
    void anImageStoredJustBeforeTheKillIsNotStoredTwiceOnResume() throws java.io.IOException {
        journal(State.CREATED, "half.txt", "half done", "p-half");
        java.nio.file.Files.createDirectories(folders.outbox());
        java.nio.file.Files.write(folders.outbox().resolve("half-1.png"), PNG);
        java.nio.file.Files.writeString(folders.outbox().resolve("half-1.json"), """
                {"job": "half", "source_file": "half.txt", "image": 1, "file": "half-1.png", "is_image_safe": true,
                 "provider": "replicate", "prediction_id": "p-half", "content_type": "image/png", "bytes": 10}""");
        REPLICATE.stubFor(get("/v1/predictions/p-half").willReturn(json(200,
                prediction("p-half", "succeeded", REPLICATE.url("/files/one.png"), null))));

        folders.drop("half.txt", "half done");
        folders.awaitProcessed("half.txt");

        REPLICATE.verify(0, postRequestedFor(urlEqualTo(CREATE)));
        REPLICATE.verify(0, getRequestedFor(urlEqualTo("/files/one.png")));
        assertThat(folders.files(folders.outbox())).containsExactly("half-1.json", "half-1.png");
        assertThat(folders.files(folders.done())).containsExactly("half.txt");
    }

    @Test
    void aCreateSentButNeverAnsweredBeforeARestartIsNotResentWhenTheProviderCannotTell() {
        // a Replicate-compatible proxy without the list of predictions answers 404 (WireMock's answer to no stub)
        journal(State.SENDING, "maybe.txt", "maybe billed", null);

        folders.drop("maybe.txt", "maybe billed");
        folders.awaitProcessed("maybe.txt");

        REPLICATE.verify(0, postRequestedFor(anyUrl()));
        REPLICATE.verify(1, getRequestedFor(urlPathEqualTo("/v1/predictions")));
        JsonNode record = errorRecord(folders.serverErrors(), "maybe.txt");
        assertThat(record.path("reason").asText()).startsWith("outcome unknown: the create of job maybe")
                .contains("answered 404 to the list of recent predictions")
                .contains("ideogram.retry.unknown-outcome");
        assertThat(folders.files(folders.outbox())).isEmpty();

        // the journal agrees: the job failed, so dropping the file again is a deliberate retry and runs
        folders.drop("maybe.txt", "maybe billed");
        folders.awaitProcessed("maybe.txt");
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundAmongTheRecentPredictionsAndTakenUp() {
        journal(State.SENDING, "lost.txt", "lost answer", null);
        String now = java.time.Instant.now().toString();
        // newest first: another job's prediction, ours, and one of the same input from long before the create left
        REPLICATE.stubFor(get(urlPathEqualTo("/v1/predictions")).willReturn(json(200, page(null,
                listed("p-other", "succeeded", "somebody else's prompt", now),
                listed("p-lost", "processing", "lost answer", now),
                listed("p-old", "succeeded", "lost answer", "2020-01-01T00:00:00Z")))));
        REPLICATE.stubFor(get("/v1/predictions/p-lost").willReturn(json(200,
                prediction("p-lost", "succeeded", REPLICATE.url("/files/one.png"), null))));

        folders.drop("lost.txt", "lost answer");
        folders.awaitProcessed("lost.txt");

        REPLICATE.verify(0, postRequestedFor(anyUrl()));
        // only predictions made since the create left (less a clock-skew margin) are asked for
        assertThat(REPLICATE.findAll(getRequestedFor(urlPathEqualTo("/v1/predictions"))).get(0)
                .queryParameter("created_after").firstValue()).isNotBlank();
        assertThat(folders.files(folders.outbox())).containsExactly("lost-1.json", "lost-1.png");
        assertThat(TestFolders.json(folders.outbox().resolve("lost-1.json")).path("prediction_id").asText())
                .isEqualTo("p-lost");
        assertThat(folders.files(folders.serverErrors())).isEmpty();
        assertThat(new FolderJournal(Path.of("target/it/journal/state/journal")).entries())
                .singleElement().extracting(JournalEntry::state, JournalEntry::predictionId)
                .containsExactly(State.STORED, "p-lost");
    }

    @Test
    void aLostCreateThatTheListDoesNotShowStaysOutcomeUnknownAndIsNotResent() {
        journal(State.SENDING, "gone.txt", "never arrived", null);
        // the first page points at a second one (through api.replicate.com, as a proxy answers): asked on the proxy
        REPLICATE.stubFor(get(urlPathEqualTo("/v1/predictions")).atPriority(5).willReturn(json(200, page(
                "https://api.replicate.com/v1/predictions?cursor=page2",
                listed("p-other", "succeeded", "not this one", java.time.Instant.now().toString())))));
        REPLICATE.stubFor(get(urlEqualTo("/v1/predictions?cursor=page2")).atPriority(1)
                .willReturn(json(200, page(null))));

        folders.drop("gone.txt", "never arrived");
        folders.awaitProcessed("gone.txt");

        REPLICATE.verify(0, postRequestedFor(anyUrl()));
        REPLICATE.verify(1, getRequestedFor(urlEqualTo("/v1/predictions?cursor=page2")));
        assertThat(errorRecord(folders.serverErrors(), "gone.txt").path("reason").asText())
                .startsWith("outcome unknown: the create of job gone")
                .contains("replicate lists no prediction with the same model and input since then");
        assertThat(folders.files(folders.outbox())).isEmpty();
    }

    @Test
    void severalPredictionsOfTheSameInputAreNotTakenUpAndTheRecordNamesThemAll() {
        journal(State.SENDING, "twin.txt", "twice the same", null);
        String now = java.time.Instant.now().toString();
        REPLICATE.stubFor(get(urlPathEqualTo("/v1/predictions")).willReturn(json(200, page(null,
                listed("p-twin-2", "succeeded", "twice the same", now),
                listed("p-twin-1", "succeeded", "twice the same", now)))));

        folders.drop("twin.txt", "twice the same");
        folders.awaitProcessed("twin.txt");

        REPLICATE.verify(0, postRequestedFor(anyUrl()));
        REPLICATE.verify(0, getRequestedFor(urlPathEqualTo("/v1/predictions/p-twin-1")));
        assertThat(errorRecord(folders.serverErrors(), "twin.txt").path("reason").asText())
                .startsWith("outcome unknown: the create of job twin")
                .contains("2 of replicate's recent predictions have the same model and input (p-twin-2, p-twin-1)");
        assertThat(folders.files(folders.outbox())).isEmpty();
    }

    /**
     * Entries left by a run killed while their jobs ran, with no prompt file in the inbox to pick them up (a message
     * job, or a file the user took away): the start-up resume, 500 ms after start, takes them up from the journal.
     */
    @Nested
    class AtStartUp {

        @BeforeEach
        void leftByAKilledRun() {
            write(State.CREATED, KilledRun.keyOf("gone.txt", "gone"), "gone.txt", "p-gone");
            write(State.SENDING, "message-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "poster.json", null);
            REPLICATE.stubFor(get("/v1/predictions/p-gone").willReturn(json(200,
                    prediction("p-gone", "succeeded", REPLICATE.url("/files/one.png"), null))));
        }

        @Test
        void aCreatedPredictionIsStoredAndAnUnansweredMessageCreateIsRecordedAsOutcomeUnknown() {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    folders.files(folders.outbox()).contains("gone-1.png")
                            && folders.files(folders.serverErrors()).contains("poster.json.error.json"));

            REPLICATE.verify(0, postRequestedFor(urlEqualTo(CREATE)));
            REPLICATE.verify(1, getRequestedFor(urlEqualTo("/v1/predictions/p-gone")));
            assertThat(TestFolders.json(folders.outbox().resolve("gone-1.json")).path("source_file").asText())
                    .isEqualTo("gone.txt");
            assertThat(errorRecord(folders.serverErrors(), "poster.json").path("reason").asText())
                    .startsWith("outcome unknown: the create of job poster");
            assertThat(TestFolders.bytes(folders.serverErrors().resolve("poster.json"))).asString()
                    .isEqualTo("poster");
        }
    }

    /** With ideogram.dedupe=false the user asks for every drop to run, duplicates included. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.dedupe=false"})
    class WithoutDedupe {

        @Test
        void theSameFileDroppedTwiceRunsTwice() {
            folders.drop("twice.txt", "again and again");
            folders.awaitProcessed("twice.txt");
            folders.drop("twice.txt", "again and again");
            folders.awaitProcessed("twice.txt");

            REPLICATE.verify(2, postRequestedFor(urlEqualTo(CREATE)));
            assertThat(folders.files(folders.outbox())).filteredOn(n -> n.endsWith(".png"))
                    .containsExactly("twice-1-2.png", "twice-1.png");
        }
    }

    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.providers.replicate.max-in-flight=1"})
    class WithOneProviderSlot {

        @Test
        void aJobWaitingForASlotIsNotJournaledAsSending() {
            // each create holds the only slot for 3 s; the other job of the file waits for it
            REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                    prediction("p-slow", "succeeded", REPLICATE.url("/files/one.png"), null)).withFixedDelay(3000)));
            FolderJournal journal = new FolderJournal(Path.of("target/it/journal/state/journal"));

            folders.drop("pair.jsonl", "{\"prompt\": \"first\"}\n{\"prompt\": \"second\"}\n");

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                    REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE))).size() == 1);
            // a restart now must run the waiting job as new, not dead-letter it as "may have been billed"
            await().during(Duration.ofMillis(1000)).atMost(Duration.ofMillis(2500)).pollInterval(Duration.ofMillis(20))
                    .until(() -> journal.entries().stream().filter(e -> e.state() == State.SENDING).count() == 1);
            folders.awaitProcessed("pair.jsonl");
            REPLICATE.verify(2, postRequestedFor(urlEqualTo(CREATE)));
            assertThat(journal.entries()).extracting(JournalEntry::state).containsExactly(State.STORED, State.STORED);
        }
    }

    /** The entry a run killed at that point would have left for this prompt file (see {@link KilledRun}). */
    void journal(State state, String file, String content, String predictionId) {
        KilledRun.afterTheStartUpResume();
        write(state, KilledRun.keyOf(file, content), file, predictionId);
    }

    /** An entry whose original input is the job's name (enough to recognise it in a dead-letter record). */
    static void write(State state, String key, String file, String predictionId) {
        KilledRun.left(Path.of("target/it/journal/state"), state, "replicate", key, file,
                file.substring(0, file.indexOf('.')), predictionId);
    }
}
