package org.ideogramcamel.store;

import org.ideogramcamel.job.StoredImage;

/**
 * What a killed run already made of one image, found by its sidecar: stored (a safe image, or an unsafe one under
 * {@code ideogram.unsafe=keep}), quarantined, or only recorded (unsafe and not downloaded).
 *
 * @param outcome  which of the three
 * @param location the image (stored, quarantined) or its record-only sidecar
 * @param stored   the result a stored image counts as; for the other outcomes the same shape, never a result
 */
public record EarlierImage(Outcome outcome, String location, StoredImage stored) {

    public enum Outcome {
        /** In the outbox or the bucket: one of the job's results. */
        STORED,
        /** Set aside in {@code ideogram.quarantine} (ideogram.unsafe=quarantine): paid for, not a result. */
        QUARANTINED,
        /** Flagged unsafe and not downloaded: only its sidecar was written. */
        RECORDED_ONLY
    }
}
