package org.ideogramcamel.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.junit.jupiter.api.Test;
import org.ideogramcamel.health.FoldersCheck.WrittenFolder;
import org.junit.jupiter.api.io.TempDir;

/** Readiness says DOWN, naming the folder, when images could not be stored. */
class FoldersCheckTest {

    @TempDir
    Path home;

    HealthCheck.Result check(Path inbox, Path outbox) {
        return check(inbox, WrittenFolder.outbox(outbox));
    }

    HealthCheck.Result check(Path inbox, FoldersCheck.WrittenFolder... written) {
        return check(new FoldersCheck(inbox, List.of(written)));
    }

    static HealthCheck.Result check(FoldersCheck check) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(check);
        check.doCall(builder, Map.of());
        return builder.build();
    }

    @Test
    void upWhenTheOutboxCanBeWritten() {
        HealthCheck.Result result = check(home.resolve("inbox"), home.resolve("outbox"));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(home.resolve("outbox")).isDirectory().isEmptyDirectory(); // the probe file is gone again
    }

    @Test
    void downWhenTheOutboxIsAFile() throws IOException {
        Path outbox = Files.writeString(home.resolve("outbox"), "not a folder");

        HealthCheck.Result result = check(home.resolve("inbox"), outbox);

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString().contains("outbox " + outbox).contains("not writable");
    }

    @Test
    void downWhenTheInboxIsNotAFolder() throws IOException {
        Path inbox = Files.writeString(home.resolve("inbox"), "not a folder");

        HealthCheck.Result result = check(inbox, home.resolve("outbox"));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString().contains("inbox " + inbox + " is not a readable folder");
    }

    @Test
    void theS3SpoolIsProbedAndNamedInTheMessage() {
        Path spool = home.resolve("state").resolve("s3-spool");

        HealthCheck.Result result = check(home.resolve("inbox"), WrittenFolder.s3Spool(spool));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getMessage()).get().isEqualTo("inbox readable, S3 spool folder writable");
        assertThat(result.getDetails()).containsEntry("s3-spool", spool.toString());
        // which folders the s3 store is checked with (the spool, not the outbox): S3StoreRoutesTest
        assertThat(spool).isDirectory().isEmptyDirectory();
    }

    @Test
    void downWhenTheS3SpoolCannotBeWrittenEvenIfTheOutboxCould() throws IOException {
        Files.createDirectories(home.resolve("outbox"));
        Path state = Files.writeString(home.resolve("state"), "not a folder");
        Path spool = state.resolve("s3-spool");

        HealthCheck.Result result = check(home.resolve("inbox"), WrittenFolder.s3Spool(spool));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString()
                .startsWith("S3 spool folder " + spool + " is not writable (").contains("set ideogram.state");
    }

    @Test
    void theQuarantineFolderIsCheckedBesideTheOutbox() throws IOException {
        Path outbox = home.resolve("outbox");
        Path quarantine = home.resolve("quarantine");
        assertThat(check(home.resolve("inbox"), WrittenFolder.outbox(outbox), WrittenFolder.quarantine(quarantine))
                .getMessage()).get().isEqualTo("inbox readable, outbox writable, quarantine folder writable");

        Files.delete(quarantine);
        Files.writeString(quarantine, "not a folder");
        HealthCheck.Result result = check(home.resolve("inbox"), WrittenFolder.outbox(outbox),
                WrittenFolder.quarantine(quarantine));

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).get().asString()
                .isEqualTo("quarantine folder " + quarantine + " is not writable (FileAlreadyExistsException);"
                        + " make it writable or set ideogram.quarantine to a folder that is");
        assertThat(result.getDetails()).containsEntry("outbox", outbox.toString())
                .containsEntry("quarantine", quarantine.toString());
    }
}
