package org.ideogramcamel.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.dialect.LostCreateSearch;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.journal.JournalEntry.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the journal decides about a create that did not end with an answer (issue 14), as route steps
 * ({@code bean: {ref: createOutcomes, method: ...}}): a create the provider refused goes back to {@code not_sent}; a
 * create whose answer was lost (killed while the provider held it, or a broken connection) is looked for among the
 * provider's recent predictions and {@link #reconcile} decides what was found; and whether a job's create may
 * already have been billed (then it never fails over to another provider). Kept apart from {@link Journaling}, which
 * owns the claims and the life of an entry.
 */
public class CreateOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.journal");

    private final JobJournal journal;
    private final Dialects dialects;
    private final boolean resendUnknownOutcome;

    public CreateOutcomes(JobJournal journal, Dialects dialects, boolean resendUnknownOutcome) {
        this.journal = journal;
        this.dialects = dialects;
        this.resendUnknownOutcome = resendUnknownOutcome;
    }

    /**
     * Route step after the search for a create whose answer was lost ({@code routes/generate.camel.yaml}): exactly
     * one prediction of the same model and input since the create left is its prediction, journaled created and
     * taken up (polled, stored, never created again); none means the create never reached the provider or is past
     * what it still lists, so the outcome stays unknown (resent only with ideogram.retry.unknown-outcome=true);
     * several are dead-lettered naming each, since taking up the wrong one would store another job's image; and a
     * provider that cannot tell leaves it unknown as before.
     */
    public void reconcile(Exchange exchange) {
        LostCreateSearch search = exchange.getProperty(ExchangeKeys.LOST_SEARCH,
                LostCreateSearch.class);
        JournalEntry entry = entry(exchange).orElse(null);
        if (search == null || entry == null) {
            return;
        }
        exchange.removeProperty(ExchangeKeys.LOST_SEARCH);
        String where = entry.job() + " (" + entry.sourceFile() + (entry.sourceLine() == null ? "" : " line "
                + entry.sourceLine()) + ")";
        String unknown = "outcome unknown: the create of job " + where + " was sent to " + entry.provider() + " at "
                + entry.recordedAt() + " but the app stopped (or the connection broke) before the answer came";
        List<String> matches = search.matches();
        if (search.cannotTellWhy() == null && matches.size() == 1) {
            String id = matches.get(0);
            ProviderDialect dialect = dialects.get(entry.provider());
            String handle = dialect.resumeHandle(new Prediction(entry.provider(), id, entry.model(),
                    Prediction.State.PENDING, List.of(), null));
            journal.write(entry.created(id, handle));
            exchange.setProperty(ExchangeKeys.RESUME_HANDLE, handle);
            LOG.info("job {}: found its lost answer, prediction {} at {}; taken up (polled, not created again)", where,
                    id, entry.provider());
            return;
        }
        if (matches.size() > 1) {
            throw new UnresumableJobException(unknown + "; " + matches.size() + " of " + entry.provider()
                    + "'s recent predictions have the same model and input (" + String.join(", ", matches)
                    + "), so none was taken up: look them up at " + entry.provider() + " (one or more may be billed)");
        }
        String answer = search.cannotTellWhy() != null ? search.cannotTellWhy() + ", so it cannot tell"
                : entry.provider() + " lists no prediction with the same model and input since then";
        if (resendUnknownOutcome) {
            LOG.warn("job {}: {}; sending it again because ideogram.retry.unknown-outcome=true (it may be billed"
                    + " twice)", where, answer);
            return;
        }
        throw new UnresumableJobException(unknown + " (" + answer + "); it may have been billed, so it was not"
                + " resent (set ideogram.retry.unknown-outcome=true to resend such creates)");
    }

    /**
     * Called the moment a create fails with a refusal (the error handler's {@code onExceptionOccurred}, before any
     * retry wait; the caller decides with {@code deadletter.Failures.createWasRefused}, which the journal cannot
     * depend on since the dead-letter package depends on it): a create the provider refused (429, 5xx) or that never
     * left cannot have been billed, so its entry goes back to not-sent and a kill during the retry wait runs the job
     * as new at the next start instead of dead-lettering it as "outcome unknown".
     */
    public void refused(Exchange exchange) {
        Throwable failure = exchange.getException();
        entry(exchange).filter(entry -> entry.state() == State.SENDING).ifPresent(entry -> journal.write(
                entry.moveTo(State.NOT_SENT, failure == null ? null : OneLine.of(String.valueOf(failure.getMessage())))));
    }

    /**
     * Route predicate, first in {@code provider-call}: this is the redelivery of a create whose connection broke after
     * it left (the journal still says {@code sending}), at a provider that can find lost creates. Then the create is
     * not sent again: the provider's recent predictions are searched for it first ({@link #reconcile} decides).
     */
    public boolean isLostInFlight(Exchange exchange) {
        ProviderCall call = exchange.getProperty(ExchangeKeys.CALL,
                ProviderCall.class);
        if (call == null || call.kind() != CallKind.CREATE) {
            return false;
        }
        Optional<JournalEntry> sent = entry(exchange)
                .filter(entry -> entry.state() == State.SENDING && canFindLostCreates(entry));
        sent.ifPresent(entry -> {
            LOG.info("job {}: the connection of its create to {} broke after it left; looking for it among {}'s"
                    + " recent predictions before anything is sent again", entry.job(), entry.provider(),
                    entry.provider());
            exchange.setProperty(ExchangeKeys.LOST_SEARCH,
                    new LostCreateSearch(Instant.parse(entry.recordedAt())));
        });
        return sent.isPresent();
    }

    /**
     * Whether the job's create may already have reached its provider (journaled {@code sending} or {@code created}):
     * such a job never moves to another provider. Not sent, refused, failed before, or not journaled: it may.
     */
    public boolean mayHaveBeenBilled(Exchange exchange) {
        return entry(exchange).map(entry -> entry.state() == State.SENDING || entry.state() == State.CREATED)
                .orElse(false);
    }

    private Optional<JournalEntry> entry(Exchange exchange) {
        String key = exchange.getProperty(ExchangeKeys.JOURNAL_KEY, String.class);
        return key == null ? Optional.empty() : journal.find(key);
    }

    private boolean canFindLostCreates(JournalEntry entry) {
        try {
            return dialects.get(entry.provider()).canFindLostCreates();
        } catch (RuntimeException unknownProvider) {
            return false;
        }
    }
}
