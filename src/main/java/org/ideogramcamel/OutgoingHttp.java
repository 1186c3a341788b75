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
        // a plain prefix test: Message.removeHeaders(pattern) compiles a regular expression on every call
        message.getHeaders().keySet().removeIf(name -> !startsWithIgnoreCase(name, "Camel")
                || startsWithIgnoreCase(name, "CamelHttp"));
        message.setHeader(Exchange.HTTP_URI, uri);
        // camel-http reads the method as its enum; a String would go through a type-converter search on every call
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method));
    }

    private static boolean startsWithIgnoreCase(String name, String prefix) {
        return name.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
