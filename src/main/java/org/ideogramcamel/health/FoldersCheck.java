package org.ideogramcamel.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness: the inbox can be read and the folders images are written to can be written (a file is created and
 * deleted there, the only test that survives read-only mounts, full disks and ACLs). Which folders those are
 * depends on the configuration: the outbox with {@code ideogram.store=folder}, the spool the S3 store uploads from
 * with {@code ideogram.store=s3}, and the quarantine folder when flagged images go there. Folders that do not
 * exist yet count as fine when they can be created, as the app creates them on first use.
 */
public class FoldersCheck extends ReadinessCheck {

    /**
     * A folder images are written to.
     *
     * @param name    how the check's message names it
     * @param detail  the key of its path in the check's details
     * @param setting the key that places it, named when it cannot be written
     * @param path    the folder
     */
    public record WrittenFolder(String name, String detail, String setting, Path path) {

        /** Where {@code ideogram.store=folder} stores images. */
        public static WrittenFolder outbox(Path path) {
            return new WrittenFolder("outbox", "outbox", "ideogram.outbox", path);
        }

        /** Where {@code ideogram.store=s3} holds each image until S3 has it ({@code <ideogram.state>/s3-spool}). */
        public static WrittenFolder s3Spool(Path path) {
            return new WrittenFolder("S3 spool folder", "s3-spool", "ideogram.state", path);
        }

        /** Where {@code ideogram.unsafe=quarantine} puts images the provider flagged. */
        public static WrittenFolder quarantine(Path path) {
            return new WrittenFolder("quarantine folder", "quarantine", "ideogram.quarantine", path);
        }
    }

    private final Path inbox;
    private final List<WrittenFolder> written;

    public FoldersCheck(Path inbox, List<WrittenFolder> written) {
        super("folders");
        this.inbox = inbox;
        this.written = List.copyOf(written);
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> problems = new ArrayList<>();
        if (Files.exists(inbox) && !(Files.isDirectory(inbox) && Files.isReadable(inbox))) {
            problems.add("inbox " + inbox + " is not a readable folder");
        }
        builder.detail("inbox", inbox.toString());
        for (WrittenFolder folder : written) {
            String problem = writeProblem(folder);
            if (problem != null) {
                problems.add(problem);
            }
            builder.detail(folder.detail(), folder.path().toString());
        }
        if (problems.isEmpty()) {
            builder.message("inbox readable, " + written.stream().map(folder -> folder.name() + " writable")
                    .collect(Collectors.joining(", "))).up();
        } else {
            builder.message(String.join("; ", problems)).down();
        }
    }

    private static String writeProblem(WrittenFolder folder) {
        try {
            Files.createDirectories(folder.path());
            Path probe = Files.createTempFile(folder.path(), ".ready-", ".probe");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return folder.name() + " " + folder.path() + " is not writable (" + e.getClass().getSimpleName()
                    + "); make it writable or set " + folder.setting() + " to a folder that is";
        }
    }
}
