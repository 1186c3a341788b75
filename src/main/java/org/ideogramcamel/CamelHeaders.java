package org.ideogramcamel;

import org.apache.camel.Message;

/**
 * Clears a message of every header but Camel's own bookkeeping ({@code Camel*}: redelivery counters and the like),
 * so nothing an intake or a provider sent travels on into the next call, file or record.
 *
 * <p>A prefix test rather than {@code Message.removeHeaders("*", "Camel*")}: that one compiles a regular expression
 * for every header that is not a Camel header, and it runs on every provider answer and every image.
 */
public final class CamelHeaders {

    private CamelHeaders() {
    }

    /** Removes every header whose name does not start with {@code Camel} (in any case). */
    public static void keepOnly(Message message) {
        message.getHeaders().keySet().removeIf(name -> !startsWithIgnoreCase(name, "Camel"));
    }

    static boolean startsWithIgnoreCase(String name, String prefix) {
        return name.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
