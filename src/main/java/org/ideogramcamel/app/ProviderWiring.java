package org.ideogramcamel.app;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.ideogramcamel.dialect.Credential;
import org.ideogramcamel.dialect.ProviderModule;
import org.ideogramcamel.dialect.ProviderSettings;
import org.ideogramcamel.dialect.registry.Providers;
import org.ideogramcamel.health.ProviderCredentialsCheck;

/**
 * The providers of {@link Providers#MODULES}, wired from the configuration: each module reads its own
 * {@code ideogram.providers.<name>.*} through {@link ProviderSettings}, so this class knows no provider's keys.
 */
final class ProviderWiring {

    private ProviderWiring() {
    }

    /** The app's settings as the provider modules read them. */
    static ProviderSettings settings(Settings settings) {
        return new ProviderSettings() {
            @Override
            public Optional<String> optional(String key) {
                return settings.optional(key);
            }

            @Override
            public String text(String key, String fallback) {
                return settings.text(key, fallback);
            }

            @Override
            public int integer(String key, int fallback, int min, int max) {
                return settings.integer(key, fallback, min, max);
            }

            @Override
            public boolean flag(String key, boolean fallback) {
                return settings.flag(key, fallback);
            }
        };
    }

    /** The default provider, which must be one of the registry's. */
    static String defaultProvider(Settings settings) {
        String provider = settings.text("ideogram.provider", "offline");
        if (!Providers.names().contains(provider)) {
            throw new IllegalArgumentException("ideogram.provider=" + provider + " is not valid; use one of "
                    + String.join(" ", Providers.names()));
        }
        return provider;
    }

    /** For the banner: each credential key and where its value came from, never the value. */
    static Map<String, String> credentialStatus(Settings settings) {
        ProviderSettings read = settings(settings);
        Map<String, String> status = new TreeMap<>();
        Providers.MODULES.stream().map(ProviderModule::credential).filter(c -> c != null)
                .forEach(c -> status.put(c.key(), c.status(read)));
        return status;
    }

    /** Readiness: the default provider's credential is set (always true for one that needs none). */
    static ProviderCredentialsCheck credentialsCheck(Settings settings, String provider) {
        Credential needed = Providers.MODULES.stream().filter(m -> m.name().equals(provider)).findFirst()
                .map(ProviderModule::credential).orElse(null);
        return new ProviderCredentialsCheck(provider, needed == null || needed.value(settings(settings)).isPresent(),
                needed == null ? "" : needed.howToSet());
    }
}
