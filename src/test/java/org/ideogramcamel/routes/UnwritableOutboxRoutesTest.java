package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.TestFolders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An outbox the app cannot write (issue 17): the image was made (with a real provider: paid for), so its bytes and
 * sidecar are kept in failed/server-errors, as the S3 store keeps them, and the record says the write failed, not a
 * download. The outbox here sits under a regular file, so it can be neither created nor written; a read-only folder
 * fails the same way, before a byte of the image is read (the tests run as root, for whom permissions do not hold).
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "ideogram.inbox=target/it/unwritable-outbox/inbox",
            "ideogram.outbox=target/it/unwritable-outbox/not-a-folder/outbox",
            "ideogram.done=target/it/unwritable-outbox/done", "ideogram.failed=target/it/unwritable-outbox/failed",
            "ideogram.state=target/it/unwritable-outbox/state",
            "ideogram.quarantine=target/it/unwritable-outbox/quarantine",
            "ideogram.retry.initial-delay=50"
        })
class UnwritableOutboxRoutesTest {

    final TestFolders folders = new TestFolders("unwritable-outbox");

    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        Files.createDirectories(Path.of("target/it/unwritable-outbox"));
        Files.writeString(Path.of("target/it/unwritable-outbox/not-a-folder"), "a file where the outbox's parent should be");
    }

    @Test
    void theImageAndItsSidecarAreKeptInServerErrorsWithAReasonThatSaysWrite() throws Exception {
        folders.drop("kept.txt", "a lighthouse nobody may lose");
        folders.awaitProcessed("kept.txt");
        folders.drop("kept.txt", "the same name again");
        folders.awaitProcessed("kept.txt");

        Path channel = folders.serverErrors();
        assertThat(folders.files(channel)).containsExactly(
                "kept-1-2.json", "kept-1-2.png", "kept-1.json", "kept-1.png",
                "kept-2.txt", "kept-2.txt.image-1.error.json", "kept.txt", "kept.txt.image-1.error.json");
        JsonNode record = TestFolders.json(channel.resolve("kept.txt.image-1.error.json"));
        assertThat(record.path("reason").asText())
                .startsWith("could not write image 1 of job kept to ")
                .contains("not-a-folder/outbox")
                .endsWith("the image and its sidecar are kept in this channel as kept-1.png and kept-1.json")
                .doesNotContain("download");
        assertThat(record.path("file").asText()).isEqualTo("kept.txt");
        assertThat(record.path("attempts").asInt()).as("not retried: the bytes are safe").isEqualTo(1);
        assertThat(TestFolders.json(channel.resolve("kept-2.txt.image-1.error.json")).path("reason").asText())
                .endsWith("as kept-1-2.png and kept-1-2.json");

        byte[] png = TestFolders.bytes(channel.resolve("kept-1.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        JsonNode sidecar = TestFolders.json(channel.resolve("kept-1.json"));
        assertThat(sidecar.path("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)));
        assertThat(sidecar.path("prompt").asText()).isEqualTo("a lighthouse nobody may lose");
        assertThat(folders.files(Path.of("target/it/unwritable-outbox/state/store-spool"))).isEmpty();
    }

    @Test
    void aDescriptionThatCannotBeWrittenIsAWriteFailureNotAnUnansweredCall() throws Exception {
        Files.createDirectories(folders.inbox().resolve("images"));
        Files.write(folders.inbox().resolve("images/cat.png"), new PlaceholderRenderer().render("cat", null, null, 1, 1));
        folders.drop("cat.json", "{\"operation\": \"describe\", \"image\": \"images/cat.png\"}");
        folders.awaitProcessed("cat.json");

        String reason = TestFolders.errorRecord(folders.serverErrors(), "cat.json").path("reason").asText();
        assertThat(reason).startsWith("could not write the description of job cat to ").contains("not-a-folder/outbox")
                .doesNotContain("call to").doesNotContain("outcome unknown");
    }
}
