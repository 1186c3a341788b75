package org.ideogramcamel.dialect.ideogram;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Configuration of the Ideogram dialect ({@code ideogram.providers.ideogram.*}): Ideogram's own API, or a proxy
 * that forwards its legacy v1 endpoints ({@code /generate}, {@code /edit}, {@code /remix}, {@code /describe}).
 *
 * @param baseUrl    {@code https://api.ideogram.ai}, or a proxy's {@code https://host/ideogram} so that
 *                   {@code {base}/generate} is the proxy's {@code /ideogram/generate}
 * @param apiKey     the key (default from {@code IDEOGRAM_API_KEY}); never logged
 * @param authHeader how the key is sent: {@code Api-Key} ({@code Api-Key: <key>}, Ideogram itself) or
 *                   {@code Bearer} ({@code Authorization: Bearer <key>}, proxies)
 * @param model      the model used when a job names none, in Ideogram's words ({@code V_3_TURBO}, {@code V_2} …)
 */
public record IdeogramOptions(URI baseUrl, String apiKey, String authHeader, String model) {

    public static final String API_KEY = "Api-Key";
    public static final String BEARER = "Bearer";

    /**
     * Ideogram's model names: on its legacy endpoints, and for Ideogram 3 (whose endpoints take a rendering speed
     * instead: V_3_FLASH, V_3_TURBO, V_3 for DEFAULT, V_3_QUALITY).
     */
    public static final List<String> MODELS = IdeogramModels.TABLE.rows().stream().map(r -> r.word()).toList();

    /** Wrong values are start-up errors: a typo here would otherwise fail every job at its first call. */
    public IdeogramOptions {
        if (API_KEY.equalsIgnoreCase(authHeader)) {
            authHeader = API_KEY;
        } else if (BEARER.equalsIgnoreCase(authHeader)) {
            authHeader = BEARER;
        } else {
            throw new IllegalArgumentException("ideogram.providers.ideogram.auth-header=" + authHeader
                    + " is not valid; use Api-Key (Ideogram itself) or Bearer (a proxy)");
        }
        String upper = model == null ? null : model.toUpperCase(Locale.ROOT);
        if (!MODELS.contains(upper)) {
            throw new IllegalArgumentException("ideogram.providers.ideogram.model=" + model
                    + " is not valid; use one of " + String.join(" ", MODELS));
        }
        model = upper;
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return "IdeogramOptions[baseUrl=" + baseUrl + ", apiKey=" + (hasApiKey() ? "****" : "<unset>")
                + ", authHeader=" + authHeader + ", model=" + model + "]";
    }
}
