package org.ideogramcamel.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOnCompletion;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.job.FileOutcome;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobSource;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.journal.JournalEntry.State;
import org.ideogramcamel.state.JobClaims;
import org.ideogramcamel.store.EarlierImage;
import org.ideogramcamel.store.PredictionImage;
import org.ideogramcamel.store.StoredImageLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route-facing journal steps ({@code bean: {ref: journal, method: ...}}). A job is journaled {@code sending} right
 * before its create leaves, {@code created} as soon as the answer is read (with the dialect's resume handle), and
 * {@code stored} or {@code failed} at the end. Before a file job runs, its entry decides what happens: new or
 * failed before → run; stored → a duplicate, not paid again; created → resume polling, no second create;
 * sending → the create may have been billed: dead-lettered as "outcome unknown" (unless
 * {@code ideogram.retry.unknown-outcome=true}).
 *
 * <p>One job is worked on by one exchange at a time: a claim per key ({@link JobClaims}: in memory for one instance,
 * in the shared state for several), held while the job runs, keeps the file intake and the resume from polling the
 * same prediction twice.
 */
public class Journaling {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.journal");

    private final JobJournal journal;
    private final Dialects dialects;
    private final JobReader reader;
    private final Path inbox;
    private final StoredImageLookup storedImages;
    private final boolean dedupe;
    private final boolean resendUnknownOutcome;
    private final JobClaims claims;

    public Journaling(JobJournal journal, Dialects dialects, JobReader reader, Path inbox,
            StoredImageLookup storedImages, JobClaims claims, boolean dedupe, boolean resendUnknownOutcome) {
        this.journal = journal;
        this.claims = claims;
        this.dialects = dialects;
        this.reader = reader;
        this.inbox = inbox;
        this.storedImages = storedImages;
        this.dedupe = dedupe;
        this.resendUnknownOutcome = resendUnknownOutcome;
    }

    /**
     * Route step, after the job was accepted and before anything is sent: looks the job up. Sets
     * {@value ExchangeKeys#DUPLICATE} when it must not run again, {@value ExchangeKeys#RESUME_HANDLE} when its
     * prediction is to be polled instead of created, or throws {@link UnresumableJobException}.
     */
    public void open(Exchange exchange) {
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        String id = exchange.getProperty(ExchangeKeys.MESSAGE_ID, String.class);
        if (id != null) {
            openKeyed(exchange, id);
            return;
        }
        boolean fromFile = exchange.getProperty(Exchange.FILE_EXCHANGE_FILE) != null;
        String heldBefore = exchange.getProperty(ExchangeKeys.CLAIM_HELD, String.class);
        String key = fromFile ? JournalKeys.ofFile(ticket.source())
                : heldBefore != null ? heldBefore : JournalKeys.ofMessage();
        exchange.setProperty(ExchangeKeys.JOURNAL_KEY, key);
        if (!fromFile) {
            claimOnce(exchange, key);
            return;
        }
        String where = describe(ticket.source());
        if (!claimOnce(exchange, key)) {
            if (claims.isShared() && !claims.isFree(key)) {
                // not a duplicate: the instance that holds it may die before it sends the create, and then nobody
                // would run it; the file is read again later (see JobHeldElsewhereException)
                exchange.removeProperty(ExchangeKeys.JOURNAL_KEY);
                throw new JobHeldElsewhereException(where);
            }
            exchange.setProperty(ExchangeKeys.DUPLICATE, "the same job is running now (" + where + ")");
            exchange.removeProperty(ExchangeKeys.JOURNAL_KEY);
            return;
        }
        Optional<JournalEntry> found = journal.find(key);
        if (found.isEmpty()) {
            return;
        }
        JournalEntry entry = found.get();
        if (finishedWhileThisFileWaited(exchange, entry)) {
            // the same drop, not a new one: another run (a take-over on another instance, or the resume at start-up)
            // finished the job after this file was picked up; running it again would pay twice
            claims.release(key);
            exchange.removeProperty(ExchangeKeys.JOURNAL_KEY);
            exchange.setProperty(ExchangeKeys.DUPLICATE, "it was " + entry.state().name().toLowerCase(Locale.ROOT)
                    + " at " + entry.updatedAt() + " by another run while this file waited"
                    + (entry.reason() == null ? "" : " (" + entry.reason() + ")")
                    + (entry.state() == State.FAILED ? "; retry it from its dead-letter folder" : ""));
            return;
        }
        switch (entry.state()) {
            case STORED -> {
                if (dedupe) {
                    claims.release(key);
                    exchange.removeProperty(ExchangeKeys.JOURNAL_KEY);
                    exchange.setProperty(ExchangeKeys.DUPLICATE, "already stored at " + entry.updatedAt());
                }
            }
            case CREATED, SENDING -> continueUnfinished(exchange, entry);
            case FAILED -> LOG.info("{} failed before ({}); running it again", where, entry.reason());
            case NOT_SENT -> LOG.info("{}: its create was refused before the app stopped ({}); nothing was billed,"
                    + " running it as new", where, entry.reason());
        }
    }

    /**
     * Claims the job for this exchange. When the claim is taken already, it may be this exchange's own: the opening
     * step runs again when the state database failed after the claim (its redelivery waits for the database), and
     * taking that for another run's claim would leave the job to nobody: a file kept in the inbox for good, a
     * message answered as a duplicate.
     */
    private boolean claimOnce(Exchange exchange, String key) {
        if (claims.claim(key)) {
            exchange.setProperty(ExchangeKeys.CLAIM_HELD, key);
            return true;
        }
        return key.equals(exchange.getProperty(ExchangeKeys.CLAIM_HELD, String.class));
    }

    /**
     * Whether a final entry was written after this exchange picked its file up: then the file is the drop the job
     * came from, still in the inbox while another run finished it, not a user's new drop (which is always picked up
     * after the failure or the store it follows). Across instances this compares two clocks, as the shared inbox's
     * claims do (README, Running several instances: NTP).
     */
    private static boolean finishedWhileThisFileWaited(Exchange exchange, JournalEntry entry) {
        if (!entry.state().isFinal() || entry.updatedAt() == null) {
            return false;
        }
        try {
            return Instant.parse(entry.updatedAt()).toEpochMilli() > exchange.getClock().getCreated();
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /**
     * {@link #open} for a keyed message (a Kafka job's {@code id}): the id is the idempotency key, so every earlier
     * delivery counts, whatever {@code ideogram.dedupe} says. Stored or failed before → a duplicate, not run again
     * (a failed job may have been paid for; a new id runs it again); received → nothing was sent, run it; created or
     * sending → as after a crash.
     */
    private void openKeyed(Exchange exchange, String id) {
        String key = JournalKeys.ofId(id);
        exchange.setProperty(ExchangeKeys.JOURNAL_KEY, key);
        // a job queued by a bus intake or a take-over was claimed for this exchange before it was queued
        boolean claimedWhenQueued = key.equals(exchange.removeProperty(ExchangeKeys.QUEUED_CLAIM));
        if (claimedWhenQueued) {
            exchange.setProperty(ExchangeKeys.CLAIM_HELD, key);
        }
        if (!claimedWhenQueued && !claimOnce(exchange, key)) {
            exchange.setProperty(ExchangeKeys.DUPLICATE, "the job with id " + id + " is running now"
                    + (claims.isShared() ? " (or held by an instance that died, whose jobs are taken over once its"
                            + " lease lapses)" : ""));
            exchange.removeProperty(ExchangeKeys.JOURNAL_KEY);
            return;
        }
        Optional<JournalEntry> found = journal.find(key);
        if (found.isEmpty() || found.get().state() == State.RECEIVED) {
            return;
        }
        JournalEntry entry = found.get();
        if (entry.state().isFinal()) {
            claims.release(key);
            exchange.removeProperty(ExchangeKeys.JOURNAL_KEY);
            exchange.setProperty(ExchangeKeys.DUPLICATE, entry.state() == State.STORED
                    ? "already stored at " + entry.updatedAt()
                    : "already failed at " + entry.updatedAt() + (entry.reason() == null ? "" : " (" + entry.reason()
                            + ")") + "; send it with a new id to run it again");
            return;
        }
        continueUnfinished(exchange, entry);
    }

    /**
     * Route step of a bus intake, after the job was accepted and before its message is acknowledged: a keyed job is
     * journaled {@code received} (unless its id is known already), so that once the bus forgets the message the
     * journal still has the job, and a restart runs it.
     */
    public void received(Exchange exchange) {
        String id = exchange.getProperty(ExchangeKeys.MESSAGE_ID, String.class);
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        if (id == null || job == null || ticket == null) {
            return;
        }
        // claimed before it is journaled: with several instances on one database, a received entry nobody claims
        // would look orphaned to the others' sweeps, which would take the job from this live instance's queue
        if (!claimQueued(exchange)) {
            return; // a redelivery of a job held elsewhere: its worker reports it, the holder (or a take-over) runs it
        }
        String key = JournalKeys.ofId(id);
        if (journal.find(key).isPresent()) {
            return;
        }
        JobSource source = ticket.source();
        String now = Instant.now().toString();
        try {
            journal.write(new JournalEntry(key, State.RECEIVED, job.name(), source.fileName(), source.line(),
                    source.content() == null ? null : new String(source.content(), StandardCharsets.UTF_8),
                    job.provider(), dialects.get(job.provider()).model(job), job, null, null, null, now, now));
        } catch (RuntimeException notJournaled) {
            exchange.removeProperty(ExchangeKeys.QUEUED_CLAIM);
            claims.release(key);
            throw notJournaled;
        }
    }

    /**
     * Route step (and predicate) before a keyed job is queued for a worker, by a bus intake or by the take-over of a
     * Kafka job an instance left: the job is claimed for the exchange that will run it ({@value
     * ExchangeKeys#QUEUED_CLAIM}), so that no sweep takes a queued job from a live instance and two instances
     * taking over one dead instance's job never both queue it. False when a live instance (or another exchange of
     * this one) holds it. True, claiming nothing, for a job without an id.
     */
    public boolean claimQueued(Exchange exchange) {
        String id = exchange.getProperty(ExchangeKeys.MESSAGE_ID, String.class);
        if (id == null) {
            return true;
        }
        String key = JournalKeys.ofId(id);
        if (!claims.claim(key)) {
            return false;
        }
        exchange.setProperty(ExchangeKeys.QUEUED_CLAIM, key);
        return true;
    }

    /**
     * Route step of the start-up resume: every unfinished entry that no prompt file in the inbox will pick up
     * (a file still there is resumed by the file intake when it reads it again) and that no live instance works on
     * (with several instances on one database, another one's running jobs are its own).
     */
    public List<JournalEntry> unfinished() {
        List<JournalEntry> unfinished = new ArrayList<>();
        for (JournalEntry entry : journal.unfinished()) {
            if (!(entry.isFromFile() && inboxHolds(entry)) && claims.isFree(entry.key())) {
                // the intake may have finished it meanwhile: it updates the journal before deleting the file
                journal.find(entry.key()).filter(e -> !e.state().isFinal()).ifPresent(unfinished::add);
            }
        }
        if (!unfinished.isEmpty()) {
            LOG.info("resuming {} unfinished job(s) from the journal", unfinished.size());
        }
        return unfinished;
    }

    /**
     * Route step of the periodic sweep ({@code ideogram.state.store=jdbc}): the unfinished jobs of instances that
     * died (their lease lapsed) or stopped, taken up here exactly as this instance's own after a restart; each is
     * claimed before it runs, so two instances sweeping at once never both take one. Nothing with one instance.
     */
    public List<JournalEntry> orphaned() {
        return claims.isShared() ? unfinished() : List.of();
    }

    /**
     * At start-up: the predictions that were running at their provider when the app stopped (created, not finished,
     * and resumable), whichever intake will take them up again; another live instance's are not counted here.
     */
    public List<JournalEntry> runningAtProviders() {
        return journal.unfinished().stream()
                .filter(entry -> isResumable(entry) && !isLocal(entry) && claims.isFree(entry.key()))
                .toList();
    }

    /** A prediction the provider answered and the dialect can poll again: resumed, never created again. */
    private static boolean isResumable(JournalEntry entry) {
        return entry.state() == State.CREATED && entry.resumeHandle() != null;
    }

    /**
     * Route step of the start-up resume: the entry in the body becomes the job on the exchange again, as the
     * intake would have built it. The body is null when another exchange already works on the job.
     */
    public ImageJob reopen(Exchange exchange) {
        JournalEntry entry = exchange.getMessage().getBody(JournalEntry.class);
        JobSource source = new JobSource(entry.sourceFile(), entry.job(), entry.sourceLine(),
                entry.sourceContent() == null ? new byte[0] : entry.sourceContent().getBytes(StandardCharsets.UTF_8));
        exchange.setProperty(ExchangeKeys.TICKET, JobTicket.readable(source, JsonNodeFactory.instance.objectNode()));
        exchange.setProperty(ExchangeKeys.JOB, entry.canonicalJob());
        exchange.setProperty(ExchangeKeys.PROGRESS, new JobProgress());
        exchange.setProperty(ExchangeKeys.FILE_OUTCOME, new FileOutcome());
        if (!claims.claim(entry.key())) {
            exchange.setProperty(ExchangeKeys.DUPLICATE, "the same job is running now");
            return entry.canonicalJob();
        }
        exchange.setProperty(ExchangeKeys.JOURNAL_KEY, entry.key());
        continueUnfinished(exchange, entry);
        return entry.canonicalJob();
    }

    private void continueUnfinished(Exchange exchange, JournalEntry entry) {
        String where = entry.job() + " (" + entry.sourceFile() + (entry.sourceLine() == null ? "" : " line "
                + entry.sourceLine()) + ")";
        if (isLocal(entry) || entry.state() == State.RECEIVED || entry.state() == State.NOT_SENT) {
            return; // nothing was paid for: simply run it again
        }
        if (isResumable(entry)) {
            LOG.info("resuming prediction {} of job {} from the journal: polled, not created again",
                    entry.predictionId(), where);
            exchange.setProperty(ExchangeKeys.RESUME_HANDLE, entry.resumeHandle());
            return;
        }
        if (entry.state() == State.SENDING && canFindLostCreates(entry)) {
            LOG.info("job {}: its create was sent to {} at {} and never answered; looking for it among {}'s recent"
                    + " predictions", where, entry.provider(), entry.recordedAt(), entry.provider());
            exchange.setProperty(ExchangeKeys.LOST_SEARCH,
                    new org.ideogramcamel.dialect.LostCreateSearch(Instant.parse(entry.recordedAt())));
            return;
        }
        if (entry.state() == State.SENDING && resendUnknownOutcome) {
            LOG.warn("job {}: its create was sent to {} at {} and never answered; sending it again because"
                    + " ideogram.retry.unknown-outcome=true (it may be billed twice)", where, entry.provider(),
                    entry.recordedAt());
            return;
        }
        if (entry.state() == State.SENDING) {
            throw new UnresumableJobException("outcome unknown: the create of job " + where + " was sent to "
                    + entry.provider() + " at " + entry.recordedAt() + " but the app stopped before the answer came;"
                    + " it may have been billed, so it was not resent (set ideogram.retry.unknown-outcome=true to"
                    + " resend such creates)");
        }
        throw new UnresumableJobException("images lost: " + entry.provider() + " answered the create of job "
                + where + (entry.predictionId() == null ? "" : " (prediction " + entry.predictionId() + ")")
                + " but the app stopped before its images were stored, and " + entry.provider()
                + " offers no way to fetch them again; drop the prompt file again to run the job again");
    }

    /** The journal these steps write to (the create outcomes of {@link CreateOutcomes} are written to the same). */
    public JobJournal journal() {
        return journal;
    }

    /** Route step, right before the create leaves: once this returns, a crash can no longer cause a silent resend. */
    public void sending(Exchange exchange) {
        String key = exchange.getProperty(ExchangeKeys.JOURNAL_KEY, String.class);
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        if (key == null || job == null) {
            return;
        }
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        JobSource source = ticket.source();
        String now = Instant.now().toString();
        journal.write(new JournalEntry(key, State.SENDING, job.name(), source.fileName(), source.line(),
                source.content() == null ? null : new String(source.content(), StandardCharsets.UTF_8),
                job.provider(), dialects.get(job.provider()).model(job), job, null, null, null, now, now));
    }

    /** Route step, as soon as the create's answer is read: the prediction id and the dialect's resume handle. */
    public void created(Exchange exchange) {
        entry(exchange).ifPresent(entry -> {
            Prediction prediction = exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class);
            ProviderDialect dialect = dialects.get(entry.provider());
            journal.write(entry.created(prediction.id(), dialect.resumeHandle(prediction)));
        });
    }

    /** Route step, after the job finished: stored when every image is, else failed; the claim is released. */
    public void close(Exchange exchange) {
        String key = exchange.getProperty(ExchangeKeys.JOURNAL_KEY, String.class);
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        try {
            entry(exchange).ifPresent(entry -> journal.write(progress != null && progress.isComplete()
                    ? entry.moveTo(State.STORED, null)
                    : entry.moveTo(State.FAILED, progress == null ? null : progress.reason())));
        } finally {
            release(key);
        }
    }

    /**
     * Step of the dead-letter route: a job (not one of its images: the job itself closes those) that was
     * dead-lettered is journaled failed with the record's reason, so a new drop of the same file runs again.
     */
    public void failed(Exchange exchange) {
        String key = exchange.getProperty(ExchangeKeys.JOURNAL_KEY, String.class);
        if (key == null || exchange.getProperty(ExchangeKeys.IMAGE) != null) {
            return;
        }
        try {
            String reason = exchange.getProperty(ExchangeKeys.DEAD_LETTER_REASON, String.class);
            entry(exchange).ifPresent(entry -> journal.write(entry.moveTo(State.FAILED, reason)));
        } finally {
            release(key);
            exchange.removeProperty(ExchangeKeys.JOURNAL_KEY);
        }
    }

    /**
     * Route predicate in the image split: true, except for a resumed job whose image a killed run already stored
     * (killed between the store and the journal's {@code stored}). The stores answer, since only they know where
     * and under which name they put it: a stored image counts as stored, a quarantined or only recorded one as
     * recorded unsafe, exactly as if it had been stored now. If the stores cannot answer, the image is stored once
     * more: a duplicate is better than a lost image.
     */
    public boolean isNotStoredYet(Exchange exchange) {
        if (exchange.getProperty(ExchangeKeys.RESUME_HANDLE) == null) {
            return true;
        }
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        Prediction prediction = exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class);
        GeneratedImage image = exchange.getMessage().getBody(GeneratedImage.class);
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        if (job == null || prediction == null || image == null || progress == null) {
            return true;
        }
        Optional<EarlierImage> found;
        try {
            found = storedImages.find(new PredictionImage(job.name(), String.valueOf(prediction.id()), image.index(),
                    createdOn(exchange)));
        } catch (IOException | RuntimeException unanswered) {
            LOG.warn("could not tell whether image {} of job {} was stored before the restart ({}); storing it again",
                    image.index(), job.name(), OneLine.of(unanswered.toString()));
            return true;
        }
        found.ifPresent(earlier -> {
            switch (earlier.outcome()) {
                case STORED -> progress.stored(earlier.stored());
                case QUARANTINED, RECORDED_ONLY -> progress.recordedUnsafe(earlier.location());
            }
            LOG.info("image {} of job {} was {} before the restart ({}); not stored again", image.index(), job.name(),
                    earlier.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), earlier.location());
        });
        return found.isEmpty();
    }

    /** The UTC day the job's create left, from its journal entry; today when the entry says nothing. */
    private LocalDate createdOn(Exchange exchange) {
        return entry(exchange).map(JournalEntry::recordedAt)
                .map(at -> LocalDate.ofInstant(Instant.parse(at), ZoneOffset.UTC))
                .orElseGet(() -> LocalDate.now(ZoneOffset.UTC));
    }

    /** Route step for a duplicate: not sent, logged, and counted as stored so its prompt file goes to done. */
    public void duplicate(Exchange exchange) {
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        FileOutcome file = exchange.getProperty(ExchangeKeys.FILE_OUTCOME, FileOutcome.class);
        if (file != null) {
            file.jobStored();
        }
        LOG.info("duplicate, not sent again: {}: {}", describe(ticket.source()),
                exchange.getProperty(ExchangeKeys.DUPLICATE, String.class));
    }

    /**
     * Route step, first in the file intake: a prompt file whose exchange is cut short by the app stopping (the
     * grace period of a SIGTERM ran out) stays in the inbox instead of being moved to the unprocessed folder; its
     * job is still journaled and the next start takes it up again. Any other failure is left to the file consumer.
     */
    public void keepPromptFileOnShutdown(Exchange exchange) {
        UnitOfWork unitOfWork = exchange.getUnitOfWork();
        if (unitOfWork == null) {
            return;
        }
        // the file consumer's completion lives in the unit of work: take it out, put it back wrapped
        Exchange holder = new DefaultExchange(exchange.getContext());
        unitOfWork.handoverSynchronization(holder, completion -> completion instanceof GenericFileOnCompletion<?>);
        List<Synchronization> completions = holder.getExchangeExtension().handoverCompletions();
        if (completions != null) {
            completions.forEach(completion -> unitOfWork.addSynchronization(new KeptOnShutdown(completion)));
        }
    }

    private Optional<JournalEntry> entry(Exchange exchange) {
        String key = exchange.getProperty(ExchangeKeys.JOURNAL_KEY, String.class);
        return key == null ? Optional.empty() : journal.find(key);
    }

    private void release(String key) {
        if (key != null) {
            claims.release(key);
        }
    }

    private boolean canFindLostCreates(JournalEntry entry) {
        try {
            return dialects.get(entry.provider()).canFindLostCreates();
        } catch (RuntimeException unknownProvider) {
            return false;
        }
    }

    private boolean isLocal(JournalEntry entry) {
        try {
            return dialects.get(entry.provider()).baseUri() == null;
        } catch (RuntimeException unknownProvider) {
            return false;
        }
    }

    /** Whether a prompt file in the inbox holds this job (same name, line and content): the intake resumes it. */
    private boolean inboxHolds(JournalEntry entry) {
        if (entry.sourceFile() == null || !entry.sourceFile().matches("[^/\\\\]+")) {
            return false;
        }
        Path file = inbox.resolve(entry.sourceFile());
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return reader.read(entry.sourceFile(), Files.readAllBytes(file)).stream()
                    .anyMatch(ticket -> JournalKeys.ofFile(ticket.source()).equals(entry.key()));
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private static String describe(JobSource source) {
        return source.fileName() + (source.line() == null ? "" : " line " + source.line());
    }
}
