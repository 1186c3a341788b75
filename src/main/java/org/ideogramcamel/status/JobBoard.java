package org.ideogramcamel.status;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobProgress;

/**
 * Where each job submitted over HTTP stands: queued, running, stored (with its locations) or failed (with the
 * dead-letter reason). Held in memory and bounded: past {@code capacity} jobs the oldest finished one is
 * forgotten. Unfinished jobs are never forgotten; there are at most as many as the queue and the jobs in flight.
 * A restart forgets the board (and the queued jobs with it).
 */
public class JobBoard {

    /** Exchange property that carries a job's board id through the pipeline. */
    public static final String ID_PROPERTY = "IdeogramBoardId";

    private final int capacity;
    private final Clock clock;
    private final Map<String, JobStatus> jobs = new LinkedHashMap<>();

    public JobBoard(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Records a job that was just accepted, under the id in {@link #ID_PROPERTY}. */
    public synchronized JobStatus queued(String id, ImageJob job) {
        JobStatus status = new JobStatus(id, JobStatus.QUEUED, job.name(), job.provider(), List.of(), null,
                clock.instant().toString(), null);
        jobs.put(id, status);
        forgetOldestFinished();
        return status;
    }

    /** Route step: the job has left the queue and is on its way to the provider. */
    public void running(Exchange exchange) {
        update(exchange.getProperty(ID_PROPERTY, String.class),
                status -> status.with(JobStatus.RUNNING, List.of(), null, null));
    }

    /**
     * Route step, whatever happened: stored when every image was stored, otherwise failed with the reasons the
     * dead-letter records gave (or the exception that escaped the pipeline).
     */
    public void ended(Exchange exchange) {
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        Exception escaped = exchange.getException();
        String finishedAt = clock.instant().toString();
        update(exchange.getProperty(ID_PROPERTY, String.class), status -> {
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

    /** A job that was recorded but could not be queued after all. */
    public synchronized void forget(String id) {
        jobs.remove(id);
    }

    public synchronized Optional<JobStatus> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public synchronized int size() {
        return jobs.size();
    }

    private synchronized void update(String id, java.util.function.UnaryOperator<JobStatus> change) {
        if (id != null) {
            jobs.computeIfPresent(id, (key, status) -> change.apply(status));
        }
    }

    private void forgetOldestFinished() {
        Iterator<JobStatus> oldestFirst = jobs.values().iterator();
        while (jobs.size() > capacity && oldestFirst.hasNext()) {
            if (oldestFirst.next().isFinished()) {
                oldestFirst.remove();
            }
        }
    }
}
