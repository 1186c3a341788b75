package org.ideogramcamel;

import org.apache.camel.Exchange;

/**
 * How many times the failing step was redelivered, kept in an exchange property for the dead-letter record's
 * {@code attempts}. Here, beside the exchange keys, so the network steps (dialects, stores) can clear it without
 * depending on the dead-letter package, which depends on them.
 */
public final class Redeliveries {

    private Redeliveries() {
    }

    /** Called when a network step succeeded, so a later failure counts its own attempts. */
    public static void reset(Exchange exchange) {
        exchange.removeProperty(ExchangeKeys.REDELIVERIES);
    }

    public static int attempts(Exchange exchange) {
        return 1 + exchange.getProperty(ExchangeKeys.REDELIVERIES, 0, Integer.class);
    }
}
