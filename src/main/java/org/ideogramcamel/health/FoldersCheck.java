package org.ideogramcamel.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the inbox can be read and the outbox written (a file is created and deleted there, the only test
 * that survives read-only mounts, full disks and ACLs). Folders that do not exist yet count as fine when they
 * can be created, as the app creates them on first use.
 */
public class FoldersCheck extends AbstractHealthCheck {

    private final Path inbox;
    private final Path outbox;

    public FoldersCheck(Path inbox, Path outbox) {
        super("ideogram", "ideogram-folders");
        this.inbox = inbox;
        this.outbox = outbox;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> problems = new ArrayList<>();
        if (Files.exists(inbox) && !(Files.isDirectory(inbox) && Files.isReadable(inbox))) {
            problems.add("inbox " + inbox + " is not a readable folder");
        }
        String outboxProblem = writeProblem(outbox);
        if (outboxProblem != null) {
            problems.add(outboxProblem);
        }
        builder.detail("inbox", inbox.toString()).detail("outbox", outbox.toString());
        if (problems.isEmpty()) {
            builder.message("inbox readable, outbox writable").up();
        } else {
            builder.message(String.join("; ", problems)).down();
        }
    }

    private static String writeProblem(Path folder) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".ready-", ".probe");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return "outbox " + folder + " is not writable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
