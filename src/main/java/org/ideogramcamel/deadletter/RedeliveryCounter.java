package org.ideogramcamel.deadletter;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.Redeliveries;

/**
 * Remembers how many times the failing step was redelivered, for the dead-letter record's {@code attempts}.
 * Camel removes its own counter header before a handled failure reaches the dead-letter route, so the count is
 * kept in an exchange property (which redelivery does not roll back); a step that succeeds clears it.
 */
public class RedeliveryCounter implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(ExchangeKeys.REDELIVERIES,
                exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class));
    }

    /** Called when a network step succeeded, so a later failure counts its own attempts. */
    public static void reset(Exchange exchange) {
        Redeliveries.reset(exchange);
    }

    public static int attempts(Exchange exchange) {
        return Redeliveries.attempts(exchange);
    }
}
