package org.ideogramcamel;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * Prepares a message for camel-http so that it carries nothing but what the request needs: every header from
 * the intake or a previous call is dropped, including {@code CamelHttpPath}/{@code CamelHttpQuery} which
 * camel-http would otherwise append to the URI. Camel's bookkeeping headers (redelivery counters) stay; camel-http
 * never sends {@code Camel*} headers.
 */
public final class OutgoingHttp {

    private OutgoingHttp() {
    }

    public static void prepare(Message message, String uri, String method) {
        // one pass: everything but Camel's bookkeeping, and camel-http's own headers too
        message.getHeaders().keySet().removeIf(name -> !CamelHeaders.startsWithIgnoreCase(name, "Camel")
                || CamelHeaders.startsWithIgnoreCase(name, "CamelHttp"));
        message.setHeader(Exchange.HTTP_URI, uri);
        // camel-http reads the method as its enum; a String would go through a type-converter search on every call
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method));
    }
}
