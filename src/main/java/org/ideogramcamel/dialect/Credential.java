package org.ideogramcamel.dialect;

import java.util.Optional;

/**
 * A provider's credential: its key, else its usual environment variable.
 *
 * @param key                 {@code ideogram.providers.replicate.api-token}
 * @param environmentVariable {@code REPLICATE_API_TOKEN}
 */
public record Credential(String key, String environmentVariable) {

    /** The credential, never logged; a blank value counts as unset (a stray export must not be sent). */
    public Optional<String> value(ProviderSettings settings) {
        return settings.optional(key).or(() -> Optional.ofNullable(System.getenv(environmentVariable)))
                .filter(value -> !value.isBlank());
    }

    /** For the banner: where the value came from, never the value. */
    public String status(ProviderSettings settings) {
        if (value(settings).isEmpty()) {
            return "(not set)";
        }
        return settings.optional(key).filter(v -> !v.isBlank()).isPresent() ? "(set)"
                : "(set, from " + environmentVariable + ")";
    }

    /** For the ready summary: set (and from where), or what to set. */
    public String summary(ProviderSettings settings) {
        return value(settings).isPresent() ? status(settings).replaceAll("[()]", "") : "NOT set (" + howToSet() + ")";
    }

    /** How a user sets it, for messages. */
    public String howToSet() {
        return key + " or the environment variable " + environmentVariable;
    }
}
