package org.ideogramcamel.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The inbox/outbox/done/failed folders of one route test, under {@code target/it/<name>}. */
public final class TestFolders {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path root;

    public TestFolders(String name) {
        this.root = Path.of("target", "it", name);
    }

    /** The {@code properties} entries that point the app at these folders. */
    public static String[] properties(String name) {
        String base = "target/it/" + name + "/";
        return new String[] {"ideogram.inbox=" + base + "inbox", "ideogram.outbox=" + base + "outbox",
            "ideogram.done=" + base + "done", "ideogram.failed=" + base + "failed", "ideogram.state=" + base + "state"};
    }

    public Path inbox() {
        return root.resolve("inbox");
    }

    public Path outbox() {
        return root.resolve("outbox");
    }

    /** Where images the provider flagged unsafe are set aside (ideogram.quarantine). */
    public Path quarantine() {
        return root.resolve("quarantine");
    }

    public Path done() {
        return root.resolve("done");
    }

    public Path clientErrors() {
        return root.resolve("failed/client-errors");
    }

    public Path serverErrors() {
        return root.resolve("failed/server-errors");
    }

    public void clean() {
        delete(root);
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a folder tree (config/, routes/ into an app's home), replacing files already there. */
    public static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops a prompt file the way a careful user does: written aside, then moved in. */
    public void drop(String name, String content) {
        drop(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public void drop(String name, byte[] content) {
        try {
            Files.createDirectories(inbox());
            Path staging = Files.createTempFile(root, "staging", ".tmp");
            Files.write(staging, content);
            Files.move(staging, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the prompt file has left the inbox, i.e. its exchange is complete. */
    public void awaitProcessed(String name) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> !Files.exists(inbox().resolve(name)));
    }

    public List<String> files(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code <name>.error.json} record in a dead-letter folder. */
    public static JsonNode errorRecord(Path folder, String name) {
        return json(folder.resolve(name + ".error.json"));
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
