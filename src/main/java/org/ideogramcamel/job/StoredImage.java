package org.ideogramcamel.job;

/**
 * Where a result landed and what it is: an image, or the description file of a describe job. This is what a
 * request-reply caller gets back.
 *
 * @param location    file path (or, for object stores, {@code s3://bucket/key})
 * @param sidecar     location of the metadata sidecar
 * @param contentType the media type sniffed from the bytes
 * @param bytes       size
 * @param sha256      hex digest of the bytes (null for a description)
 */
public record StoredImage(String location, String sidecar, String contentType, long bytes, String sha256) {
}
