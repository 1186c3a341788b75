package org.ideogramcamel.status;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code GET /jobs/{id}} answers: where a job submitted over HTTP stands.
 *
 * @param id          the id the job was given when it was accepted
 * @param state       {@code queued}, {@code running}, {@code stored} or {@code failed}
 * @param job         the job's name (its output files are {@code <job>-<n>.<ext>})
 * @param provider    the provider the job goes to
 * @param locations   where its results were stored (files, or {@code s3://…}); empty until stored
 * @param reason      why it failed (the dead-letter reason), or null
 * @param submittedAt when it was accepted (ISO-8601)
 * @param finishedAt  when it was stored or failed (ISO-8601), or null
 */
public record JobStatus(String id, String state, String job, String provider, List<String> locations, String reason,
        @JsonProperty("submitted_at") String submittedAt, @JsonProperty("finished_at") String finishedAt) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String STORED = "stored";
    public static final String FAILED = "failed";

    @JsonIgnore
    public boolean isFinished() {
        return STORED.equals(state) || FAILED.equals(state);
    }

    JobStatus with(String newState, List<String> newLocations, String newReason, String newFinishedAt) {
        return new JobStatus(id, newState, job, provider, newLocations, newReason, submittedAt, newFinishedAt);
    }
}
