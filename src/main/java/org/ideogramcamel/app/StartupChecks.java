package org.ideogramcamel.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import org.apache.camel.CamelContext;

/**
 * Mistakes caught before the app takes its first job, each stopping start-up with one line that names the key
 * to change: unknown {@code ideogram.*} keys, a default provider without its credential, a management port that
 * cannot be bound, a state folder another instance is using. (Base URLs are checked where they are read,
 * {@link Settings#url}.)
 */
public final class StartupChecks {

    static final String ALLOW_MISSING_CREDENTIALS = "ideogram.allow-missing-credentials";

    private StartupChecks() {
    }

    /**
     * All the checks that need nothing but the configuration, in the order a user would fix them; the state lock
     * is taken last and released when the context stops.
     */
    public static void run(CamelContext context, Settings settings) {
        refuseUnknownKeys(context, System.getProperties(), System.getenv());
        if (settings.flag("ideogram.management.enabled", true)) {
            HttpPorts.requireFree("ideogram.management", settings.text("ideogram.management.host", "127.0.0.1"),
                    settings.integer("ideogram.management.port", 9876, 0, 65535),
                    "or turn it off with ideogram.management.enabled=false");
        }
        Path state = settings.folder("ideogram.state", "state");
        try {
            context.addService(StateLock.acquire(state), true, true);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not hold the lock of ideogram.state=" + state + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Every {@code ideogram.*} key set in the configuration file, as a {@code -D} system property or as an
     * {@code IDEOGRAM_*} environment variable must be a known one ({@link KnownKeys}); else start-up stops naming
     * it and the nearest known key.
     */
    static void refuseUnknownKeys(CamelContext context, java.util.Properties system, Map<String, String> environment) {
        TreeSet<String> keys = new TreeSet<>(context.getPropertiesComponent()
                .loadProperties(k -> k.startsWith("ideogram.")).stringPropertyNames());
        system.stringPropertyNames().stream().filter(k -> k.startsWith("ideogram.")).forEach(keys::add);
        for (String key : keys) {
            if (!KnownKeys.isKnown(key)) {
                throw new IllegalArgumentException("unknown key " + key + KnownKeys.nearest(key)
                        .map(k -> "; did you mean " + k + "?").orElse("") + " (the README's Configuration table"
                        + " lists every key)");
            }
        }
        new TreeSet<>(environment.keySet()).stream().filter(v -> v.startsWith("IDEOGRAM_"))
                .filter(v -> !KnownKeys.isKnownVariable(v)).findFirst().ifPresent(variable -> {
                    throw new IllegalArgumentException("unknown environment variable " + variable
                            + KnownKeys.nearestVariable(variable).map(v -> "; did you mean " + v + "?").orElse("")
                            + " (IDEOGRAM_* variables stand for ideogram.* keys; unset it or fix its name)");
                });
    }

    /**
     * The default provider needs its credential, or every job fails at its first call: start-up stops naming the
     * key and the environment variable, unless {@code ideogram.allow-missing-credentials=true} (jobs then name a
     * provider that has one).
     *
     * @param where "ideogram.providers.replicate.api-token or the environment variable REPLICATE_API_TOKEN"
     */
    public static void requireCredential(Settings settings, String provider, boolean present, String where) {
        if (present || settings.flag(ALLOW_MISSING_CREDENTIALS, false)) {
            return;
        }
        throw new IllegalArgumentException("ideogram.provider=" + provider + " has no credential: set " + where
                + " (or " + ALLOW_MISSING_CREDENTIALS + "=true to start anyway, when jobs name another provider)");
    }
}
