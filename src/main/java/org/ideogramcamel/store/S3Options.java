package org.ideogramcamel.store;

import java.net.URI;

/**
 * Where the S3 store writes: the bucket, how to reach it, and how to name objects.
 *
 * @param bucket           the bucket (must exist: the app never creates or checks it at start-up)
 * @param region           the signing region ({@code us-east-1} for most S3-compatible stores)
 * @param endpointOverride an S3-compatible server ({@code http://127.0.0.1:9000}), or null for AWS
 * @param forcePathStyle   {@code http://host/bucket/key} instead of {@code http://bucket.host/key} (MinIO, Ceph)
 * @param accessKey        static credentials, or null for the AWS default credentials chain
 * @param secretKey        static credentials, or null for the AWS default credentials chain
 * @param keyTemplate      the object key of an image
 */
public record S3Options(String bucket, String region, URI endpointOverride, boolean forcePathStyle, String accessKey,
        String secretKey, S3KeyTemplate keyTemplate) {

    public boolean hasStaticCredentials() {
        return accessKey != null && secretKey != null;
    }

    /** What a log line or a dead-letter reason may say about the target: never a credential. */
    public String describe() {
        return "bucket '" + bucket + "'" + (endpointOverride == null ? " (AWS, region " + region + ")"
                : " at " + endpointOverride);
    }

    @Override
    public String toString() {
        return "S3Options[" + describe() + ", forcePathStyle=" + forcePathStyle + ", credentials="
                + (hasStaticCredentials() ? "ideogram.s3.access-key" : "AWS default chain") + ", keyTemplate="
                + keyTemplate + "]";
    }

    /** Where an object of this bucket is, as users see it in sidecars, job status and request-reply answers. */
    public String location(String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** The key back from a {@link #location}. */
    public String key(String location) {
        return location.substring(location("").length());
    }
}
