package org.ideogramcamel.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.ideogramcamel.ImageFormat;

/**
 * Resolves the {@code image} and {@code mask} paths of a job. A path is relative to the prompt file's folder
 * (the inbox) and must stay inside it, symbolic links included: a job must never make the app read, and send
 * to a provider, a file the user did not put in the inbox. Source images belong in a sub-folder such as
 * {@code inbox/images/}, which the inbox watcher does not read as prompt files.
 */
public final class SourceImages {

    private final Path inbox;
    private final long maxBytes;

    public SourceImages(Path inbox, long maxBytes) {
        this.inbox = inbox == null ? null : inbox.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    public static SourceImages none() {
        return new SourceImages(null, 0);
    }

    public Path resolve(String field, String relative) {
        if (relative == null) {
            return null;
        }
        String shown = InvalidJobException.shown(relative);
        if (inbox == null) {
            throw new InvalidJobException(field + ": " + shown + " cannot be read here; source images are only"
                    + " taken from the inbox");
        }
        Path path;
        try {
            Path given = Path.of(relative);
            if (given.isAbsolute()) {
                throw new InvalidJobException(field + ": " + shown + " is an absolute path; give a path relative"
                        + " to the prompt file such as images/photo.png");
            }
            path = inbox.resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidJobException(field + ": " + shown + " is not a valid path");
        }
        if (!path.startsWith(inbox)) {
            throw new InvalidJobException(field + ": " + shown + " leaves the inbox; put source images in a folder"
                    + " inside it such as images/");
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidJobException(field + ": " + shown + " does not exist in the inbox");
        }
        try {
            if (!path.toRealPath().startsWith(inbox.toRealPath())) {
                throw new InvalidJobException(field + ": " + shown + " is a link that leaves the inbox");
            }
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new InvalidJobException(field + ": " + shown + " is " + size + " bytes, over the " + maxBytes
                        + "-byte limit (ideogram.max-image-size)");
            }
            byte[] head = new byte[ImageFormat.SNIFF_BYTES];
            int read;
            try (var in = Files.newInputStream(path)) {
                read = in.readNBytes(head, 0, head.length);
            }
            if (ImageFormat.sniff(head, read) == null) {
                throw new InvalidJobException(field + ": " + shown + " is not a PNG, JPEG, WebP or GIF image");
            }
        } catch (IOException e) {
            throw new InvalidJobException(field + ": " + shown + " cannot be read: " + e.getClass().getSimpleName());
        }
        return path;
    }
}
