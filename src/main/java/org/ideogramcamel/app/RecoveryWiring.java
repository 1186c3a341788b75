package org.ideogramcamel.app;

import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;
import org.ideogramcamel.journal.Journaling;

/**
 * Beans for issue 14 (a crash never costs a paid image): the error handler's hook that journals a refused create
 * as not-sent before its retry wait.
 */
final class RecoveryWiring {

    private RecoveryWiring() {
    }

    static void bind(Registry registry, Journaling journaling) {
        // onExceptionOccurredRef of the retrying onException (routes/error-handling.camel.yaml) takes a Processor
        Processor refusedCreates = journaling::refused;
        registry.bind("refusedCreates", refusedCreates);
    }
}
