package org.ideogramcamel.status;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobProgress;

/**
 * Where each job submitted over HTTP stands: queued, running, stored (with its locations) or failed (with the
 * dead-letter reason). {@link MemoryJobBoard} keeps it in this process ({@code ideogram.state.store=folder}); the JDBC
 * board keeps it in PostgreSQL, so {@code GET /jobs/{id}} on any instance answers for a job posted to any other.
 */
public interface JobBoard {

    /** Exchange property that carries a job's board id through the pipeline. */
    String ID_PROPERTY = "IdeogramBoardId";

    /** Records a job that was just accepted, under the id in {@link #ID_PROPERTY}. */
    JobStatus queued(String id, ImageJob job);

    /** A job that was recorded but could not be queued after all. */
    void forget(String id);

    Optional<JobStatus> find(String id);

    /** Applies {@code change} to the job's status, if the board still knows the job. */
    void change(String id, UnaryOperator<JobStatus> change);

    /** The clock that dates submissions and ends. */
    Clock clock();

    /** Route step: the job has left the queue and is on its way to the provider. */
    default void running(Exchange exchange) {
        String id = exchange.getProperty(ID_PROPERTY, String.class);
        if (id != null) {
            change(id, status -> status.with(JobStatus.RUNNING, List.of(), null, null));
        }
    }

    /**
     * Route step, whatever happened: stored when every image was stored, otherwise failed with the reasons the
     * dead-letter records gave (or the exception that escaped the pipeline).
     */
    default void ended(Exchange exchange) {
        String id = exchange.getProperty(ID_PROPERTY, String.class);
        if (id == null) {
            return;
        }
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        Exception escaped = exchange.getException();
        String finishedAt = clock().instant().toString();
        change(id, status -> {
            if (escaped == null && progress != null && progress.isComplete()) {
                return status.with(JobStatus.STORED, progress.locations(), null, finishedAt);
            }
            String failures = progress == null ? "" : progress.reason();
            String reason = !failures.isEmpty() ? failures
                    : escaped != null ? OneLine.of(escaped.getMessage())
                    : "the job ended without storing anything";
            return status.with(JobStatus.FAILED, List.of(), reason, finishedAt);
        });
    }

    /** A queued status for a job accepted now. */
    default JobStatus newlyQueued(String id, ImageJob job) {
        return new JobStatus(id, JobStatus.QUEUED, job.name(), job.provider(), List.of(), null,
                clock().instant().toString(), null);
    }
}
