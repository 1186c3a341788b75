package org.ideogramcamel.deadletter;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.ideogramcamel.job.FailureKind;

/**
 * The {@code <name>.error.json} written beside the original input in a dead-letter channel.
 *
 * @param channel         {@code client-errors} (never retried) or {@code server-errors} (retried, then given up)
 * @param reason          one line: what went wrong and, where the user can act, what to do
 * @param job             the job's name
 * @param sourceFile      the prompt file the job came from
 * @param sourceLine      the JSONL line, if any
 * @param file            the name the original input has in this channel, beside this record ({@code malformed.json},
 *                        or {@code malformed-2.json} when an earlier dead letter had that name: none is overwritten)
 * @param image           the image index when one image of a job failed
 * @param provider        the provider the job was for
 * @param httpStatus      the HTTP status of the failing answer, if any
 * @param providerMessage the provider's own words, if any
 * @param predictionId    the provider's prediction id, if one was created
 * @param attempts        how many times the failing step was tried
 * @param failedAt        ISO-8601 time of the failure
 * @param failure         the failure's kind ({@code outcome_unknown}, {@code server_error} …, the metrics' reason):
 *                        {@code bin/ideogram-camel retry} never resends an {@code outcome_unknown} job unless asked
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
        String file,
        Integer image,
        String provider,
        @JsonProperty("http_status") Integer httpStatus,
        @JsonProperty("provider_message") String providerMessage,
        @JsonProperty("prediction_id") String predictionId,
        int attempts,
        @JsonProperty("failed_at") String failedAt,
        String failure,
        java.util.Map<String, Object> failover) {

    public static final String CLIENT_ERRORS = "client-errors";
    public static final String SERVER_ERRORS = "server-errors";

    /** The failure kind of a create that may have been billed although no answer came. */
    public static final String OUTCOME_UNKNOWN = FailureKind.OUTCOME_UNKNOWN.label();

    @JsonIgnore
    public boolean isClientError() {
        return CLIENT_ERRORS.equals(channel);
    }

    /** For a log line: the prompt file (and JSONL line) the failed job came from, else the job. */
    @JsonIgnore
    public String source() {
        if (sourceFile == null) {
            return job == null ? "unknown input" : "job " + job;
        }
        return sourceLine == null ? sourceFile : sourceFile + " line " + sourceLine;
    }
}
