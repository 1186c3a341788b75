package org.ideogramcamel.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.sql.SQLException;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderHttpException;
import org.ideogramcamel.journal.JournalException;
import org.ideogramcamel.state.jdbc.DatabaseOutage;
import org.ideogramcamel.store.ImageDownloadException;
import org.junit.jupiter.api.Test;

/** Which failures may be retried: a create that may have been billed must never be resent by default. */
class FailuresTest {

    final Failures failures = new Failures(false);

    @Test
    void createsAreRetriedOnlyOn429And5xxPollsAlsoOn408() {
        assertThat(failures.isRetryable(failing(CallKind.CREATE, http(429)))).isTrue();
        assertThat(failures.isRetryable(failing(CallKind.CREATE, http(CallKind.CREATE, 408)))).isFalse();
        assertThat(failures.isRetryable(failing(CallKind.POLL, http(CallKind.POLL, 408)))).isTrue();
        assertThat(failures.isRetryable(failing(CallKind.CREATE, http(CallKind.CREATE, 404)))).isFalse();
        assertThat(failures.isRetryable(failing(CallKind.CREATE, http(503)))).isTrue();
        assertThat(failures.isRetryable(failing(CallKind.CREATE, http(401)))).isFalse();
        assertThat(failures.isRetryable(failing(CallKind.CREATE, http(422)))).isFalse();
        assertThat(failures.isRetryable(failing(CallKind.POLL, http(404)))).isFalse();
    }

    @Test
    void aCreateThatWasSentButNotAnsweredIsNotRetried() {
        Exchange timedOut = failing(CallKind.CREATE, new SocketTimeoutException("Read timed out"));
        assertThat(failures.isRetryable(timedOut)).isFalse();
        assertThat(Failures.isUnknownOutcome(timedOut, timedOut.getException())).isTrue();
        assertThat(new Failures(true).isRetryable(timedOut)).as("opted in").isTrue();
    }

    /**
     * A journal write that failed at the create (the state database went away, with a socket error underneath) is
     * neither a create that may have been billed nor a retryable provider failure: nothing was sent, and
     * routes/error-handling waits for the database instead (DatabaseOutage).
     */
    @Test
    void aStateDatabaseFailureIsNeverTakenForAProviderCallsIoFailure() {
        SQLException gone = new SQLException("An I/O error occurred while sending to the backend", "08006",
                new java.net.SocketException("Connection reset"));
        Exchange journal = failing(CallKind.CREATE, new JournalException("could not write journal entry k", gone));
        assertThat(Failures.isUnknownOutcome(journal, journal.getException())).isFalse();
        assertThat(failures.isRetryable(journal)).isFalse();
        Exchange claim = failing(CallKind.POLL, new IllegalStateException("could not claim job k", gone));
        assertThat(failures.isRetryable(claim)).isFalse();
        assertThat(DatabaseOutage.isOutage(journal.getException())).isTrue();
        assertThat(DatabaseOutage.isOutage(claim.getException())).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
    }

    @Test
    void aCreateThatNeverLeftIsRetried() {
        Exchange refused = failing(CallKind.CREATE, new ConnectException("Connection refused"));
        assertThat(failures.isRetryable(refused)).isTrue();
        assertThat(Failures.isUnknownOutcome(refused, refused.getException())).isFalse();
    }

    /** The offline provider renders in the JVM: whatever breaks its answer, nothing can have been billed. */
    @Test
    void aLocalCreateIsNeverAnUnknownOutcome() {
        Exchange local = new DefaultExchange(new DefaultCamelContext());
        local.setProperty(ExchangeKeys.CALL, ProviderCall.withoutNetwork(CallKind.CREATE));
        local.setException(new IOException("closed"));
        assertThat(Failures.isUnknownOutcome(local, local.getException())).isFalse();
        assertThat(failures.isRetryable(local)).isTrue();
        assertThat(Failures.createWasNotBilled(local)).isTrue();
    }

    @Test
    void onlyACreateRefusedWith429Or5xxOrThatNeverLeftCountsAsRefused() {
        assertThat(Failures.createWasRefused(failing(CallKind.CREATE, http(429)))).isTrue();
        assertThat(Failures.createWasRefused(failing(CallKind.CREATE, http(503)))).isTrue();
        assertThat(Failures.createWasRefused(failing(CallKind.CREATE, new ConnectException("refused")))).isTrue();
        assertThat(Failures.createWasRefused(failing(CallKind.CREATE, new SocketTimeoutException("Read timed out"))))
                .as("sent, unanswered: may have been billed").isFalse();
        assertThat(Failures.createWasRefused(failing(CallKind.CREATE, http(CallKind.CREATE, 408)))).isFalse();
        assertThat(Failures.createWasRefused(failing(CallKind.CREATE, http(422)))).isFalse();
        assertThat(Failures.createWasRefused(failing(CallKind.POLL, http(CallKind.POLL, 503)))).isFalse();
    }

    @Test
    void aFailedTlsHandshakeSentNothingAndIsNotRetried() {
        Exchange untrusted = failing(CallKind.CREATE, new SSLHandshakeException("PKIX path building failed"));
        assertThat(Failures.isUnknownOutcome(untrusted, untrusted.getException())).isFalse();
        assertThat(failures.isRetryable(untrusted)).isFalse();
    }

    @Test
    void pollsAndDownloadsAreRetriedOnAnyIoError() {
        assertThat(failures.isRetryable(failing(CallKind.POLL, new SocketTimeoutException("x")))).isTrue();
        Exchange download = failing(CallKind.CREATE, new IOException("reset"));
        download.setProperty(ExchangeKeys.IMAGE, new GeneratedImage(1, "https://cdn.example/x.png", null, null, null));
        assertThat(failures.isRetryable(download)).isTrue();
        assertThat(failures.isRetryable(failing(CallKind.POLL, new ImageDownloadException(404, "gone")))).isFalse();
        assertThat(failures.isRetryable(failing(CallKind.POLL, new ImageDownloadException(502, "bad gateway")))).isTrue();
    }

    /** The budget gives a reservation back only for a create the provider cannot have billed. */
    @Test
    void onlyARefusedOrNeverSentCreateIsUnbilled() {
        assertThat(Failures.createWasNotBilled(failing(CallKind.CREATE, http(422)))).as("422").isTrue();
        assertThat(Failures.createWasNotBilled(failing(CallKind.CREATE, http(429)))).as("429").isTrue();
        assertThat(Failures.createWasNotBilled(failing(CallKind.CREATE, http(408)))).as("408").isFalse();
        assertThat(Failures.createWasNotBilled(failing(CallKind.CREATE, http(503)))).as("503").isFalse();
        assertThat(Failures.createWasNotBilled(failing(CallKind.CREATE, new ConnectException("refused"))))
                .as("never sent").isTrue();
        assertThat(Failures.createWasNotBilled(failing(CallKind.CREATE, new SocketTimeoutException("Read timed out"))))
                .as("sent, not answered").isFalse();
        assertThat(Failures.createWasNotBilled(failing(CallKind.POLL, http(CallKind.POLL, 404)))).as("a poll").isFalse();
        Exchange download = failing(CallKind.CREATE, new ImageDownloadException(404, "gone"));
        download.setProperty(ExchangeKeys.IMAGE, new GeneratedImage(1, "https://cdn.example/x.png", null, null, null));
        assertThat(Failures.createWasNotBilled(download)).as("an image").isFalse();
    }

    private static ProviderHttpException http(int status) {
        return http(CallKind.CREATE, status);
    }

    private static ProviderHttpException http(CallKind kind, int status) {
        return new ProviderHttpException("replicate", kind, status, "m", null);
    }

    private static Exchange failing(CallKind kind, Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangeKeys.CALL, new ProviderCall(kind, "POST", URI.create("https://x.example/"),
                Map.of(), Map.of(), null));
        exchange.setException(failure);
        return exchange;
    }
}
