package org.ideogramcamel.store;

/**
 * What happens to one image under {@code ideogram.unsafe}, decided once by {@link UnsafePolicy} and read by the
 * choice in {@code routes/store-image.camel.yaml} and by the sidecar. Store-agnostic: a folder store and an object
 * store follow the same decision.
 *
 * @param unsafe      the provider flagged the image ({@code is_image_safe: false}, {@code has_nsfw_contents: true})
 * @param policy      the configured policy ({@code quarantine}, {@code skip}, {@code keep}), null for a safe image
 * @param recordOnly  nothing is fetched: only a sidecar is written ({@code skip}, or the provider sent no image)
 * @param quarantined the image (or its record) goes to the quarantine store, never the outbox
 * @param note        why, in one line, for the sidecar; null for a safe image
 */
public record UnsafeDecision(boolean unsafe, String policy, boolean recordOnly, boolean quarantined, String note) {

    /** A safe image: fetched and stored in the outbox. */
    public static final UnsafeDecision SAFE = new UnsafeDecision(false, null, false, false, null);
}
