package org.ideogramcamel.store;

import java.io.IOException;

import org.ideogramcamel.OneLine;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * What an S3 failure means: worth another upload (5xx, throttling, timeouts, connection errors) or not (403, a
 * missing bucket, no credentials), and the one line a user reads in the dead-letter record. The only place
 * outside the S3 client set-up that knows the AWS SDK's exception types.
 */
public final class S3Failures {

    private S3Failures() {
    }

    /** The AWS SDK exception somewhere in the chain (camel-aws2-s3 may wrap it), or null. */
    public static SdkException cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SdkException sdk) {
                return sdk;
            }
        }
        return null;
    }

    public static boolean isRetryable(Throwable failure) {
        SdkException sdk = cause(failure);
        if (sdk instanceof SdkServiceException service) {
            int status = service.statusCode();
            return status >= 500 || status == 408 || status == 429 || service.isThrottlingException();
        }
        if (sdk instanceof ApiCallTimeoutException || sdk instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (sdk instanceof SdkClientException) {
            for (Throwable t = sdk; t != null; t = t.getCause()) {
                if (t instanceof IOException) {
                    return true;
                }
            }
        }
        return false;
    }

    /** HTTP status of S3's answer, if it answered. */
    public static Integer status(Throwable failure) {
        return cause(failure) instanceof SdkServiceException service && service.statusCode() > 0
                ? service.statusCode() : null;
    }

    /** One line: which image, where, what S3 (or the network) said, and what to check. */
    public static String reason(Throwable failure, HeldImage held, int imageIndex) {
        SdkException sdk = cause(failure);
        String what;
        String hint;
        if (sdk instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            what = "S3 answered " + aws.statusCode() + " " + aws.awsErrorDetails().errorCode() + ": "
                    + OneLine.of(String.valueOf(aws.awsErrorDetails().errorMessage()), 200);
            hint = switch (aws.statusCode()) {
                case 301, 400 -> "check ideogram.s3.region, ideogram.s3.endpoint-override and ideogram.s3.force-path-style";
                case 403 -> "check the credentials (ideogram.s3.access-key/secret-key or the AWS default chain) and"
                        + " the bucket policy";
                case 404 -> "create the bucket or fix ideogram.s3.bucket";
                default -> "S3 or the S3-compatible server is failing; retry later";
            };
        } else {
            Throwable root = sdk != null ? sdk : failure;
            what = root.getClass().getSimpleName() + ": " + OneLine.of(String.valueOf(root.getMessage()), 300);
            hint = "check that the S3 endpoint is reachable (ideogram.s3.endpoint-override, ideogram.s3.region)"
                    + " and that credentials are available";
        }
        String target = held.location() != null ? held.location() : held.destination();
        return "could not store image " + imageIndex + " in S3 " + held.destination()
                + (held.location() != null ? " as " + target : "") + ": " + what + " (" + hint
                + "); the image and its sidecar are kept in this channel";
    }
}
