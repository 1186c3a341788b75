package org.ideogramcamel.dialect;

import java.time.Duration;

/**
 * A provider answered a call with an HTTP error. 429 and 5xx are worth retrying, and so is 408 on a poll or
 * cancel; any other 4xx is the job's or the account's fault and is never retried (a second create after a 4xx
 * would only fail again). A create is resent only on 429 and 5xx: those are the answers that say the provider did
 * not take the job, while a 408 behind a gateway may come after the request already reached the provider.
 */
public class ProviderHttpException extends RuntimeException {

    private final String provider;
    private final CallKind kind;
    private final int status;
    private final String providerMessage;
    private final Duration retryAfter;

    public ProviderHttpException(String provider, CallKind kind, int status, String providerMessage,
            Duration retryAfter) {
        super(provider + " answered " + status + " to " + kind.word() + ": " + providerMessage, null, false, false);
        this.provider = provider;
        this.kind = kind;
        this.status = status;
        this.providerMessage = providerMessage;
        this.retryAfter = retryAfter;
    }

    public String provider() {
        return provider;
    }

    public CallKind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public String providerMessage() {
        return providerMessage;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean isRetryable() {
        return status == 429 || status >= 500 || (status == 408 && kind != CallKind.CREATE);
    }

    /** A failure of the moment (408, 429, 5xx) rather than of the job: dead-lettered as a server error. */
    public boolean isTransient() {
        return status == 408 || status == 429 || status >= 500;
    }
}
