package org.ideogramcamel.deadletter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.ideogramcamel.CamelHeaders;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.FreeNames;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.PrettyJson;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.PredictionFailedException;
import org.ideogramcamel.dialect.PredictionTimedOutException;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderHttpException;
import org.ideogramcamel.flow.JobOutcomes;
import org.ideogramcamel.job.FailureKind;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.InvalidJobException;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.job.JobSource;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.journal.UnresumableJobException;
import org.ideogramcamel.store.HeldImage;
import org.ideogramcamel.store.ImageDownloadException;
import org.ideogramcamel.store.ImageWriteException;
import org.ideogramcamel.store.S3Failures;

/**
 * Route-facing steps of {@code routes/dead-letters.camel.yaml}: classify a failure into the client-errors or
 * server-errors channel, and write its record as two messages, the original input and {@code <name>.error.json}.
 */
public class DeadLetters {

    private static final ObjectMapper JSON = PrettyJson.MAPPER;
    /** Exchange property: the names the failure's files get in their channel ({@link ChannelFiles}). */
    private static final String FILES = "IdeogramDeadLetterFiles";

    private final DeadLetterNames names = new DeadLetterNames();
    private JobOutcomes outcomes = JobOutcomes.NONE;

    /** The names a failure's files get in the channel, chosen once by {@link #describe}. */
    private record ChannelFiles(String input, String record, String heldImage, String heldSidecar) {
    }

    /** Where a job that fails here is counted (metrics, batch progress); nowhere by default. */
    public DeadLetters reportTo(JobOutcomes outcomes) {
        this.outcomes = outcomes;
        return this;
    }

    /**
     * onException predicate: after its record is written a failure is handled (the job simply ends), except when
     * a request-reply caller is waiting for the job: then the exception goes back to the caller. A failed image of
     * such a job is still handled here; the job reports it when it finishes.
     */
    public boolean isHandled(Exchange exchange) {
        boolean callerWaits = exchange.getProperty(ExchangeKeys.REPLY_WANTED, false, Boolean.class);
        return !callerWaits || exchange.getProperty(ExchangeKeys.IMAGE) != null;
    }

    /**
     * Route step: builds the {@link DeadLetterRecord} for the exception that ended the job or image, and picks the
     * names its files get in the channel: an earlier dead letter of the same name is never overwritten (the input
     * becomes {@code malformed-2.json}, its record {@code malformed-2.json.error.json}).
     */
    public DeadLetterRecord describe(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        GeneratedImage image = exchange.getProperty(ExchangeKeys.IMAGE, GeneratedImage.class);
        Prediction prediction = exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class);
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        JobSource source = ticket == null ? null : ticket.source();
        HeldImage held = exchange.getProperty(ExchangeKeys.HELD_IMAGE, HeldImage.class);
        // a held image always goes to server-errors (see the route), so its names are known before the reason
        String[] heldNames = held == null ? null : names.heldImage(exchange, DeadLetterRecord.SERVER_ERRORS, held);

        Classified classified = classify(exchange, failure, job, heldNames);
        String recordSuffix = (image == null ? "" : ".image-" + image.index()) + ".error.json";
        String input = names.input(exchange, classified.channel(), source == null ? "unknown-input"
                : source.recordName(), recordSuffix, progress);
        DeadLetterRecord record = new DeadLetterRecord(
                classified.channel(),
                classified.reason(),
                job != null ? job.name() : source != null ? source.jobName() : null,
                source == null ? null : source.fileName(),
                source == null ? null : source.line(),
                input,
                image == null ? null : image.index(),
                job != null ? job.provider() : null,
                classified.status(),
                classified.providerMessage(),
                prediction == null ? null : prediction.id(),
                RedeliveryCounter.attempts(exchange),
                Instant.now().toString(),
                classified.kind().label(),
                failover(exchange));
        if (progress != null) {
            progress.failed(record.reason(), classified.kind());
        }
        exchange.setProperty(ExchangeKeys.DEAD_LETTER, record);
        exchange.setProperty(FILES, new ChannelFiles(input, input + recordSuffix,
                heldNames == null ? null : heldNames[0], heldNames == null ? null : heldNames[1]));
        exchange.setProperty(ExchangeKeys.DEAD_LETTER_REASON, record.reason());
        CamelHeaders.keepOnly(exchange.getMessage());
        return record;
    }

    /**
     * Route step, for a job that failed as a whole (not one of its images, whose failure its job reports when it
     * ends): the job leaves the in-flight gauge and batch progress and is counted failed.
     */
    public void jobFailed(Exchange exchange) {
        outcomes.jobEnded(exchange);
    }

    /** Route step: the message that carries the original input, under the name {@link #describe} chose. */
    public void originalInput(Exchange exchange) {
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        ChannelFiles files = exchange.getProperty(FILES, ChannelFiles.class);
        CamelHeaders.keepOnly(exchange.getMessage());
        if (ticket == null) {
            exchange.getMessage().setBody(exchange.getMessage().getBody());
            exchange.getMessage().setHeader(Exchange.FILE_NAME, files.input());
            return;
        }
        JobSource source = ticket.source();
        Object content = source.content();
        if (content == null) {
            // too large to have been read: copy the file itself, streamed by the file producer
            GenericFile<?> file = exchange.getProperty(Exchange.FILE_EXCHANGE_FILE, GenericFile.class);
            content = file == null ? new byte[0] : new File(file.getAbsoluteFilePath());
        }
        exchange.getMessage().setBody(content);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, files.input());
    }

    /** Route step: the message that carries {@code <input>.error.json}, beside the input it names. */
    public void errorRecord(Exchange exchange) throws IOException {
        DeadLetterRecord record = exchange.getProperty(ExchangeKeys.DEAD_LETTER, DeadLetterRecord.class);
        ChannelFiles files = exchange.getProperty(FILES, ChannelFiles.class);
        CamelHeaders.keepOnly(exchange.getMessage());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, files.record());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsBytes(record));
    }

    /**
     * The name a prompt file the intake route itself broke on gets in {@code ideogram.unprocessed}
     * ({@code moveFailed} of the file intake): its own, or with a numeric suffix when an earlier one has it.
     */
    public String unprocessedName(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path folder = Path.of(exchange.getContext().resolvePropertyPlaceholders("{{ideogram.unprocessed}}"));
        return folder.resolve(FreeNames.freeName(folder, name)).toString();
    }

    /**
     * Route step: an image whose store gave up goes to the channel with its bytes ({@code <job>-<n>.<ext>}),
     * streamed from the spool file, so nothing that was paid for is lost.
     */
    public void heldImage(Exchange exchange) {
        HeldImage held = exchange.getProperty(ExchangeKeys.HELD_IMAGE, HeldImage.class);
        CamelHeaders.keepOnly(exchange.getMessage());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, exchange.getProperty(FILES, ChannelFiles.class).heldImage());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, held.format().contentType());
        exchange.getMessage().setBody(held.file().toFile());
    }

    /** Route step: the held image's sidecar ({@code <job>-<n>.json}), as the store would have written it. */
    public void heldSidecar(Exchange exchange) {
        HeldImage held = exchange.getProperty(ExchangeKeys.HELD_IMAGE, HeldImage.class);
        CamelHeaders.keepOnly(exchange.getMessage());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, exchange.getProperty(FILES, ChannelFiles.class).heldSidecar());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(held.sidecar());
    }

    /** Route step: the channel has the bytes, so the spool file goes. */
    public void releaseHeldImage(Exchange exchange) {
        HeldImage held = exchange.getProperty(ExchangeKeys.HELD_IMAGE, HeldImage.class);
        if (held != null) {
            held.release();
            exchange.removeProperty(ExchangeKeys.HELD_IMAGE);
        }
    }

    private record Classified(String channel, String reason, Integer status, String providerMessage,
            FailureKind kind) {
        static Classified client(String reason, FailureKind kind) {
            return new Classified(DeadLetterRecord.CLIENT_ERRORS, reason, null, null, kind);
        }

        static Classified server(String reason, FailureKind kind) {
            return new Classified(DeadLetterRecord.SERVER_ERRORS, reason, null, null, kind);
        }
    }

    private Classified classify(Exchange exchange, Throwable failure, ImageJob job, String[] heldNames) {
        if (failure instanceof InvalidJobException) {
            return Classified.client(failure.getMessage(), FailureKind.INVALID);
        }
        if (failure instanceof ProviderHttpException http) {
            String reason = http.getMessage() + hint(http);
            String channel = http.isTransient() ? DeadLetterRecord.SERVER_ERRORS : DeadLetterRecord.CLIENT_ERRORS;
            return new Classified(channel, reason, http.status(), http.providerMessage(),
                    http.isTransient() ? FailureKind.SERVER_ERROR : FailureKind.CLIENT_ERROR);
        }
        if (failure instanceof PredictionFailedException failed) {
            return new Classified(DeadLetterRecord.CLIENT_ERRORS, failed.getMessage(), null,
                    failed.prediction().error(), FailureKind.CLIENT_ERROR);
        }
        if (Failures.isBreakerRefusal(failure)) {
            String provider = job == null ? "the provider" : job.provider();
            return Classified.server(provider + " is unavailable: its circuit breaker refused the create after"
                    + " creates in a row failed (5xx, connection failure or timeout); nothing was sent, so nothing was"
                    + " billed (a job that names no provider, or sets \"failover\": true, moves to a provider of"
                    + " ideogram.failover)", FailureKind.SERVER_ERROR);
        }
        if (failure instanceof UnresumableJobException) {
            return Classified.server(failure.getMessage(), FailureKind.OUTCOME_UNKNOWN);
        }
        if (failure instanceof PredictionTimedOutException) {
            return Classified.server(failure.getMessage(), FailureKind.TIMEOUT);
        }
        if (failure instanceof ImageDownloadException download) {
            boolean client = download.status() >= 400 && download.status() < 500 && !download.isRetryable();
            return new Classified(client ? DeadLetterRecord.CLIENT_ERRORS : DeadLetterRecord.SERVER_ERRORS,
                    download.getMessage(), download.status() > 0 ? download.status() : null, null,
                    FailureKind.DOWNLOAD_ERROR);
        }
        ImageWriteException write = ImageWriteException.in(failure);
        if (write != null) {
            return Classified.server(write.getMessage() + (heldNames == null ? ""
                    : "; the image and its sidecar are kept in this channel as " + heldNames[0] + " and "
                            + heldNames[1]), FailureKind.STORE_ERROR);
        }
        HeldImage held = exchange.getProperty(ExchangeKeys.HELD_IMAGE, HeldImage.class);
        if (held != null && S3Failures.cause(failure) != null) {
            GeneratedImage image = exchange.getProperty(ExchangeKeys.IMAGE, GeneratedImage.class);
            return new Classified(DeadLetterRecord.SERVER_ERRORS,
                    S3Failures.reason(failure, held, image == null ? 0 : image.index())
                            + (heldNames == null ? "" : " as " + heldNames[0] + " and " + heldNames[1]),
                    S3Failures.status(failure), null,
                    FailureKind.STORE_ERROR);
        }
        String provider = job == null ? "the provider" : job.provider();
        if (Failures.isUnknownOutcome(exchange, failure)) {
            return Classified.server("outcome unknown: the create was sent to " + provider + " but no answer came ("
                    + describe(Failures.ioCause(failure)) + "); it may have been billed, so it was not resent"
                    + " (set ideogram.retry.unknown-outcome=true to resend such creates)", FailureKind.OUTCOME_UNKNOWN);
        }
        if (Failures.ioCause(failure) != null) {
            ProviderCall call = exchange.getProperty(ExchangeKeys.CALL, ProviderCall.class);
            String what = exchange.getProperty(ExchangeKeys.IMAGE) != null ? "downloading the image"
                    : call == null ? "calling " + provider : call.kind().word() + " call to " + provider;
            return Classified.server("I/O error while " + what + ": " + describe(Failures.ioCause(failure)),
                    FailureKind.IO_ERROR);
        }
        return Classified.server(failure == null ? "unknown failure" : describe(failure), FailureKind.INTERNAL);
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> failover(Exchange exchange) {
        Object note = exchange.getProperty(ExchangeKeys.FAILOVER);
        return note instanceof java.util.Map<?, ?> map ? (java.util.Map<String, Object>) map : null;
    }

    private static String hint(ProviderHttpException http) {
        if (http.status() == 401 || http.status() == 403) {
            return " (check the " + http.provider() + " credentials in ideogram.providers." + http.provider() + ".*)";
        }
        return "";
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + OneLine.of(t.getMessage());
        return t.getClass().getSimpleName() + message;
    }
}
