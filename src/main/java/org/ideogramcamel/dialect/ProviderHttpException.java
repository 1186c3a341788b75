package org.ideogramcamel.dialect;

import java.time.Duration;

/**
 * A provider answered a call with an HTTP error. 408, 429 and 5xx are worth retrying; any other 4xx is the
 * job's or the account's fault and is never retried (a second create after a 4xx would only fail again).
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
        return status == 408 || status == 429 || status >= 500;
    }
}
