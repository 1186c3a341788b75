package org.ideogramcamel.flow;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.job.FailureKind;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.metrics.JobMetrics;
import org.ideogramcamel.poll.PollSchedule;

/**
 * Where a job's milestones are reported for operators: the metrics and the batch progress log. The job desk
 * reports reading, acceptance and the end of a job that ran; the dead-letter steps report a job that failed.
 * A job's end is reported once, whichever of them sees it first.
 */
public class JobOutcomes {

    /** Reports nowhere (a bean built without operations, as in unit tests). */
    public static final JobOutcomes NONE = new JobOutcomes(null, null, "offline");

    private final JobMetrics metrics;
    private final BatchProgress batch;
    private final String defaultProvider;

    public JobOutcomes(JobMetrics metrics, BatchProgress batch, String defaultProvider) {
        this.metrics = metrics;
        this.batch = batch;
        this.defaultProvider = defaultProvider;
    }

    /** Jobs just read from a prompt file or a message. */
    public void jobsRead(int count) {
        if (batch != null) {
            batch.added(count);
        }
    }

    /** A ticket reached the job desk, valid or not. */
    public void jobReceived(Exchange exchange) {
        if (metrics != null) {
            metrics.jobReceived(provider(exchange));
        }
    }

    /** The job passed validation and is on its way to its provider. */
    public void jobAccepted(JobProgress progress) {
        progress.takeOff();
        if (metrics != null) {
            metrics.jobStarted();
        }
    }

    /** The job ended: every image stored, or something failed (its reasons are in its progress). */
    public void jobEnded(Exchange exchange) {
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        if (progress == null || !progress.markEnded()) {
            return;
        }
        boolean stored = progress.isComplete();
        if (metrics != null) {
            if (progress.land()) {
                metrics.jobLeftFlight();
            }
            ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
            int images = job == null || job.is("describe") ? 0 : progress.results().size();
            String provider = provider(exchange);
            if (stored) {
                metrics.jobSucceeded(provider, images, Duration.between(progress.startedAt(), Instant.now()));
            } else {
                metrics.jobFailed(provider, progress.failureKind(), images);
            }
            if (exchange.getProperty(ExchangeKeys.PREDICTION) != null) {
                PollSchedule polls = exchange.getProperty(ExchangeKeys.POLL, PollSchedule.class);
                metrics.predictionPolled(polls == null ? 0 : polls.polls());
            }
        }
        if (batch != null) {
            batch.ended(stored);
        }
    }

    /**
     * The job ended without running: a duplicate of one already stored ({@code done}), or an HTTP job the full queue
     * refused. It leaves the in-flight gauge and its batch; it is neither a success nor a failure of a provider.
     */
    public void jobSkipped(Exchange exchange, boolean done) {
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        if (progress == null || !progress.markEnded()) {
            return;
        }
        if (metrics != null && progress.land()) {
            metrics.jobLeftFlight();
        }
        if (batch != null) {
            batch.ended(done);
        }
    }

    /**
     * A job refused before it was taken (POST /jobs answered 400): it counted as received, so it counts as failed,
     * {@code reason="invalid"}. It was never in flight nor part of a batch.
     */
    public void jobRefused(Exchange exchange) {
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        if (progress == null || !progress.markEnded()) {
            return;
        }
        if (metrics != null) {
            metrics.jobFailed(provider(exchange), FailureKind.INVALID, 0);
        }
    }

    /** The job's provider; before validation the one its ticket names, else the default. */
    private String provider(Exchange exchange) {
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        if (job != null) {
            return job.provider();
        }
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        JsonNode named = ticket == null || ticket.fields() == null ? null : ticket.fields().get("provider");
        return named != null && named.isTextual() ? named.asText() : defaultProvider;
    }
}
