package org.ideogramcamel.journal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.ideogramcamel.job.ImageJob;

/**
 * What the journal knows about one job: enough to resume it after a crash without its prompt file, and never a
 * credential or a provider URL.
 *
 * @param key           the journal key ({@link JournalKeys})
 * @param state         where the job stands
 * @param job           the job's name
 * @param sourceFile    the prompt file (or the message's synthetic name)
 * @param sourceLine    the JSONL line, if any
 * @param sourceContent the job's original input, so a dead-letter record can still carry it
 * @param provider      the dialect that serves the job
 * @param model         the model, in the provider's words
 * @param canonicalJob  the validated, provider-neutral job
 * @param predictionId  the provider's prediction id, once known
 * @param resumeHandle  what the dialect needs to poll the prediction again (opaque; null for synchronous providers)
 * @param reason        why it failed, one line
 * @param recordedAt    when the create was about to leave
 * @param updatedAt     when the entry was last written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JournalEntry(
        String key,
        State state,
        String job,
        @JsonProperty("source_file") String sourceFile,
        @JsonProperty("source_line") Integer sourceLine,
        @JsonProperty("source_content") String sourceContent,
        String provider,
        String model,
        @JsonProperty("canonical_job") ImageJob canonicalJob,
        @JsonProperty("prediction_id") String predictionId,
        @JsonProperty("resume_handle") String resumeHandle,
        String reason,
        @JsonProperty("recorded_at") String recordedAt,
        @JsonProperty("updated_at") String updatedAt) {

    /** The life of a journaled job; only {@code stored} and {@code failed} are final. */
    public enum State {
        /**
         * A keyed message (a Kafka job) was taken from its bus and is about to be acknowledged there; nothing was
         * sent for it yet, so a restart runs it as new.
         */
        @JsonProperty("received") RECEIVED,
        /**
         * The create was refused before anything could be billed (429 or 5xx, or the request never left) and waits
         * for its retry: after a restart it runs as new.
         */
        @JsonProperty("not_sent") NOT_SENT,
        /** The create is about to leave (or left): its answer is not known. */
        @JsonProperty("sending") SENDING,
        /** The provider answered the create; the prediction id (and resume handle) are known. */
        @JsonProperty("created") CREATED,
        /** Every image of the job is stored. */
        @JsonProperty("stored") STORED,
        /** The job was dead-lettered. */
        @JsonProperty("failed") FAILED;

        public boolean isFinal() {
            return this == STORED || this == FAILED;
        }
    }

    /** The same entry in a new state, stamped now. */
    public JournalEntry moveTo(State next, String nextReason) {
        return new JournalEntry(key, next, job, sourceFile, sourceLine, sourceContent, provider, model, canonicalJob,
                predictionId, resumeHandle, nextReason, recordedAt, Instant.now().toString());
    }

    /** The entry once the create was answered. */
    public JournalEntry created(String id, String handle) {
        return new JournalEntry(key, State.CREATED, job, sourceFile, sourceLine, sourceContent, provider, model,
                canonicalJob, id, handle, null, recordedAt, Instant.now().toString());
    }

    /** When the entry was last written (for pruning). */
    public Instant lastWritten() {
        return Instant.parse(updatedAt != null ? updatedAt : recordedAt);
    }

    /** A job that came from a prompt file (message jobs have keys of their own and are never deduplicated). */
    public boolean isFromFile() {
        return !key.startsWith(JournalKeys.MESSAGE_PREFIX);
    }
}
