package org.ideogramcamel.app;

import org.apache.camel.spi.Registry;
import org.ideogramcamel.kamelet.KameletSteps;

/**
 * The bean the ideogram Kamelets call ({@code kamelets/*.kamelet.yaml}, shipped in the jar under {@code kamelets/},
 * where camel-kamelet's default location {@code classpath:kamelets} finds them).
 */
final class KameletWiring {

    /** The bean name the Kamelet templates refer to. */
    static final String BEAN = "ideogramKamelet";

    private KameletWiring() {
    }

    static void bind(Registry registry) {
        registry.bind(BEAN, new KameletSteps());
    }
}
