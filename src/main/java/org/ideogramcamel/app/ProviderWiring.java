package org.ideogramcamel.app;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.ideogramcamel.dialect.Credential;
import org.ideogramcamel.dialect.ProviderDialect;
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

            @Override
            public Duration duration(String key, Duration fallback) {
                return settings.duration(key, fallback);
            }

            /** Scheme and host checked at start-up, the error naming the key and showing the value. */
            @Override
            public URI baseUrl(String provider, String fallback) {
                return settings.url(ProviderSettings.key(provider, "base-url"), fallback);
            }
        };
    }

    /** Every provider's dialect, from its ideogram.providers.<name>.* keys (the validate command uses them too). */
    static List<ProviderDialect> dialects(Settings settings) {
        return Providers.dialects(settings(settings));
    }

    /** The default provider's credential, or null when it needs none. */
    static Credential credentialOf(String provider) {
        return Providers.MODULES.stream().filter(m -> m.name().equals(provider)).findFirst()
                .map(ProviderModule::credential).orElse(null);
    }

    /**
     * Start-up: the default provider's credential is set, else the app stops naming where to set it
     * ({@code ideogram.allow-missing-credentials=true} starts anyway).
     */
    static void requireCredential(Settings settings, String provider) {
        Credential needed = credentialOf(provider);
        StartupChecks.requireCredential(settings, provider, needed == null || needed.value(settings(settings))
                .isPresent(), needed == null ? "" : needed.environmentVariable() + " or " + needed.key());
    }

    /** For the ready summary: the default provider's credential set or what to set; empty when it needs none. */
    static String credentialSummary(Settings settings, String provider) {
        Credential needed = credentialOf(provider);
        return needed == null ? "" : needed.summary(settings(settings));
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
        Credential needed = credentialOf(provider);
        return new ProviderCredentialsCheck(provider, needed == null || needed.value(settings(settings)).isPresent(),
                needed == null ? "" : needed.howToSet());
    }
}
