package org.ideogramcamel.dialect.replicate;

import java.net.URI;
import java.time.Duration;

/**
 * Configuration of the Replicate dialect ({@code ideogram.providers.replicate.*}).
 *
 * @param baseUrl    {@code https://api.replicate.com/v1}, or a compatible proxy's {@code https://host/replicate/v1}
 * @param apiToken   the Bearer token (default from {@code REPLICATE_API_TOKEN}); never logged
 * @param model      the model used when a job names none, in Replicate's words ({@code ideogram-v2-turbo})
 * @param preferWait seconds to ask Replicate to hold the create answer open ({@code Prefer: wait=N}); 0 = never
 * @param cancelAfter the create's {@code Cancel-After}: Replicate ends a prediction still unfinished after this long
 *                    (aborted, not billed, if it never started), so one nobody waits for any more (the app was
 *                    killed) does not run on; null = no header
 */
public record ReplicateOptions(URI baseUrl, String apiToken, String model, int preferWait, Duration cancelAfter) {

    /** Without a {@code Cancel-After}. */
    public ReplicateOptions(URI baseUrl, String apiToken, String model, int preferWait) {
        this(baseUrl, apiToken, model, preferWait, null);
    }

    /**
     * The deadline Replicate is given: the app's own {@code ideogram.poll.deadline} counts from the create's answer,
     * which {@code Prefer: wait} may hold back for up to {@code preferWait} seconds, so Replicate's counts from the
     * create with that much added: it never ends a prediction the app still waits for.
     */
    public static Duration cancelAfter(Duration pollDeadline, int preferWait) {
        return pollDeadline.plusSeconds(preferWait);
    }

    /** The header's value in whole seconds ({@code 660s}), or null without one. */
    public String cancelAfterHeader() {
        return cancelAfter == null ? null : Math.max(1, (cancelAfter.toMillis() + 999) / 1000) + "s";
    }

    public boolean hasApiToken() {
        return apiToken != null && !apiToken.isBlank();
    }

    @Override
    public String toString() {
        return "ReplicateOptions[baseUrl=" + baseUrl + ", apiToken=" + (apiToken == null || apiToken.isEmpty()
                ? "<unset>" : "****") + ", model=" + model + ", preferWait=" + preferWait + ", cancelAfter=" + cancelAfter + "]";
    }
}
