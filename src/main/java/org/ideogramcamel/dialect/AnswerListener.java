package org.ideogramcamel.dialect;

import java.time.Duration;

import org.apache.camel.Exchange;

/** Told of every answer a provider gives (its status), so limits can adapt to it without knowing any dialect. */
public interface AnswerListener {

    AnswerListener NONE = (exchange, provider, kind, status, retryAfter) -> { };

    /**
     * @param status     the HTTP status, or the status an answer's envelope stands for
     * @param retryAfter the provider's Retry-After (header or body), or null
     */
    void answered(Exchange exchange, String provider, CallKind kind, int status, Duration retryAfter);
}
