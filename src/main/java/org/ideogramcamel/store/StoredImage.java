package org.ideogramcamel.store;

/**
 * Where an image landed and what it is.
 *
 * @param location    file path (or, for object stores, {@code s3://bucket/key})
 * @param sidecar     location of the metadata sidecar
 * @param contentType the media type sniffed from the bytes
 * @param bytes       size
 * @param sha256      hex digest of the bytes
 */
public record StoredImage(String location, String sidecar, String contentType, long bytes, String sha256) {
}
