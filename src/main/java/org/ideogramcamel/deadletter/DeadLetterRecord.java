package org.ideogramcamel.deadletter;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code <name>.error.json} written beside the original input in a dead-letter channel.
 *
 * @param channel         {@code client-errors} (never retried) or {@code server-errors} (retried, then given up)
 * @param reason          one line: what went wrong and, where the user can act, what to do
 * @param job             the job's name
 * @param sourceFile      the prompt file the job came from
 * @param sourceLine      the JSONL line, if any
 * @param image           the image index when one image of a job failed
 * @param provider        the provider the job was for
 * @param httpStatus      the HTTP status of the failing answer, if any
 * @param providerMessage the provider's own words, if any
 * @param predictionId    the provider's prediction id, if one was created
 * @param attempts        how many times the failing step was tried
 * @param failedAt        ISO-8601 time of the failure
 * @param failover        when the job moved to another provider ({@code ideogram.failover}): {@code from},
 *                        {@code to} and {@code reason}; null when it did not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterRecord(
        String channel,
        String reason,
        String job,
        @JsonProperty("source_file") String sourceFile,
        @JsonProperty("source_line") Integer sourceLine,
        Integer image,
        String provider,
        @JsonProperty("http_status") Integer httpStatus,
        @JsonProperty("provider_message") String providerMessage,
        @JsonProperty("prediction_id") String predictionId,
        int attempts,
        @JsonProperty("failed_at") String failedAt,
        java.util.Map<String, Object> failover) {

    /** A record of a job that stayed with its provider. */
    public DeadLetterRecord(String channel, String reason, String job, String sourceFile, Integer sourceLine,
            Integer image, String provider, Integer httpStatus, String providerMessage, String predictionId,
            int attempts, String failedAt) {
        this(channel, reason, job, sourceFile, sourceLine, image, provider, httpStatus, providerMessage, predictionId,
                attempts, failedAt, null);
    }

    public static final String CLIENT_ERRORS = "client-errors";
    public static final String SERVER_ERRORS = "server-errors";

    @JsonIgnore
    public boolean isClientError() {
        return CLIENT_ERRORS.equals(channel);
    }
}
