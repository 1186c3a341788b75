package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.ideogramcamel.bench.LoopbackProvider;
import org.ideogramcamel.support.AppJvm;
import org.ideogramcamel.support.FreePorts;
import org.ideogramcamel.support.TestFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stop (SIGTERM) in the middle of a JSONL file longer than the bound on jobs of files: the jobs still waiting for
 * admission stop waiting at once (the stop does not sit out its 30 s shutdown timeout), nothing is dead-lettered
 * and the file stays in the inbox; the next start on the same state finishes the file without creating any line
 * twice. The app runs as a separate JVM, as a user runs it, against {@link LoopbackProvider}.
 */
class FileJobAdmissionStopTest {

    static final int LINES = 400;

    final TestFolders folders = new TestFolders("admission-stop");
    Path home;
    Process app;
    LoopbackProvider provider;
    int runs;

    @BeforeEach
    void home() {
        home = AppJvm.freshHome(Path.of("target", "it", "admission-stop"));
        // predictions of 300 ms, two at a time: the file takes a minute, the stop comes after a few creates
        provider = new LoopbackProvider(Duration.ofMillis(300), 1024, 0, 1);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        provider.close();
    }

    @Test
    void sigtermMidFileLetsTheWaitingJobsGoAndTheNextStartFinishesTheFileWithNoLinePaidTwice() throws Exception {
        app = launch();
        drop("long.jsonl", IntStream.rangeClosed(1, LINES).mapToObj(i -> "{\"prompt\": \"line " + i + "\"}")
                .collect(Collectors.joining("\n")));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> provider.creates.sum() >= 10);

        long stopAt = System.nanoTime();
        app.destroy(); // SIGTERM
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Duration stop = Duration.ofNanos(System.nanoTime() - stopAt);
        long createdBeforeStop = provider.creates.sum();

        assertThat(stop).as("jobs waiting for admission do not hold the stop for its 30 s timeout; see " + log())
                .isLessThan(Duration.ofSeconds(10));
        assertThat(files("inbox")).as("the file stays for the next start").containsExactly("long.jsonl");
        assertThat(allFiles("failed")).as("dead letters after the stop; see " + log()).isEmpty();
        assertThat(CleanStopTest.read(log())).doesNotContain("dead-lettered").contains("long.jsonl stays in the inbox");
        assertThat(createdBeforeStop).as("the stop came mid-file").isLessThan(LINES / 2);
        // only the jobs admitted when the stop came (at most the bound, 100) went into the job route; the lines that
        // waited for admission stopped there: not journaled, not queued for a slot, not dead-lettered
        assertThat(CleanStopTest.count(CleanStopTest.read(log()), "the app stopped while job"))
                .as("jobs let go at the slot queue")
                .isPositive().isLessThanOrEqualTo(100);
        assertThat(CleanStopTest.list(home.resolve("state/journal"))).as("journal entries: the jobs ever admitted")
                .hasSizeLessThanOrEqualTo((int) createdBeforeStop + 100);

        app = launch(); // the same home: its state and inbox
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200))
                .until(() -> files("done").contains("long.jsonl") || !app.isAlive());
        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Map<String, Long> creates = provider.createsByPrompt();
        assertThat(creates).as("every line created").hasSize(LINES);
        assertThat(creates.entrySet()).as("no line created twice").allMatch(entry -> entry.getValue() == 1L);
        assertThat(files("done")).containsExactly("long.jsonl");
        assertThat(files("inbox")).isEmpty();
        assertThat(allFiles("failed")).isEmpty();
        assertThat(files("outbox").stream().filter(f -> f.endsWith(".png"))).hasSize(LINES);
    }

    @Test
    void aRestartTakesUpPredictionsOfTheLastRunWhoseLinesComeAfterMoreThanTheBoundOfNewOnes() throws Exception {
        // predictions answered at once (no Prefer: wait), so they are running when the app is killed
        String answerAtOnce = "-Dideogram.providers.replicate.prefer-wait=0";
        String resumed = "{\"prompt\": \"resumed 1\"}\n{\"prompt\": \"resumed 2\"}";
        app = launch(answerAtOnce);
        drop("edited.jsonl", "\n".repeat(102) + resumed); // lines 103 and 104: both slots of max-in-flight 2
        // both answers journaled ("created"), their images not yet stored (300 ms predictions, first poll at 250 ms);
        // entries only: a write in progress is a hidden .tmp file that may already say "created"
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> CleanStopTest.list(home.resolve("state/journal")).stream()
                        .filter(entry -> !entry.getFileName().toString().startsWith("."))
                        .filter(entry -> CleanStopTest.read(entry).contains("\"state\" : \"created\"")).count() == 2);
        app.destroyForcibly();
        assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // while the app was down the empty lines were filled: 102 new jobs (more than the bound, 100) come first
        drop("edited.jsonl", IntStream.rangeClosed(1, 102).mapToObj(i -> "{\"prompt\": \"new " + i + "\"}")
                .collect(Collectors.joining("\n")) + "\n" + resumed);
        app = launch(answerAtOnce);
        // the slots are held for the two resumed lines, so the new ones can only run once those are taken up; were
        // the lines behind 100 waiting jobs held back, every create would wait for ideogram.poll.deadline (10 min)
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> files("done").contains("edited.jsonl") || !app.isAlive());
        app.destroy();
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Map<String, Long> creates = provider.createsByPrompt();
        assertThat(creates).as("every line created").hasSize(104);
        assertThat(creates.entrySet()).as("no line created twice, the resumed ones polled")
                .allMatch(e -> e.getValue() == 1L);
        assertThat(files("done")).containsExactly("edited.jsonl");
        assertThat(allFiles("failed")).isEmpty();
        assertThat(files("outbox").stream().filter(f -> f.endsWith(".png"))).hasSize(104);
    }

    Process launch(String... extra) throws IOException {
        runs++;
        List<String> options = new ArrayList<>(List.of("-Dideogram.management.port=" + FreePorts.freePort(),
                "-Dideogram.provider=replicate", "-Dideogram.max-in-flight=2",
                "-Dideogram.providers.replicate.base-url=" + provider.baseUrl() + "/replicate/v1",
                "-Dideogram.providers.replicate.api-token=r8_admission_stop"));
        options.addAll(List.of(extra));
        return AppJvm.start(home, log(), options);
    }

    Path log() {
        return home.resolve("app-run-" + runs + ".log");
    }

    void drop(String name, String content) {
        folders.drop(name, content);
    }

    /** Visible files in a folder of the home (a lock Camel left behind is not one). */
    List<String> files(String folder) {
        return folders.files(home.resolve(folder)).stream().filter(n -> !n.endsWith(".camelLock")).toList();
    }

    List<Path> allFiles(String folder) {
        return CleanStopTest.filesUnder(home.resolve(folder));
    }
}
