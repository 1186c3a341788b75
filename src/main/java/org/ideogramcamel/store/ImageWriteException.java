package org.ideogramcamel.store;

import java.io.IOException;
import java.nio.file.Path;

import org.ideogramcamel.OneLine;

/**
 * A folder store (the outbox, the quarantine) could not write an image or its sidecar: a write failure, not a
 * download failure. When the bytes could be kept, the image is held ({@link HeldImage}) and the dead-letter channel
 * gets it with its sidecar; such a failure is not retried (a folder that refuses writes does not heal in seconds).
 */
public class ImageWriteException extends IOException {

    private final boolean held;

    ImageWriteException(String what, Path folder, IOException cause, boolean held) {
        super("could not write " + what + " to " + folder.toAbsolutePath() + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + OneLine.of(cause.getMessage(), 300))
                + " (check that the folder exists and the app may write to it)", cause);
        this.held = held;
    }

    /** The image's bytes are held for the dead-letter channel; without them a retry downloads the image again. */
    public boolean isHeld() {
        return held;
    }

    /** The write failure somewhere in the chain, or null. */
    public static ImageWriteException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ImageWriteException write) {
                return write;
            }
        }
        return null;
    }
}
