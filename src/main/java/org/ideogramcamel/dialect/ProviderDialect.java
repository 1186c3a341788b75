package org.ideogramcamel.dialect;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.Vocabulary;

/**
 * How one provider speaks: the only place that knows its URLs, field names and words. Everything a route does
 * with a provider goes through this interface.
 */
public interface ProviderDialect {

    /** The name jobs and configuration use ({@code replicate}). */
    String name();

    /** The configured base URL; credentials are sent to this origin only. Null for local dialects. */
    URI baseUri();

    /** The model this job runs on, in the provider's words. */
    String model(ImageJob job);

    /** The operations this provider offers ({@code generate edit remix describe}); others are refused. */
    default Set<String> operations() {
        return Set.copyOf(Vocabulary.OPERATIONS);
    }

    /**
     * What this provider cannot do for the job, one line each naming the provider and the option. A job with
     * refusals is dead-lettered before any call.
     */
    List<String> refusals(ImageJob job);

    ProviderCall create(ImageJob job);

    /** The poll request for a pending prediction; only asynchronous dialects are asked. */
    ProviderCall poll(Prediction prediction);

    /** The cancel request for a prediction past its deadline. */
    ProviderCall cancel(Prediction prediction);

    /** Whether the provider has a cancel endpoint; without one a prediction past its deadline is only abandoned. */
    default boolean supportsCancel() {
        return true;
    }

    /** Reads a 2xx answer to a create, poll or cancel. */
    Prediction read(CallKind kind, ImageJob job, byte[] body);

    /** Reads an error answer's body. */
    ProviderError error(int status, byte[] body);

    /** Answers a local call without any network (the offline provider); others never get local calls. */
    default Prediction answerLocally(ProviderCall call, ImageJob job) {
        throw new UnsupportedOperationException(name() + " has no local answers");
    }

    /**
     * What this dialect needs to poll the prediction again after a restart, written to the journal as soon as the
     * create is answered: opaque to everyone else, never a credential or a URL. Null when the provider has no way to
     * look a prediction up again (synchronous providers).
     */
    default String resumeHandle(Prediction prediction) {
        return null;
    }

    /** The pending prediction a resume handle stands for; the poll loop then asks {@link #poll} as usual. */
    default Prediction resumed(String handle, ImageJob job) {
        throw new UnsupportedOperationException(name() + " cannot resume a prediction after a restart");
    }

    /**
     * This dialect speaking with another credential (a route's own, see {@link RouteCredential}): same base URL, model
     * and options, only the key differs. Providers that take no credential have none to replace.
     */
    default ProviderDialect withCredential(String secret) {
        throw new UnsupportedOperationException(name() + " takes no credential");
    }

    /**
     * Whether a create whose answer was lost can be found again: the provider lists its recent predictions with
     * their model and input, so the one our create made can be told apart from any other. False by default
     * (synchronous providers, and those whose list does not say what input a prediction had).
     */
    default boolean canFindLostCreates() {
        return false;
    }

    /**
     * The request for one page of the provider's recent predictions created since {@code since}, newest first.
     *
     * @param cursor null for the first page, else {@link RecentPredictions#nextCursor()} of the page before
     */
    default ProviderCall listRecent(ImageJob job, Instant since, String cursor) {
        throw new UnsupportedOperationException(name() + " cannot list its recent predictions");
    }

    /** Reads a 2xx answer to {@link #listRecent}: the predictions of the job's model and input, and the next page. */
    default RecentPredictions readRecent(ImageJob job, Instant since, byte[] body) {
        throw new UnsupportedOperationException(name() + " cannot list its recent predictions");
    }
}
