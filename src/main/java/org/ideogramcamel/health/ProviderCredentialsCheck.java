package org.ideogramcamel.health;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness: the default provider ({@code ideogram.provider}) has its credential, so jobs that name no provider
 * will not all end in client-errors with a 401. The offline provider needs none. Says where the credential goes,
 * never what it is.
 */
public class ProviderCredentialsCheck extends ReadinessCheck {

    private final String provider;
    private final boolean present;
    private final String where;

    /**
     * @param provider the default provider
     * @param present  whether its credential is set (always true for offline)
     * @param where    the key and environment variable that set it, for the message; empty when none is needed
     */
    public ProviderCredentialsCheck(String provider, boolean present, String where) {
        super("provider-credentials");
        this.provider = provider;
        this.present = present;
        this.where = where;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("provider", provider);
        if (present) {
            builder.message("provider " + provider + (where.isEmpty() ? " needs no credential" : " has its credential"))
                    .up();
        } else {
            builder.message("provider " + provider + " has no credential: set " + where).down();
        }
    }
}
