package org.ideogramcamel.store;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the one S3 client the store uses (camel-aws2-s3 gets it as {@code #ideogramS3Client}). Building it here
 * rather than from endpoint options keeps the access keys out of every endpoint URI (URIs show up in logs,
 * JMX and route dumps), and lets the route's redelivery be the only retry: the SDK's own retries are off, so
 * "retried N times" means N uploads. Building a client contacts nothing, so the app starts with S3 down.
 */
public final class S3Clients {

    private S3Clients() {
    }

    public static S3Client build(S3Options options) {
        AwsCredentialsProvider credentials = options.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(options.accessKey(), options.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(options.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(options.forcePathStyle())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofMinutes(5)));
        if (options.endpointOverride() != null) {
            // S3-compatible servers often reject the SDK's default streaming checksums (aws-chunked trailers);
            // the sidecar's sha256 is the integrity record either way
            builder.endpointOverride(options.endpointOverride())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }
}
