package org.ideogramcamel.deadletter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import javax.net.ssl.SSLHandshakeException;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderHttpException;
import org.ideogramcamel.journal.JournalException;
import org.ideogramcamel.store.ImageDownloadException;
import org.ideogramcamel.store.ImageWriteException;
import org.ideogramcamel.store.S3Failures;

/**
 * Decides which failures are worth another attempt. The rule that protects the user's money: a create is
 * retried only when the provider answered 408/429/5xx or the request provably never left (connection refused,
 * unknown host). A create that was sent and got no answer may have been billed, so it is not resent unless
 * {@code ideogram.retry.unknown-outcome=true}; polls, cancels and downloads are retried freely.
 */
public class Failures {

    private final boolean retryUnknownOutcome;
    private final java.util.function.Predicate<Exchange> canFindLostCreate;

    public Failures(boolean retryUnknownOutcome) {
        this(retryUnknownOutcome, exchange -> false);
    }

    /**
     * @param canFindLostCreate whether the job's provider can find a create whose answer was lost: then a create
     *                          whose connection broke is "retried", and the retry looks for it instead of sending
     */
    public Failures(boolean retryUnknownOutcome, java.util.function.Predicate<Exchange> canFindLostCreate) {
        this.retryUnknownOutcome = retryUnknownOutcome;
        this.canFindLostCreate = canFindLostCreate;
    }

    /** onWhen predicate of the retrying onException in {@code routes/error-handling.camel.yaml}. */
    public boolean isRetryable(Exchange exchange) {
        Throwable failure = failure(exchange);
        if (failure instanceof ProviderHttpException http) {
            return http.isRetryable();
        }
        if (failure instanceof ImageDownloadException download) {
            return download.isRetryable();
        }
        if (isBreakerRefusal(failure)) {
            return true; // nothing was sent: the next attempt may fail over or find the provider back
        }
        ImageWriteException write = ImageWriteException.in(failure);
        if (write != null) {
            // the outbox refused the image: with its bytes held it goes to server-errors at once (a read-only or
            // missing folder does not heal in seconds); without them a retry downloads it again
            return !write.isHeld();
        }
        if (S3Failures.cause(failure) != null) {
            // the S3 store: the image is held locally, so a retry uploads again and never re-downloads
            return S3Failures.isRetryable(failure);
        }
        IOException io = ioCause(failure);
        if (io == null || io instanceof SSLHandshakeException) {
            // a certificate the JVM does not trust will not be trusted on the next attempt either
            return false;
        }
        if (exchange.getProperty(ExchangeKeys.IMAGE) != null || !ProviderCall.isCreateIn(exchange)) {
            return true;
        }
        return neverSent(io) || ProviderCall.isLocalIn(exchange) || retryUnknownOutcome
                || canFindLostCreate.test(exchange);
    }

    /**
     * A create that was sent and not answered: it may have been billed. A call the dialect answers locally (the
     * offline provider) is never billed, whatever broke it.
     */
    static boolean isUnknownOutcome(Exchange exchange, Throwable failure) {
        IOException io = ioCause(failure);
        return io != null && exchange.getProperty(ExchangeKeys.IMAGE) == null && ProviderCall.isCreateIn(exchange)
                && !ProviderCall.isLocalIn(exchange) && !neverSent(io);
    }

    /**
     * The job failed at its create and the provider cannot have billed it: it answered 4xx (other than 408, which a
     * gateway may send after the request reached the provider) or the request provably never left. A 5xx or an
     * unanswered create may have been billed. Used to release the job's budget reservation.
     */
    public static boolean createWasNotBilled(Exchange exchange) {
        Throwable failure = failure(exchange);
        if (exchange.getProperty(ExchangeKeys.IMAGE) != null || !ProviderCall.isCreateIn(exchange)) {
            return false;
        }
        if (ProviderCall.isLocalIn(exchange)) {
            return true;
        }
        if (failure instanceof ProviderHttpException http) {
            return http.kind() == CallKind.CREATE && http.status() >= 400 && http.status() < 500
                    && http.status() != 408;
        }
        IOException io = ioCause(failure);
        return io != null && neverSent(io);
    }

    /**
     * The create just failed in a way that proves nothing was billed and that is retried: the provider answered 429
     * or 5xx (it did not take the job), or the request never left (connection refused, unknown host, connect
     * timeout). Its journal entry goes back to not-sent, so a kill during the retry wait runs it as new.
     */
    public static boolean createWasRefused(Exchange exchange) {
        Throwable failure = failure(exchange);
        if (exchange.getProperty(ExchangeKeys.IMAGE) != null || !ProviderCall.isCreateIn(exchange)) {
            return false;
        }
        if (failure instanceof ProviderHttpException http) {
            return http.kind() == CallKind.CREATE && (http.status() == 429 || http.status() >= 500);
        }
        if (isBreakerRefusal(failure)) {
            return true;
        }
        IOException io = ioCause(failure);
        return io != null && !(io instanceof SSLHandshakeException) && neverSent(io);
    }

    /** The provider's circuit breaker refused the create (it counts as down): nothing was sent. */
    public static boolean isBreakerRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
                return true;
            }
        }
        return false;
    }

    static Throwable failure(Exchange exchange) {
        Throwable failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    static IOException ioCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JournalException || t instanceof SQLException) {
                // the state database failed (its I/O underneath is not a provider call's): routes/error-handling's
                // wait-for-state-database handles it when the database is out of reach, nothing else retries it
                return null;
            }
            if (t instanceof IOException io) {
                return io;
            }
        }
        return null;
    }



    private static boolean neverSent(IOException io) {
        String type = io.getClass().getSimpleName();
        return io instanceof ConnectException || io instanceof UnknownHostException
                || io instanceof NoRouteToHostException
                // the TLS handshake comes before the request: nothing was sent
                || io instanceof SSLHandshakeException
                // HttpClient 5: timed out connecting, or waiting for a pooled connection
                || type.equals("ConnectTimeoutException") || type.equals("ConnectionRequestTimeoutException")
                || (io instanceof InterruptedIOException && String.valueOf(io.getMessage()).startsWith("Connect"));
    }
}
