package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.support.TestFolders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dead letters are evidence and done/ is the record of what ran: a second file of the same name never replaces
 * the first (issue 17). It gets a numeric suffix, as the outbox does, and a record sits beside its own input.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "ideogram.inbox=target/it/never-overwritten/inbox", "ideogram.outbox=target/it/never-overwritten/outbox",
            "ideogram.done=target/it/never-overwritten/done", "ideogram.failed=target/it/never-overwritten/failed",
            "ideogram.state=target/it/never-overwritten/state",
            "ideogram.quarantine=target/it/never-overwritten/quarantine"
        })
class NeverOverwrittenRoutesTest {

    static final Path LOG = Path.of("target/test-logs/app.log");

    final TestFolders folders = new TestFolders("never-overwritten");
    long logStart;

    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        logStart = Files.exists(LOG) ? Files.size(LOG) : 0;
    }

    @Test
    void aSecondDeadLetterOfTheSameNameKeepsTheFirst() {
        folders.drop("malformed.json", "{\"prompt\": \"first\", \"aspect-ratio\": \"16:9\"}");
        folders.awaitProcessed("malformed.json");
        folders.drop("malformed.json", "{\"prompt\": \"second\", \"colour\": \"red\"}");
        folders.awaitProcessed("malformed.json");

        Path channel = folders.clientErrors();
        assertThat(folders.files(channel)).containsExactly("malformed-2.json", "malformed-2.json.error.json",
                "malformed.json", "malformed.json.error.json");
        assertThat(channel.resolve("malformed.json")).hasContent("{\"prompt\": \"first\", \"aspect-ratio\": \"16:9\"}");
        assertThat(channel.resolve("malformed-2.json")).hasContent("{\"prompt\": \"second\", \"colour\": \"red\"}");
        JsonNode first = TestFolders.errorRecord(channel, "malformed.json");
        JsonNode second = TestFolders.errorRecord(channel, "malformed-2.json");
        assertThat(first.path("file").asText()).isEqualTo("malformed.json");
        assertThat(first.path("reason").asText()).contains("aspect-ratio");
        assertThat(second.path("file").asText()).isEqualTo("malformed-2.json");
        assertThat(second.path("source_file").asText()).isEqualTo("malformed.json");
        assertThat(second.path("reason").asText()).contains("colour");
    }

    @Test
    void aSecondPromptFileOfTheSameNameKeepsTheFirstInDone() {
        folders.drop("lighthouse.txt", "a lighthouse at dawn");
        folders.awaitProcessed("lighthouse.txt");
        folders.drop("lighthouse.txt", "a lighthouse at night");
        folders.awaitProcessed("lighthouse.txt");

        assertThat(folders.files(folders.done())).containsExactly("lighthouse-2.txt", "lighthouse.txt");
        assertThat(folders.done().resolve("lighthouse.txt")).hasContent("a lighthouse at dawn");
        assertThat(folders.done().resolve("lighthouse-2.txt")).hasContent("a lighthouse at night");
        assertThat(folders.files(folders.outbox())).contains("lighthouse-1.png", "lighthouse-1-2.png");
    }

    @Test
    void deadLetterLogLinesNameTheSourceFile() throws IOException {
        folders.drop("empty.txt", "");
        folders.drop("empty.json", "");
        folders.awaitProcessed("empty.txt");
        folders.awaitProcessed("empty.json");

        String log = logSinceStart();
        assertThat(log).contains("dead-lettered empty.txt to client-errors as empty.txt: ")
                .contains("dead-lettered empty.json to client-errors as empty.json: ");
    }

    private String logSinceStart() throws IOException {
        byte[] log = Files.readAllBytes(LOG);
        return new String(log, (int) logStart, (int) (log.length - logStart), StandardCharsets.UTF_8);
    }
}
