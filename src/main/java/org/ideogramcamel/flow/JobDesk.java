package org.ideogramcamel.flow;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.ideogramcamel.CamelHeaders;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.job.FileOutcome;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.InvalidJobException;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.job.JobValidator;
import org.ideogramcamel.job.StoredImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route-facing steps that open and close a job: read a prompt file into tickets, accept a ticket (parse,
 * validate, check the provider can honour it) before any call, and report how the job ended.
 */
public class JobDesk {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.jobs");

    /** Header that names a job sent as a message (its output files are named after it). */
    public static final String JOB_NAME_HEADER = "IdeogramJobName";
    private static final List<String> NUMERIC_FIELDS = List.of("seed", "num_images", "image_weight");

    private final JobReader reader;
    private final JobValidator validator;
    private final Dialects dialects;
    private JobOutcomes outcomes = JobOutcomes.NONE;

    public JobDesk(JobReader reader, JobValidator validator, Dialects dialects) {
        this.reader = reader;
        this.validator = validator;
        this.dialects = dialects;
    }

    /** Where the jobs' milestones are reported (metrics, batch progress); nowhere by default. */
    public JobDesk reportTo(JobOutcomes outcomes) {
        this.outcomes = outcomes;
        return this;
    }

    /**
     * Route step: the prompt file in the body becomes a list of tickets, one per job. A file over the size limit
     * is refused from its length alone, without loading it.
     */
    public List<JobTicket> readFile(Exchange exchange) throws InvalidPayloadException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class);
        exchange.setProperty(ExchangeKeys.FILE_OUTCOME, new FileOutcome());
        List<JobTicket> tickets = length != null && length > reader.maxBytes()
                ? List.of(reader.oversized(name, length))
                : reader.read(name, exchange.getMessage().getMandatoryBody(byte[].class));
        outcomes.jobsRead(tickets.size());
        return tickets;
    }

    /**
     * Route step: a job that arrived as a message (body: a Map, JSON or YAML text, or the prompt as text) becomes a
     * ticket; headers named {@code Ideogram<Field>} ({@code IdeogramProvider}, {@code IdeogramAspectRatio},
     * {@code IdeogramNumImages} …) override the body's fields, and {@code IdeogramJobName} names the job.
     */
    public JobTicket readMessage(Exchange exchange) {
        Message message = exchange.getMessage();
        String name = message.getHeader(JOB_NAME_HEADER, String.class);
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            name = "message-" + exchange.getExchangeId().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        }
        JobTicket ticket = reader.readMessage(name, message.getBody());
        if (ticket.isReadable()) {
            for (String field : JobValidator.FIELDS) {
                Object value = message.getHeader(headerFor(field));
                if (value instanceof Number number) {
                    ticket.fields().put(field, number.longValue());
                } else if (value != null && NUMERIC_FIELDS.contains(field) && value.toString().matches("-?\\d{1,18}")) {
                    ticket.fields().put(field, Long.parseLong(value.toString()));
                } else if (value != null) {
                    ticket.fields().put(field, value.toString());
                }
            }
        }
        exchange.setProperty(ExchangeKeys.FILE_OUTCOME, new FileOutcome());
        outcomes.jobsRead(1);
        return ticket;
    }

    /** The header that overrides a job field: {@code aspect_ratio} → {@code IdeogramAspectRatio}. */
    public static String headerFor(String field) {
        StringBuilder header = new StringBuilder("Ideogram");
        for (String part : field.split("_")) {
            header.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return header.toString();
    }

    /**
     * Route step for request-reply: the stored results of the job, or a {@link JobFailedException} carrying the
     * dead-letter reason when it failed.
     */
    public List<StoredImage> reply(Exchange exchange) {
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        String job = ticket == null ? "?" : ticket.source().jobName();
        if (progress == null || !progress.isComplete()) {
            throw new JobFailedException(job, progress == null ? List.of() : progress.failures());
        }
        CamelHeaders.keepOnly(exchange.getMessage());
        return progress.results();
    }

    /**
     * Route step: the ticket in the body becomes the validated job. Throws {@link InvalidJobException} with a
     * one-line reason when the input is unreadable, invalid, or asks for something its provider cannot do.
     */
    public ImageJob accept(Exchange exchange) throws InvalidPayloadException {
        JobTicket ticket = exchange.getMessage().getMandatoryBody(JobTicket.class);
        exchange.setProperty(ExchangeKeys.JOB_ID, ticket.source().jobName());
        ImageJob accepted = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        if (accepted != null && exchange.getProperty(ExchangeKeys.TICKET) == ticket) {
            // accepted already by an intake that had to answer its caller first (HTTP: 400 or 202); validating
            // again could only disagree with the answer it gave
            return accepted;
        }
        exchange.setProperty(ExchangeKeys.TICKET, ticket);
        JobProgress progress = new JobProgress();
        exchange.setProperty(ExchangeKeys.PROGRESS, progress);
        outcomes.jobReceived(exchange);
        if (!ticket.isReadable()) {
            throw new InvalidJobException(ticket.problem());
        }
        ImageJob job = validator.validate(ticket.source().jobName(), ticket.fields());
        exchange.setProperty(ExchangeKeys.JOB, job);
        List<String> refusals = dialects.refusals(exchange, job);
        if (!refusals.isEmpty()) {
            throw new InvalidJobException(String.join("; ", refusals));
        }
        outcomes.jobAccepted(progress);
        return job;
    }

    /** Route step: a duplicate of a job already stored ends here, without a call; it still leaves the gauges. */
    public void duplicate(Exchange exchange) {
        outcomes.jobSkipped(exchange, true);
    }

    /** Route step: an HTTP job the full queue refused (503) ends here; it never reached a provider. */
    public void refused(Exchange exchange) {
        outcomes.jobSkipped(exchange, false);
    }

    /**
     * Route step of the HTTP intake's error answers: a job refused as invalid (400) was counted as received, so it is
     * counted as failed too ({@code ideogram_jobs_failed_total{reason="invalid"}}). Other refusals (401, 415, a bad
     * name) come before the job is read and count nowhere.
     */
    public void refusedInvalid(Exchange exchange) {
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof InvalidJobException) {
            outcomes.jobRefused(exchange);
        }
    }

    /** Milliseconds as seconds with one decimal ("12.3"), as {@code %.1f} would print them, without a Formatter. */
    static String tenths(long millis) {
        long tenths = (Math.max(0, millis) + 50) / 100;
        return (tenths / 10) + "." + (tenths % 10);
    }

    /** Route step: logs how the job ended and counts it for its prompt file. */
    public JobProgress finish(Exchange exchange) {
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        FileOutcome file = exchange.getProperty(ExchangeKeys.FILE_OUTCOME, FileOutcome.class);
        if (progress == null || job == null) {
            return progress;
        }
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        String source = ticket == null ? job.name() : ticket.source().fileName()
                + (ticket.source().line() == null ? "" : " line " + ticket.source().line());
        String seconds = tenths(Duration.between(progress.startedAt(), java.time.Instant.now()).toMillis());
        if (progress.isComplete()) {
            if (file != null) {
                file.jobStored();
            }
            // one line per job: placeholders, not String.format (a Formatter per job was a visible share of its CPU)
            LOG.info("{} for {} in {} s via {}", outcome(job, progress), source, seconds, job.provider());
        } else {
            if (file != null) {
                file.jobFailed();
            }
            LOG.warn("job {} failed after {} s via {}: {}", source, seconds, job.provider(), progress.reason());
        }
        outcomes.jobEnded(exchange);
        return progress;
    }

    private static String outcome(ImageJob job, JobProgress progress) {
        if (job.is("describe")) {
            return "stored the description";
        }
        int stored = progress.locations().size();
        String text = "stored " + stored + " image" + (stored == 1 ? "" : "s");
        return progress.unsafeCount() == 0 ? text : text + " (and recorded " + progress.unsafeCount()
                + " the provider flagged unsafe)";
    }
}
