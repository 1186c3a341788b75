package org.ideogramcamel.dialect.pixazo;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Configuration of the Pixazo gateway dialect ({@code ideogram.providers.pixazo.*}).
 *
 * @param baseUrl         {@code ideogram.providers.pixazo.base-url}, default {@code https://gateway.pixazo.ai}; the
 *                        model's path ({@code /ideogramV_2/v1/...}) is appended to it
 * @param subscriptionKey {@code ideogram.providers.pixazo.subscription-key}, default from
 *                        {@code PIXAZO_SUBSCRIPTION_KEY}; sent as {@code Ocp-Apim-Subscription-Key}, never logged
 * @param model           {@code ideogram.providers.pixazo.model}, the model used when a job names none, in the
 *                        job's canonical words: {@code v2} (default) or {@code v2_turbo}. Canonical rather than the
 *                        gateway's {@code V_2} because the model also chooses the URL path.
 */
public record PixazoOptions(URI baseUrl, String subscriptionKey, String model) {

    /** The canonical models the gateway serves: Ideogram 2.0 and 2.0 Turbo, nothing else. */
    public static final List<String> MODELS = List.of("v2", "v2_turbo");

    public PixazoOptions {
        Objects.requireNonNull(baseUrl, "ideogram.providers.pixazo.base-url");
        subscriptionKey = subscriptionKey == null ? "" : subscriptionKey.strip();
        model = model == null || model.isBlank() ? "v2" : model.strip().toLowerCase(Locale.ROOT);
        if (!MODELS.contains(model)) {
            // a wrong default would make every job fail, so it stops the start instead
            throw new IllegalArgumentException("ideogram.providers.pixazo.model=" + model
                    + " is not valid; use v2 or v2_turbo (the Pixazo gateway serves Ideogram 2.0 and 2.0 Turbo only)");
        }
    }

    public boolean hasSubscriptionKey() {
        return !subscriptionKey.isEmpty();
    }

    @Override
    public String toString() {
        return "PixazoOptions[baseUrl=" + baseUrl + ", subscriptionKey=" + (hasSubscriptionKey() ? "****" : "<unset>")
                + ", model=" + model + "]";
    }
}
