package org.ideogramcamel.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Every store routes/store-image.camel.yaml may have put an image in, asked in turn: the quarantine folder (an
 * unsafe image under ideogram.unsafe=quarantine, whatever ideogram.store says), the outbox folder (the folder
 * store, and the record of a skipped image under any store) and the bucket (answers only when
 * ideogram.store=s3). Each store is asked, not only the one today's settings point to, because a killed run may
 * have stored the image under other settings, and a second download would pay for nothing.
 */
public final class EarlierImages implements StoredImageLookup {

    private final List<StoredImageLookup> stores;

    public EarlierImages(StoredImageLookup... stores) {
        this.stores = List.of(stores);
    }

    @Override
    public Optional<EarlierImage> find(PredictionImage image) throws IOException {
        for (StoredImageLookup store : stores) {
            Optional<EarlierImage> found = store.find(image);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
