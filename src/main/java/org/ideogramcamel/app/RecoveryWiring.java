package org.ideogramcamel.app;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;
import org.ideogramcamel.deadletter.Failures;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.journal.CreateOutcomes;
import org.ideogramcamel.journal.Journaling;

/**
 * Beans for issue 14 (a crash never costs a paid image): the error handler's hook that journals a refused create
 * as not-sent before its retry wait, and whether a create whose connection broke can be looked for again.
 */
final class RecoveryWiring {

    private RecoveryWiring() {
    }

    static CreateOutcomes bind(Registry registry, Journaling journaling, Dialects dialects,
            boolean resendUnknownOutcome) {
        CreateOutcomes outcomes = new CreateOutcomes(journaling.journal(), dialects, resendUnknownOutcome);
        registry.bind("createOutcomes", outcomes);
        // onExceptionOccurredRef of the retrying onException (routes/error-handling.camel.yaml) takes a Processor
        // a refused create (429, 5xx, never sent) goes back to not-sent; any other failure leaves the entry as it is
        Processor refusedCreates = exchange -> {
            if (Failures.createWasRefused(exchange)) {
                outcomes.refused(exchange);
            }
        };
        registry.bind("refusedCreates", refusedCreates);
        return outcomes;
    }

    /** The job's provider lists its recent predictions, so a create whose connection broke can be found again. */
    static boolean canFindLostCreate(Dialects dialects, Exchange exchange) {
        try {
            return dialects.of(exchange).canFindLostCreates();
        } catch (RuntimeException noJob) {
            return false;
        }
    }
}
