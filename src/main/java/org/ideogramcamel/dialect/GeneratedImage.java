package org.ideogramcamel.dialect;

/**
 * One image of a prediction: a URL to download at once (provider URLs expire), or bytes already in hand.
 *
 * @param index      1-based position in the prediction
 * @param url        where to download it, or null when {@code bytes} holds the bytes
 * @param bytes      the image bytes when the provider sent them in the answer
 * @param seed       the seed the provider reports for this image, if any
 * @param resolution {@code WxH} the provider reports, if any
 * @param safe       false when the provider flagged the image as unsafe; such an image is recorded, never fetched
 */
public record GeneratedImage(int index, String url, byte[] bytes, Long seed, String resolution, boolean safe) {

    /** A safe image, the common case. */
    public GeneratedImage(int index, String url, byte[] bytes, Long seed, String resolution) {
        this(index, url, bytes, seed, resolution, true);
    }

    public boolean isUnsafe() {
        return !safe;
    }

    public boolean isInline() {
        return bytes != null;
    }
}
