package org.ideogramcamel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small state file (a journal entry, a day's spend) so that a crash, even a power cut, leaves either the
 * old content or the new, never a torn file: the bytes go to a hidden {@code .<name>.<random>.tmp} beside it, are
 * forced to disk, renamed over the target (an atomic move), and the rename itself is forced.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /** Writes {@code content} as {@code target}; a leftover hidden temporary file only remains if deleting it fails. */
    public static void replace(Path target, byte[] content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path partial = folder.resolve("." + target.getFileName() + "." + TempNames.unique() + ".tmp");
        try {
            try (FileChannel out = create(partial, folder)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceFolder(folder);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover hidden temporary file is never read as state; the journal sweeps its own at start-up
            }
        }
    }

    /** A new file; its folder is made again only when it is missing (someone removed it while the app runs). */
    private static FileChannel create(Path file, Path folder) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException folderGone) {
            Files.createDirectories(folder);
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** Forces the rename itself to disk; some file systems cannot open a folder for that, which is harmless. */
    private static void forceFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows and some file systems: the rename is still atomic, only its durability is the OS's
        }
    }
}
