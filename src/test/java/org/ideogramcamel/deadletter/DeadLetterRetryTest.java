package org.ideogramcamel.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.support.TestFolders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code retry failed/server-errors}: dead-lettered jobs go back into the inbox on the provider they failed on,
 * the .error.json records are never put back, and a job whose create may have been billed stays unless asked.
 */
class DeadLetterRetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root = Path.of("target/it/retry").toAbsolutePath();
    private final Path channel = root.resolve("failed/server-errors");
    private final Path inbox = root.resolve("inbox");

    @BeforeEach
    void clean() throws IOException {
        TestFolders.delete(root);
        Files.createDirectories(channel);
        Files.createDirectories(inbox);
    }

    @Test
    void aTxtJobGoesBackOnTheProviderItFailedOnNotOnTheDefault() throws IOException {
        deadLetter("lighthouse.txt", "A lighthouse on a cliff at dusk\n", "replicate", "server_error");

        List<DeadLetterRetry.Outcome> outcomes = new DeadLetterRetry(inbox).retryFolder(channel, null, false);

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.retried()).isTrue());
        // a .txt prompt has no provider field: it goes back as a .json job (same job name) that names it
        assertThat(names(inbox)).containsExactly("lighthouse.json");
        JsonNode job = JSON.readTree(inbox.resolve("lighthouse.json").toFile());
        assertThat(job.path("provider").asText()).isEqualTo("replicate");
        assertThat(job.path("prompt").asText()).isEqualTo("A lighthouse on a cliff at dusk");
        // the input and its record are kept as evidence, out of the channel, so a second retry cannot resend it
        assertThat(names(channel)).containsExactly("retried");
        assertThat(names(channel.resolve("retried"))).containsExactly("lighthouse.txt", "lighthouse.txt.error.json");
        assertThat(new DeadLetterRetry(inbox).retryFolder(channel, null, false)).isEmpty();
    }

    @Test
    void optionsAreKeptAndAnotherProviderOnlyWhenAsked() throws IOException {
        deadLetter("poster.json", "{\"prompt\": \"a poster\", \"aspect_ratio\": \"16:9\", \"num_images\": 2}",
                "ideogram", "server_error");

        new DeadLetterRetry(inbox).retryFolder(channel, "pixazo", false);

        JsonNode job = JSON.readTree(inbox.resolve("poster.json").toFile());
        assertThat(job.path("provider").asText()).isEqualTo("pixazo");
        assertThat(job.path("aspect_ratio").asText()).isEqualTo("16:9");
        assertThat(job.path("num_images").asInt()).isEqualTo(2);
    }

    @Test
    void theErrorRecordsAreNeverPutBackAsJobs() throws IOException {
        deadLetter("fox.json", "{\"prompt\": \"a fox\"}", "wavespeed", "io_error");
        // an image record of a job that was paid for, and an image its store could not take, held with its sidecar
        Files.writeString(channel.resolve("owl.json.image-1.error.json"), "{\"reason\": \"S3 said no\", \"image\": 1}");
        Files.writeString(channel.resolve("owl.json"), "{\"prompt\": \"an owl\"}");
        Files.write(channel.resolve("owl-1.png"), new byte[] {1, 2, 3});

        List<DeadLetterRetry.Outcome> outcomes = new DeadLetterRetry(inbox).retryFolder(channel, null, false);

        assertThat(outcomes).extracting(DeadLetterRetry.Outcome::retried).containsExactly(true);
        assertThat(names(inbox)).containsExactly("fox.json");
        assertThat(names(inbox)).noneMatch(n -> n.endsWith(".error.json"));
        assertThat(names(channel)).containsExactly("owl-1.png", "owl.json", "owl.json.image-1.error.json", "retried");
    }

    @Test
    void aJobWhoseCreateMayHaveBeenBilledIsNotResentUnlessAsked() throws IOException {
        deadLetter("unknown.txt", "maybe billed", "replicate", "outcome_unknown");
        // a record written before records said their failure kind: known by its reason
        Files.writeString(channel.resolve("older.txt"), "older");
        Files.writeString(channel.resolve("older.txt.error.json"), "{\"reason\": \"outcome unknown: the create was"
                + " sent to replicate but no answer came\", \"provider\": \"replicate\"}");

        List<DeadLetterRetry.Outcome> skipped = new DeadLetterRetry(inbox).retryFolder(channel, null, false);

        assertThat(skipped).extracting(DeadLetterRetry.Outcome::retried).containsExactly(false, false);
        assertThat(skipped).allSatisfy(o -> assertThat(o.message()).contains("outcome unknown")
                .contains("--unknown-outcome"));
        assertThat(names(inbox)).isEmpty();
        assertThat(names(channel)).containsExactly("older.txt", "older.txt.error.json", "unknown.txt",
                "unknown.txt.error.json");

        List<DeadLetterRetry.Outcome> asked = new DeadLetterRetry(inbox).retryFolder(channel, null, true);

        assertThat(asked).extracting(DeadLetterRetry.Outcome::retried).containsExactly(true, true);
        assertThat(names(inbox)).containsExactly("older.json", "unknown.json");
    }

    @Test
    void aJobAlreadyInTheInboxUnderTheSameNameIsNotOverwritten() throws IOException {
        Files.writeString(inbox.resolve("fox.json"), "{\"prompt\": \"the user's own fox\"}");
        deadLetter("fox.txt", "a retried fox", "replicate", "server_error");

        new DeadLetterRetry(inbox).retryFolder(channel, null, false);

        assertThat(names(inbox)).containsExactly("fox-2.json", "fox.json");
        assertThat(Files.readString(inbox.resolve("fox.json"))).contains("the user's own fox");
    }

    @Test
    void aRecordThatNamesItsInputIsBelieved() throws IOException {
        // two dead letters of malformed.json: the second one's input was kept as malformed-2.json
        Files.writeString(channel.resolve("malformed-2.json"), "{\"prompt\": \"the second one\"}");
        Files.writeString(channel.resolve("malformed.json.error.json"), "{\"reason\": \"busy\", \"provider\":"
                + " \"replicate\", \"failure\": \"server_error\", \"file\": \"malformed-2.json\"}");

        new DeadLetterRetry(inbox).retryFolder(channel, null, false);

        assertThat(names(inbox)).containsExactly("malformed-2.json");
        assertThat(Files.readString(inbox.resolve("malformed-2.json"))).contains("the second one").contains("replicate");
    }

    private void deadLetter(String name, String content, String provider, String failure) throws IOException {
        Files.writeString(channel.resolve(name), content);
        Files.writeString(channel.resolve(name + ".error.json"), "{\"channel\": \"server-errors\", \"reason\": \"it"
                + " failed\", \"job\": \"x\", \"source_file\": \"" + name + "\", \"provider\": \"" + provider + "\","
                + " \"attempts\": 5, \"failed_at\": \"2026-12-03T09:00:00Z\", \"failure\": \"" + failure + "\"}");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
