package org.ideogramcamel.store;

import java.io.IOException;
import java.util.Optional;

/**
 * A store answering, after a restart, "what did a killed run already store for this image?". Only the store knows
 * where and under which name it put an image, so only the store can answer; the journal asks and never looks
 * itself.
 */
public interface StoredImageLookup {

    /** What this store holds for the image, by its sidecar; empty when it holds nothing for it. */
    Optional<EarlierImage> find(PredictionImage image) throws IOException;
}
