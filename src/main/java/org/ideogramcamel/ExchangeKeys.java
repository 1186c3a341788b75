package org.ideogramcamel;

/**
 * Names of the exchange properties that carry a job between the stages of the routes.
 *
 * <p>Properties, not headers, so nothing here ever leaks into an outgoing HTTP request. The routes in
 * {@code routes/} refer to these names, so they are part of the contract a route editor relies on.
 */
public final class ExchangeKeys {

    /** The {@link org.ideogramcamel.job.JobTicket} being worked on: where it came from and what was parsed. */
    public static final String TICKET = "IdeogramTicket";
    /**
     * The job's name as text ({@code lighthouse}, {@code batch-37}): log lines carry it as the MDC key of the same
     * name ({@code camel.mdc.custom-properties}).
     */
    public static final String JOB_ID = "IdeogramJobId";
    /** The validated {@link org.ideogramcamel.job.ImageJob}. */
    public static final String JOB = "IdeogramJob";
    /** The {@link org.ideogramcamel.job.JobProgress} shared by a job and its image messages. */
    public static final String PROGRESS = "IdeogramProgress";
    /** The {@link org.ideogramcamel.job.FileOutcome} shared by every job read from one prompt file. */
    public static final String FILE_OUTCOME = "IdeogramFileOutcome";
    /** The {@link org.ideogramcamel.dialect.ProviderCall} about to be sent. */
    public static final String CALL = "IdeogramCall";
    /** The provider-neutral {@link org.ideogramcamel.dialect.Prediction} read from the last answer. */
    public static final String PREDICTION = "IdeogramPrediction";
    /** The {@link org.ideogramcamel.poll.PollSchedule} of a pending prediction. */
    public static final String POLL = "IdeogramPoll";
    /** Milliseconds to wait before the next poll (read by the delay EIP). */
    public static final String POLL_DELAY = "IdeogramPollDelay";
    /** What became of the cancel of a prediction past its deadline: {@code sent} or {@code failed}. */
    public static final String CANCEL = "IdeogramCancel";
    /** The {@link org.ideogramcamel.dialect.GeneratedImage} carried by one split image message. */
    public static final String IMAGE = "IdeogramImage";
    /**
     * The {@link org.ideogramcamel.store.HeldImage} whose bytes are spooled until its store has taken them: a retry
     * stores it without downloading again, and a dead-letter record carries its bytes and sidecar.
     */
    public static final String HELD_IMAGE = "IdeogramHeldImage";
    /** Redeliveries of the step that is failing (see the dead-letter package's RedeliveryCounter). */
    public static final String REDELIVERIES = "IdeogramRedeliveries";
    /** Set by request-reply intake: the caller waits for the job, so its failure is thrown back to it. */
    public static final String REPLY_WANTED = "IdeogramReplyWanted";
    /** The dead-letter record written for a failure. */
    public static final String DEAD_LETTER = "IdeogramDeadLetter";

    /** The dead-letter record's one-line reason, for the journal (which does not know the record's type). */
    public static final String DEAD_LETTER_REASON = "IdeogramDeadLetterReason";

    /** The {@link org.ideogramcamel.store.UnsafeDecision} for the image in hand: where it goes under ideogram.unsafe. */
    public static final String UNSAFE = "IdeogramUnsafe";
    /** The job's {@link org.ideogramcamel.budget.Reservation} against today's budget, once it got one. */
    public static final String BUDGET = "IdeogramBudget";
    /** True while the job waits for today's budget (read by the wait loop in generate.camel.yaml). */
    public static final String BUDGET_WAITING = "IdeogramBudgetWaiting";
    /** What the job cost, for its sidecars: a map of price_per_image, job_cost, spent_today … */
    public static final String SPEND = "IdeogramSpend";
    /** The job's key in the journal (see {@link org.ideogramcamel.journal.JournalKeys}). */
    public static final String JOURNAL_KEY = "IdeogramJournalKey";
    /**
     * The idempotency key of a job sent as a keyed message (a Kafka job's {@code id}): its journal key is derived
     * from it, so the same id delivered twice is paid once.
     */
    public static final String MESSAGE_ID = "IdeogramMessageId";
    /**
     * The journal key a bus intake (or the take-over of a dead instance's Kafka job) claimed for this job before
     * queueing it: the exchange that runs the job holds that claim already and does not claim again.
     */
    public static final String QUEUED_CLAIM = "IdeogramQueuedClaim";
    /**
     * The journal key whose claim this exchange took when it opened the job: a redelivery of the opening step (the
     * state database failed after the claim) finds the claim its own, not another run's.
     */
    public static final String CLAIM_HELD = "IdeogramClaimHeld";
    /** Set when the job must not run again (already stored, or running now); says why. */
    public static final String DUPLICATE = "IdeogramDuplicate";
    /**
     * The {@link org.ideogramcamel.dialect.LostCreateSearch} of a create that was sent and never answered: the
     * provider's recent predictions are searched for it before the journal decides.
     */
    public static final String LOST_SEARCH = "IdeogramLostSearch";
    /**
     * Set when the job moved to another provider ({@code ideogram.failover}): a map of {@code from}, {@code to} and
     * {@code reason}, written to its sidecars and any dead-letter record.
     */
    public static final String FAILOVER = "IdeogramFailover";
    /** Set when a prediction created before a restart is to be polled instead of created again. */
    public static final String RESUME_HANDLE = "IdeogramResumeHandle";

    private ExchangeKeys() {
    }
}
