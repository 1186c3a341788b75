package org.ideogramcamel.dialect;

import java.time.Duration;

/**
 * What a provider said in an error answer: its own message and, if it gave one, how long to wait.
 *
 * @param message    the provider's message, one line
 * @param retryAfter the wait the body asks for (Replicate's {@code retry_after}), or null
 */
public record ProviderError(String message, Duration retryAfter) {
}
