package org.ideogramcamel.journal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.AppJvm;
import org.ideogramcamel.support.ReplicateSeeds;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The exactly-once proof: the app runs as a separate JVM (as a user runs it) against a Replicate stub whose
 * predictions stay {@code processing} until the test lets them succeed. The app is stopped while every prediction
 * is in flight (SIGKILL, or SIGTERM with a short grace period) and started again; the stub must have received
 * each create exactly once, and each image must be stored exactly once, with each prompt file in exactly one of
 * inbox, done and failed.
 */
class KillAndRestartTest {

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final byte[] PNG = new PlaceholderRenderer().render("stub", null, "1:1", 1, 3);

    /** The app's working directory; kept after the test with the app's logs (app-run-N.log). */
    Path home;
    WireMockServer replicate;
    Process app;
    int runs;

    @BeforeEach
    void start(TestInfo test) throws IOException {
        home = AppJvm.freshHome(Path.of("target", "it", "kill-restart", test.getTestMethod().orElseThrow().getName()));
        replicate = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        replicate.start();

    }

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        replicate.stop();
    }

    @Test
    void sigkillWhilePredictionsRunThenRestartPaysEachCreateOnceAndStoresEachImageOnce() throws Exception {
        List<String> prompts = List.of("p1", "p2", "p3", "p4", "p5");
        prompts.forEach(this::stubPendingPrediction);
        app = launch();
        drop("p1.txt", "p1");
        drop("p2.json", "{\"prompt\": \"p2\"}");
        drop("batch.jsonl", "{\"prompt\": \"p3\"}\n{\"prompt\": \"p4\"}\n");
        drop("p5.yaml", "prompt: p5\n");
        awaitAllCreatedAndPolled(prompts);

        app.destroyForcibly(); // SIGKILL: no shutdown hook, nothing finishes
        assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(files("inbox")).containsExactlyInAnyOrder("p1.txt", "p2.json", "batch.jsonl", "p5.yaml");
        assertThat(images()).isEmpty();
        // the user takes one file away: its paid prediction must still be stored, from the journal alone
        Files.move(home.resolve("inbox/p5.yaml"), home.resolve("p5.yaml"));

        prompts.forEach(this::letSucceed);
        app = launch();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> images().size() == 5 && files("inbox").isEmpty() && files("done").size() == 3
                        && allStored(5));

        for (String prompt : prompts) {
            replicate.verify(1, postRequestedFor(urlEqualTo(CREATE))
                    .withRequestBody(matchingJsonPath("$.input.prompt", equalTo(prompt))));
            replicate.verify(1, getRequestedFor(urlEqualTo("/files/" + prompt + ".png")));
        }
        assertThat(images()).containsExactlyInAnyOrder("p1-1.png", "p2-1.png", "batch-1-1.png", "batch-2-1.png",
                "p5-1.png");
        assertThat(files("outbox")).hasSize(10); // each image with its sidecar, no "-2" copy
        assertThat(files("done")).containsExactlyInAnyOrder("p1.txt", "p2.json", "batch.jsonl");
        assertThat(files("failed/server-errors")).isEmpty();
        assertThat(files("failed/client-errors")).isEmpty();
        assertThat(journalStates()).containsOnly("stored").hasSize(5);
        assertThat(new String(Files.readAllBytes(home.resolve("outbox/p5-1.json")), StandardCharsets.UTF_8))
                .contains("\"prediction_id\" : \"pred-p5\"").contains("\"source_file\" : \"p5.yaml\"");
    }

    @Test
    void sigtermFinishesWhatCanFinishWithinTheGracePeriodAndJournalsTheRestForTheNextStart() throws Exception {
        List<String> prompts = List.of("t1", "t2", "t3");
        prompts.forEach(this::stubPendingPrediction);
        // a short poll interval keeps delayed polls firing while the routes are forced down at the end of the grace
        // period: the moment a job is cut short by the stop, which must leave its file in the inbox
        app = launch("-Dcamel.main.shutdown-timeout=4", "-Dideogram.poll.interval=20ms");
        prompts.forEach(p -> drop(p + ".txt", p));
        awaitAllCreatedAndPolled(prompts);

        app.destroy(); // SIGTERM: graceful shutdown with a 4 s grace period
        letSucceed("t1"); // t1 finishes within the grace period, t2 and t3 do not
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the app stops after its grace period").isTrue();
        assertThat(images()).containsExactly("t1-1.png");
        assertThat(files("done")).containsExactly("t1.txt");
        assertThat(files("inbox")).containsExactlyInAnyOrder("t2.txt", "t3.txt");
        assertThat(files("failed/server-errors")).isEmpty();
        assertNoPartialFiles();

        letSucceed("t2");
        letSucceed("t3");
        app = launch();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> images().size() == 3 && files("inbox").isEmpty() && files("done").size() == 3);
        for (String prompt : prompts) {
            replicate.verify(1, postRequestedFor(urlEqualTo(CREATE))
                    .withRequestBody(matchingJsonPath("$.input.prompt", equalTo(prompt))));
        }
        assertThat(images()).containsExactlyInAnyOrder("t1-1.png", "t2-1.png", "t3-1.png");
        assertThat(files("outbox")).hasSize(6);
        assertThat(files("failed/server-errors")).isEmpty();
        assertNoPartialFiles();
    }

    @Test
    void aCreateRefusedWith429AndKilledDuringItsRetryWaitRunsAsNewAfterTheRestartAndIsBilledOnce() throws Exception {
        // the provider refuses the create and asks for a minute's patience: the app waits, and is killed meanwhile
        replicate.stubFor(post(urlEqualTo(CREATE)).willReturn(json(429,
                "{\"title\": \"Request was throttled\", \"detail\": \"slow down\", \"status\": 429}")
                .withHeader("Retry-After", "60")));
        app = launch();
        drop("refused.txt", "refused");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> replicate.findAll(postRequestedFor(urlEqualTo(CREATE))).size() == 1);
        // the refusal is journaled at once, before the wait: nothing was billed
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> journalStates().equals(List.of("not_sent")));
        app.destroyForcibly(); // SIGKILL during the retry wait
        assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(files("inbox")).containsExactly("refused.txt");

        replicate.resetAll();
        stubPendingPrediction("refused");
        letSucceed("refused");
        app = launch();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> images().size() == 1 && files("done").size() == 1 && allStored(1));

        // one create after the restart, and that one is the only create anyone could bill
        replicate.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(images()).containsExactly("refused-1.png");
        assertThat(files("failed/server-errors")).isEmpty();
        assertThat(journalStates()).containsExactly("stored");
    }

    @Test
    void fiveCreatesHeldByTheProviderWhenTheAppIsKilledEndAsFiveStoredImagesWithFiveCreatesInTotal()
            throws Exception {
        // the provider holds every create's answer (as Prefer: wait does): the prediction ids never reach the app
        replicate.stubFor(post(urlEqualTo(CREATE)).willReturn(json(201, prediction("held", "starting", null, null))
                .withFixedDelay(30_000)));
        app = launch();
        drop("h1.txt", "h1");
        drop("h2.json", "{\"prompt\": \"h2\"}");
        drop("held.jsonl", "{\"prompt\": \"h3\"}\n{\"prompt\": \"h4\"}\n");
        drop("h5.yaml", "prompt: h5\n");
        List<String> prompts = List.of("h1", "h2", "h3", "h4", "h5");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                replicate.findAll(postRequestedFor(urlEqualTo(CREATE))).size() == 5
                        && journalStates().stream().filter("sending"::equals).count() == 5);

        app.destroyForcibly(); // SIGKILL while every create is held
        assertThat(app.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(images()).isEmpty();
        // the user takes one file away: its paid prediction must still be found and stored, from the journal alone
        Files.move(home.resolve("inbox/h5.yaml"), home.resolve("h5.yaml"));

        // Replicate's list of recent predictions now shows them (newest first), with one of somebody else's
        String now = java.time.Instant.now().toString();
        List<com.fasterxml.jackson.databind.node.ObjectNode> listed = new ArrayList<>();
        listed.add(ReplicateSeeds.listed("pred-web", "succeeded", "somebody else's prompt", now));
        for (String prompt : prompts) {
            listed.add(ReplicateSeeds.listed("pred-" + prompt, "processing", prompt, now));
            stubPendingPrediction(prompt);
            letSucceed(prompt);
        }
        replicate.stubFor(get(urlPathEqualTo("/v1/predictions")).willReturn(json(200,
                ReplicateSeeds.page(null, listed.toArray(new com.fasterxml.jackson.databind.node.ObjectNode[0])))));
        app = launch();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> images().size() == 5 && files("inbox").isEmpty() && files("done").size() == 3
                        && allStored(5));

        replicate.verify(5, postRequestedFor(urlEqualTo(CREATE))); // the five held ones: none sent again
        for (String prompt : prompts) {
            replicate.verify(1, postRequestedFor(urlEqualTo(CREATE))
                    .withRequestBody(matchingJsonPath("$.input.prompt", equalTo(prompt))));
            replicate.verify(1, getRequestedFor(urlEqualTo("/files/" + prompt + ".png")));
        }
        assertThat(images()).containsExactlyInAnyOrder("h1-1.png", "h2-1.png", "held-1-1.png", "held-2-1.png",
                "h5-1.png");
        assertThat(files("outbox")).hasSize(10);
        assertThat(files("failed/server-errors")).isEmpty();
        assertThat(journalStates()).containsOnly("stored").hasSize(5);
        assertThat(new String(Files.readAllBytes(home.resolve("outbox/h5-1.json")), StandardCharsets.UTF_8))
                .contains("\"prediction_id\" : \"pred-h5\"");
    }

    // --- the stub ------------------------------------------------------------------------------------------

    /** A create for this prompt answers a prediction that stays processing until {@link #letSucceed}. */
    void stubPendingPrediction(String prompt) {
        String id = "pred-" + prompt;
        replicate.stubFor(post(urlEqualTo(CREATE)).withRequestBody(matchingJsonPath("$.input.prompt", equalTo(prompt)))
                .willReturn(json(201, prediction(id, "starting", null, null))));
        replicate.stubFor(get(urlEqualTo("/v1/predictions/" + id)).atPriority(5)
                .willReturn(json(200, prediction(id, "processing", null, null))));
        replicate.stubFor(get(urlEqualTo("/files/" + prompt + ".png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
    }

    void letSucceed(String prompt) {
        String id = "pred-" + prompt;
        replicate.stubFor(get(urlEqualTo("/v1/predictions/" + id)).atPriority(1)
                .willReturn(json(200, prediction(id, "succeeded", replicate.baseUrl() + "/files/" + prompt + ".png",
                        null))));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Every create was answered, journaled as created, and polled at least once: all are in flight. */
    void awaitAllCreatedAndPolled(List<String> prompts) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                journalStates().stream().filter("created"::equals).count() == prompts.size()
                        && prompts.stream().allMatch(p -> !replicate.findAll(
                                getRequestedFor(urlEqualTo("/v1/predictions/pred-" + p))).isEmpty()));
        for (String prompt : prompts) {
            replicate.verify(1, postRequestedFor(urlEqualTo(CREATE))
                    .withRequestBody(matchingJsonPath("$.input.prompt", equalTo(prompt))));
        }
    }

    // --- the app ---------------------------------------------------------------------------------------------

    Process launch(String... extra) throws IOException {
        runs++;
        List<String> options = new ArrayList<>(List.of(
                "-Dideogram.provider=replicate",
                "-Dideogram.providers.replicate.base-url=" + replicate.baseUrl() + "/v1",
                "-Dideogram.providers.replicate.api-token=r8_kill_test",
                "-Dideogram.providers.replicate.prefer-wait=0",
                "-D" + V2Models.REPLICATE, // the shipped default is Ideogram 3
                "-Dideogram.poll.interval=200ms", "-Dideogram.poll.backoff=1.0",
                "-Dideogram.retry.initial-delay=100",
                // the fixed port 9876 may be taken on a shared machine, and a port in use stops the app
                "-Dideogram.management.enabled=false"));
        options.addAll(List.of(extra));
        return AppJvm.start(home, home.resolve("app-run-" + runs + ".log"), options);
    }

    void drop(String name, String content) {
        try {
            Files.createDirectories(home.resolve("inbox"));
            Path staging = home.resolve(name + ".staging");
            Files.writeString(staging, content);
            Files.move(staging, home.resolve("inbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> images() {
        return files("outbox").stream().filter(n -> n.endsWith(".png")).toList();
    }

    /** Visible files in a folder of the app's working directory (Camel's read-lock markers left out). */
    List<String> files(String folder) {
        Path dir = home.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.endsWith(".camelLock")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> journalStates() {
        Path journal = home.resolve("state/journal");
        if (!Files.isDirectory(journal)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(journal)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith("."))
                    .map(KillAndRestartTest::stateOf).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The journal says stored for each of the jobs: the last step of a job, after its image, its sidecar and its
     * prompt file landed. A job resumed from the journal alone (its prompt file taken away) has no file in done/ to
     * wait for, so waiting for the images only let the assertions read its entry a moment before it said stored.
     */
    boolean allStored(int jobs) {
        List<String> states = journalStates();
        return states.size() == jobs && states.stream().allMatch("stored"::equals);
    }

    static String stateOf(Path entry) {
        try {
            String text = Files.readString(entry);
            int at = text.indexOf("\"state\" : \"");
            return at < 0 ? "?" : text.substring(at + 11, text.indexOf('"', at + 11));
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * No half-written file under a final name: every visible image in the outbox is the whole image the stub served
     * and every visible sidecar is whole JSON (hidden temporaries may remain; a reader never takes them).
     */
    void assertNoPartialFiles() throws IOException {
        for (String name : files("outbox")) {
            Path file = home.resolve("outbox").resolve(name);
            if (name.endsWith(".png")) {
                assertThat(Files.readAllBytes(file)).as(name).isEqualTo(PNG);
            } else {
                assertThat(name).endsWith(".json");
                assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()).path("job")
                        .isTextual()).as(name).isTrue();
            }
        }
    }
}
