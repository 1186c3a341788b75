package org.ideogramcamel.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness says DOWN, naming the folder, when images could not be stored. */
class FoldersCheckTest {

    @TempDir
    Path home;

    HealthCheck.Result check(Path inbox, Path outbox) {
        FoldersCheck check = new FoldersCheck(inbox, outbox);
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
}
