package org.ideogramcamel.dialect;

import java.util.Objects;

import org.apache.camel.Exchange;

/**
 * A provider credential given by one route rather than by the configuration (a Kamelet's {@code apiKey}). It is bound
 * to the provider it was given for and travels with the job as the exchange property {@link #PROPERTY}, never as a
 * header, so camel-http never sends it by itself; only that provider's dialect ever turns it into request headers
 * ({@link Dialects#of}), and only for that provider's own origin. It is never written to the journal, a sidecar or a
 * dead-letter record (none of them reads exchange properties), and it prints as {@code xxxxxx}.
 */
public final class RouteCredential {

    /** The exchange property that carries a route's credential while its job runs. */
    public static final String PROPERTY = "IdeogramRouteCredential";

    private final String provider;
    private final String secret;
    private volatile ProviderDialect dialect;

    public RouteCredential(String provider, String secret) {
        this.provider = Objects.requireNonNull(provider);
        this.secret = Objects.requireNonNull(secret);
    }

    public String provider() {
        return provider;
    }

    /**
     * The dialect the job's calls go through: the configured one, or, when the exchange carries a credential for
     * exactly this provider, the same dialect speaking with that credential. A credential for another provider is
     * never used (and never sent).
     */
    static ProviderDialect applyTo(Exchange exchange, ProviderDialect configured) {
        RouteCredential credential = exchange.getProperty(PROPERTY, RouteCredential.class);
        if (credential == null || !credential.provider.equals(configured.name()) || configured.baseUri() == null) {
            // none, another provider's, or a local dialect (offline) that takes no key: the configured dialect
            return configured;
        }
        ProviderDialect withCredential = credential.dialect;
        if (withCredential == null) {
            withCredential = configured.withCredential(credential.secret);
            credential.dialect = withCredential;
        }
        return withCredential;
    }

    @Override
    public String toString() {
        return "RouteCredential[provider=" + provider + ", secret=xxxxxx]";
    }
}
