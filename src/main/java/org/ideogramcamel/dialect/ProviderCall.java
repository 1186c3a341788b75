package org.ideogramcamel.dialect;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;

/**
 * One HTTP request a dialect wants sent. Credentials are kept apart from the other headers so the sender can
 * refuse to attach them to any origin but the provider's configured base URL.
 *
 * @param kind        create, poll or cancel
 * @param method      HTTP method
 * @param uri         full request URI, or null for a call the dialect answers locally
 * @param headers     headers the provider needs (content type, {@code Prefer} …)
 * @param credentials credential headers, attached only when {@code uri} has the provider's own origin
 * @param body        JSON request body, or null
 * @param parts       multipart/form-data parts; when not empty they are the body
 */
public record ProviderCall(
        CallKind kind, String method, URI uri, Map<String, String> headers, Map<String, String> credentials,
        String body, List<FormPart> parts) {

    /** A call with a JSON body (or none). */
    public ProviderCall(CallKind kind, String method, URI uri, Map<String, String> headers,
            Map<String, String> credentials, String body) {
        this(kind, method, uri, headers, credentials, body, List.of());
    }

    /** A multipart/form-data call; the sender builds the entity and its boundary. */
    public static ProviderCall multipart(CallKind kind, URI uri, Map<String, String> headers,
            Map<String, String> credentials, List<FormPart> parts) {
        return new ProviderCall(kind, "POST", uri, headers, credentials, null, List.copyOf(parts));
    }

    /** A call that never leaves the JVM (the offline provider). */
    public static ProviderCall withoutNetwork(CallKind kind) {
        return new ProviderCall(kind, null, null, Map.of(), Map.of(), null, List.of());
    }

    public boolean isMultipart() {
        return !parts.isEmpty();
    }

    /** Whether the exchange's provider call is a create: the call whose answer, once sent, may have been billed. */
    public static boolean isCreateIn(Exchange exchange) {
        ProviderCall call = exchange.getProperty(ExchangeKeys.CALL, ProviderCall.class);
        return call != null && call.kind() == CallKind.CREATE;
    }

    /** Whether the exchange's provider call never leaves the JVM (the offline provider): nothing can be billed. */
    public static boolean isLocalIn(Exchange exchange) {
        ProviderCall call = exchange.getProperty(ExchangeKeys.CALL, ProviderCall.class);
        return call != null && call.isLocal();
    }

    public boolean isLocal() {
        return uri == null;
    }

    /** As a record prints itself, but the credential headers' values are masked: a call may be logged or dumped. */
    @Override
    public String toString() {
        Map<String, String> masked = new java.util.TreeMap<>();
        credentials.keySet().forEach(name -> masked.put(name, "xxxxxx"));
        return "ProviderCall[kind=" + kind + ", method=" + method + ", uri=" + uri + ", headers=" + headers
                + ", credentials=" + masked + ", body=" + body + ", parts=" + parts + "]";
    }
}
