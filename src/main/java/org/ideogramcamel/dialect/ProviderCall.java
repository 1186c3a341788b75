package org.ideogramcamel.dialect;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request a dialect wants sent. Credentials are kept apart from the other headers so the sender can
 * refuse to attach them to any origin but the provider's configured base URL.
 *
 * @param kind        create, poll or cancel
 * @param method      HTTP method
 * @param uri         full request URI, or null for a call the dialect answers locally
 * @param headers     headers the provider needs (content type, {@code Prefer} …)
 * @param credentials credential headers, attached only when {@code uri} has the provider's own origin
 * @param body        request body, or null
 */
public record ProviderCall(
        CallKind kind, String method, URI uri, Map<String, String> headers, Map<String, String> credentials,
        String body) {

    /** A call that never leaves the JVM (the offline provider). */
    public static ProviderCall withoutNetwork(CallKind kind) {
        return new ProviderCall(kind, null, null, Map.of(), Map.of(), null);
    }

    public boolean isLocal() {
        return uri == null;
    }
}
