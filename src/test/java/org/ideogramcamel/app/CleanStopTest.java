package org.ideogramcamel.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
import org.ideogramcamel.support.AppJvm;
import org.ideogramcamel.support.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A stop as a user makes it: the app runs as a separate JVM and gets SIGTERM. A job that was never sent is never
 * dead-lettered (issue 17): not an offline render cut short by the JVM's shutdown, not a job waiting for today's
 * budget or for a provider slot. Those waiting are let go at once (the stop does not sit out its timeout), their
 * prompt files stay in the inbox for the next start, and no {@code .camelLock} file is left behind.
 */
class CleanStopTest {

    /** The shipped default model on Replicate (Ideogram 3 Turbo). */
    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v3-turbo/predictions";

    Path home;
    Process app;
    WireMockServer replicate;

    @BeforeEach
    void home(TestInfo test) {
        home = AppJvm.freshHome(Path.of("target", "it", "clean-stop", test.getTestMethod().orElseThrow().getName()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (replicate != null) {
            replicate.stop();
        }
    }

    @Test
    void sigtermDuringAnOfflineBatchDeadLettersNothing() throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int line = 1; line <= 600; line++) {
            batch.append("{\"prompt\": \"a lighthouse, take ").append(line).append("\", \"num_images\": 2}\n");
        }
        app = launch();
        drop("batch.jsonl", batch.toString());
        // mid-batch: some images stored, most of the 1200 still to render
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> files("outbox").size() >= 40);

        app.destroy(); // SIGTERM
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(allFiles("failed")).as("dead letters after the stop; see " + log()).isEmpty();
        assertThat(read(log())).doesNotContain("dead-lettered").doesNotContain("outcome unknown");
        assertThat(lockFiles()).isEmpty();
        assertThat(files("inbox").size() + files("done").size()).as("batch.jsonl in the inbox or done").isEqualTo(1);
    }

    @Test
    void sigtermLetsJobsWaitingForTheBudgetGoAtOnceAndLeavesTheirFilesInTheInbox() throws Exception {
        // one image a day: the first job runs, the other two wait (rechecked every 30 s, the shutdown timeout)
        app = launch("-Dideogram.budget.max-images=1");
        drop("first.txt", "the first");
        await().atMost(Duration.ofSeconds(60)).until(() -> files("done").contains("first.txt"));
        drop("second.txt", "the second");
        drop("third.txt", "the third");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(read(log()), "waits: max-images 1") == 2);

        long stopAt = System.nanoTime();
        app.destroy(); // SIGTERM
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Duration stop = Duration.ofNanos(System.nanoTime() - stopAt);

        assertThat(stop).as("the waiting jobs do not hold the stop for the 30 s shutdown timeout")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(files("inbox")).containsExactlyInAnyOrder("second.txt", "third.txt");
        assertThat(allFiles("failed")).isEmpty();
        assertThat(lockFiles()).isEmpty();
        assertThat(read(log())).contains("the app stopped while job second waited for today's budget")
                .contains("second.txt stays in the inbox").doesNotContain("dead-lettered");
    }

    @Test
    void sigtermLetsCreatesWaitingForAProviderSlotGoUnsent() throws Exception {
        replicate = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        replicate.start();
        // every prediction stays processing: the first job holds the only slot until the stop
        replicate.stubFor(post(urlEqualTo(CREATE)).willReturn(json(201, prediction("pred-1", "starting", null, null))));
        replicate.stubFor(get(urlPathMatching("/v1/predictions/.*"))
                .willReturn(json(200, prediction("pred-1", "processing", null, null))));
        app = launch("-Dideogram.provider=replicate",
                "-Dideogram.providers.replicate.base-url=" + replicate.baseUrl() + "/v1",
                "-Dideogram.providers.replicate.api-token=r8_clean_stop", "-Dideogram.providers.replicate.prefer-wait=0",
                "-Dideogram.providers.replicate.max-in-flight=1", "-Dcamel.main.shutdown-timeout=3",
                // the running job waits for its next poll through the whole stop, so the timeout cuts it short
                // there every time (with the default interval its poll sometimes fails first and completes it)
                "-Dideogram.poll.interval=20s", "-Dideogram.poll.backoff=1.0");
        drop("running.txt", "the running one");
        await().atMost(Duration.ofSeconds(60)).until(() -> replicate.findAll(postRequestedFor(urlEqualTo(CREATE)))
                .size() == 1);
        drop("waiting.txt", "the waiting one");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(home.resolve("inbox/waiting.txt.camelLock")));
        Thread.sleep(1500); // read, accepted and queued at the gate behind the running job

        app.destroy(); // SIGTERM
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();

        replicate.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        assertThat(files("inbox")).containsExactlyInAnyOrder("running.txt", "waiting.txt");
        assertThat(allFiles("failed")).isEmpty();
        assertThat(read(log())).contains("the app stopped while job waiting waited for a replicate slot")
                .doesNotContain("dead-lettered");
        assertThat(lockFiles()).as("read locks of the file let go and of the one cut short by the timeout").isEmpty();
    }

    @Test
    void aCreateStillWaitingForASlotIsNotSentWhileTheAppStops() throws Exception {
        replicate = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        replicate.start();
        replicate.stubFor(post(urlEqualTo(CREATE)).willReturn(json(201, prediction("pred-1", "starting", null, null))));
        replicate.stubFor(get(urlEqualTo("/v1/predictions/pred-1")).atPriority(5)
                .willReturn(json(200, prediction("pred-1", "processing", null, null))));
        replicate.stubFor(get(urlEqualTo("/files/1.png")).willReturn(aResponse().withHeader("Content-Type", "image/png")
                .withBody(new org.ideogramcamel.dialect.offline.PlaceholderRenderer().render("1", null, "1:1", 1, 1))));
        app = launch("-Dideogram.provider=replicate",
                "-Dideogram.providers.replicate.base-url=" + replicate.baseUrl() + "/v1",
                "-Dideogram.providers.replicate.api-token=r8_clean_stop", "-Dideogram.providers.replicate.prefer-wait=0",
                "-Dideogram.providers.replicate.max-in-flight=1", "-Dideogram.poll.interval=100ms",
                "-Dideogram.poll.backoff=1.0");
        drop("running.txt", "the running one");
        await().atMost(Duration.ofSeconds(60)).until(() -> replicate.findAll(postRequestedFor(urlEqualTo(CREATE)))
                .size() == 1);
        drop("waiting.txt", "the waiting one");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(home.resolve("inbox/waiting.txt.camelLock")));
        Thread.sleep(1500); // read, accepted and queued at the gate behind the running job

        app.destroy(); // SIGTERM
        // the running prediction ends within the grace period and gives its slot back, once the stop has begun: a
        // slot freed before the app saw the signal rightly goes to the waiting job (on a busy machine the JVM may
        // take longer than one 100 ms poll to act on SIGTERM)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> read(log()).contains("the app stopped while job waiting waited for a replicate slot"));
        replicate.stubFor(get(urlEqualTo("/v1/predictions/pred-1")).atPriority(1).willReturn(json(200,
                prediction("pred-1", "succeeded", replicate.baseUrl() + "/files/1.png", null))));
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();

        replicate.verify(1, postRequestedFor(urlEqualTo(CREATE))); // the slot went to no one: nothing new is paid
        assertThat(files("done")).containsExactly("running.txt");
        assertThat(files("inbox")).containsExactly("waiting.txt");
        assertThat(allFiles("failed")).isEmpty();
        assertThat(lockFiles()).isEmpty();
    }

    // --- the app ---------------------------------------------------------------------------------------------

    Process launch(String... extra) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Dideogram.management.port=" + FreePorts.freePort()));
        options.addAll(List.of(extra));
        return AppJvm.start(home, log(), options);
    }

    Path log() {
        return home.resolve("app.log");
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

    /** Visible files in a folder of the home. */
    List<String> files(String folder) {
        return list(home.resolve(folder)).stream().map(p -> p.getFileName().toString())
                .filter(n -> !n.startsWith(".") && !n.endsWith(".camelLock")).sorted().toList();
    }

    /** Every file under a folder of the home, in any sub-folder. */
    List<Path> allFiles(String folder) {
        return filesUnder(home.resolve(folder));
    }

    /** Every file under {@code root}, in any sub-folder; none when it does not exist. */
    static List<Path> filesUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lockFiles() {
        return list(home.resolve("inbox")).stream().map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".camelLock")).toList();
    }

    static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
