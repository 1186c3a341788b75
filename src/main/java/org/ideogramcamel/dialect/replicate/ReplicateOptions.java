package org.ideogramcamel.dialect.replicate;

import java.net.URI;

/**
 * Configuration of the Replicate dialect ({@code ideogram.providers.replicate.*}).
 *
 * @param baseUrl    {@code https://api.replicate.com/v1}, or a compatible proxy's {@code https://host/replicate/v1}
 * @param apiToken   the Bearer token (default from {@code REPLICATE_API_TOKEN}); never logged
 * @param model      the model used when a job names none, in Replicate's words ({@code ideogram-v2-turbo})
 * @param preferWait seconds to ask Replicate to hold the create answer open ({@code Prefer: wait=N}); 0 = never
 */
public record ReplicateOptions(URI baseUrl, String apiToken, String model, int preferWait) {

    public boolean hasApiToken() {
        return apiToken != null && !apiToken.isBlank();
    }

    @Override
    public String toString() {
        return "ReplicateOptions[baseUrl=" + baseUrl + ", apiToken=" + (apiToken == null || apiToken.isEmpty()
                ? "<unset>" : "****") + ", model=" + model + ", preferWait=" + preferWait + "]";
    }
}
