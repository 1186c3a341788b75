package org.ideogramcamel.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.ideogram.IdeogramDialect;
import org.ideogramcamel.dialect.ideogram.IdeogramOptions;
import org.ideogramcamel.dialect.pixazo.PixazoDialect;
import org.ideogramcamel.dialect.pixazo.PixazoOptions;
import org.ideogramcamel.dialect.replicate.ReplicateDialect;
import org.ideogramcamel.dialect.replicate.ReplicateOptions;
import org.ideogramcamel.dialect.wavespeed.WaveSpeedDialect;
import org.ideogramcamel.dialect.wavespeed.WaveSpeedOptions;
import org.ideogramcamel.job.ImageJob;
import org.junit.jupiter.api.Test;

/** A route's own credential (a Kamelet's apiKey) reaches its own provider's calls only, in that provider's header. */
class RouteCredentialTest {

    final Dialects dialects = new Dialects(List.of(
            new ReplicateDialect(new ReplicateOptions(URI.create("http://127.0.0.1:1/v1"), "r8_CONFIGURED", "ideogram-v2", 0)),
            new WaveSpeedDialect(new WaveSpeedOptions(URI.create("http://127.0.0.1:1/api/v3"), "", "ideogram-v2", false)),
            new IdeogramDialect(new IdeogramOptions(URI.create("http://127.0.0.1:1"), "", "Api-Key", "V_2")),
            new PixazoDialect(new PixazoOptions(URI.create("http://127.0.0.1:1"), "", "v2"))));

    @Test
    void eachProviderGetsTheRouteKeyInItsOwnHeader() {
        assertThat(createCall("replicate", "replicate", "r8_ROUTE").credentials())
                .containsExactly(java.util.Map.entry("Authorization", "Bearer r8_ROUTE"));
        assertThat(createCall("wavespeed", "wavespeed", "ws_ROUTE").credentials())
                .containsExactly(java.util.Map.entry("Authorization", "Bearer ws_ROUTE"));
        assertThat(createCall("ideogram", "ideogram", "ideo_ROUTE").credentials())
                .containsExactly(java.util.Map.entry("Api-Key", "ideo_ROUTE"));
        assertThat(createCall("pixazo", "pixazo", "pz_ROUTE").credentials())
                .containsExactly(java.util.Map.entry("Ocp-Apim-Subscription-Key", "pz_ROUTE"));
    }

    @Test
    void aKeyGivenForAnotherProviderIsNeverUsed() {
        assertThat(createCall("replicate", "wavespeed", "ws_ROUTE").credentials())
                .containsExactly(java.util.Map.entry("Authorization", "Bearer r8_CONFIGURED"));
    }

    @Test
    void aRouteKeyLiftsTheMissingKeyRefusalForItsProviderOnly() {
        ImageJob job = job("wavespeed");
        assertThat(dialects.refusals(job)).anyMatch(r -> r.contains("no API key"));
        assertThat(dialects.refusals(exchange(job, new RouteCredential("wavespeed", "ws_ROUTE")), job)).isEmpty();
        assertThat(dialects.refusals(exchange(job, new RouteCredential("replicate", "r8_ROUTE")), job))
                .anyMatch(r -> r.contains("no API key"));
    }

    @Test
    void neitherTheCredentialNorACallPrintsTheKey() {
        assertThat(new RouteCredential("wavespeed", "ws_ROUTE")).hasToString("RouteCredential[provider=wavespeed, secret=xxxxxx]");
        assertThat(createCall("wavespeed", "wavespeed", "ws_ROUTE").toString()).doesNotContain("ws_ROUTE")
                .contains("credentials={Authorization=xxxxxx}");
    }

    private ProviderCall createCall(String provider, String credentialProvider, String secret) {
        ImageJob job = job(provider);
        Exchange exchange = exchange(job, new RouteCredential(credentialProvider, secret));
        dialects.create(exchange);
        return exchange.getProperty(ExchangeKeys.CALL, ProviderCall.class);
    }

    private static Exchange exchange(ImageJob job, RouteCredential credential) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangeKeys.JOB, job);
        if (credential != null) {
            exchange.setProperty(RouteCredential.PROPERTY, credential);
        }
        return exchange;
    }

    private static ImageJob job(String provider) {
        return new ImageJob("j", "a prompt", null, null, null, null, null, null, null, null, null, provider, "generate",
                null, null, null);
    }
}
