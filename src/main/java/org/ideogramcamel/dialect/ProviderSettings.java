package org.ideogramcamel.dialect;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The configuration a provider module reads its options from ({@code ideogram.providers.<name>.*}). The app's
 * settings implement it, so a provider package never depends on the app.
 */
public interface ProviderSettings {

    Optional<String> optional(String key);

    String text(String key, String fallback);

    int integer(String key, int fallback, int min, int max);

    boolean flag(String key, boolean fallback);

    Duration duration(String key, Duration fallback);

    /** {@code ideogram.providers.<provider>.<option>}. */
    static String key(String provider, String option) {
        return "ideogram.providers." + provider + "." + option;
    }

    /**
     * Every provider's {@code ideogram.providers.<name>.base-url}, read here and only here, so a check of the URL
     * (scheme, host) has one place to go.
     */
    default URI baseUrl(String provider, String fallback) {
        String key = key(provider, "base-url");
        String value = text(key, fallback);
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not a valid URL; use one such as " + fallback);
        }
    }
}
