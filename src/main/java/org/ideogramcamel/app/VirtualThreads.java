package org.ideogramcamel.app;

import java.util.Properties;

/**
 * Virtual threads on by default on Java 21+. Camel 4.18 reads {@code camel.threads.virtual.enabled} once, as a JVM
 * system property, when its thread factory is first loaded: so the README's {@code java -jar ...} (and
 * bin/ideogram-camel) set it here, before Camel starts, unless the user set it themselves
 * ({@code -Dcamel.threads.virtual.enabled=false} keeps platform threads). On Java 17 nothing changes.
 */
final class VirtualThreads {

    static final String KEY = "camel.threads.virtual.enabled";

    private VirtualThreads() {
    }

    /** Sets {@link #KEY} to true in {@code system} on a Java of feature release 21 or later that has it unset. */
    static void enableByDefault(Properties system, int javaFeatureRelease) {
        if (javaFeatureRelease >= 21 && system.getProperty(KEY) == null) {
            system.setProperty(KEY, "true");
        }
    }
}
