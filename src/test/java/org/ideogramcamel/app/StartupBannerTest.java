package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class StartupBannerTest {

    @Test
    void credentialsShowOnlyWhetherTheyAreSet() {
        assertThat(StartupBanner.shown("ideogram.providers.replicate.api-token", "r8_secret")).isEqualTo("(set)");
        assertThat(StartupBanner.shown("ideogram.providers.pixazo.subscription-key", "")).isEqualTo("(not set)");
        assertThat(StartupBanner.shown("ideogram.store.s3.secret-key", "abc")).isEqualTo("(set)");
        assertThat(StartupBanner.shown("ideogram.http.shared-secret", "abc")).isEqualTo("(set)");
        assertThat(StartupBanner.shown("ideogram.providers.ideogram.auth-header", "Api-Key")).isEqualTo("Api-Key");
        assertThat(StartupBanner.shown("ideogram.max-file-size", "1048576")).isEqualTo("1048576");
        // not a credential although its name contains "key"
        assertThat(StartupBanner.shown("ideogram.s3.key-template", "{date}/{job}-{n}.{ext}"))
                .isEqualTo("{date}/{job}-{n}.{ext}");
    }

    @Test
    void secretsInsideEndpointUrisAreMasked() {
        String shown = StartupBanner.shown("ideogram.deadletter.server-errors-uri",
                "aws2-s3://failed?accessKey=AKIAEXAMPLE&secretKey=verysecret&region=eu-west-1");
        assertThat(shown).doesNotContain("verysecret").doesNotContain("AKIAEXAMPLE").contains("region=eu-west-1");
    }

    /** The last lines of the start-up log: what runs, where files go, where to reach it. */
    @Test
    void theReadySummaryNamesProviderCredentialFoldersAndPorts() {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("ideogram.inbox", "/srv/ideogram/inbox");
        properties.setProperty("ideogram.outbox", "/srv/ideogram/outbox");
        properties.setProperty("ideogram.http.enabled", "true");
        properties.setProperty("ideogram.http.port", "8181");
        properties.setProperty("ideogram.management.host", "0.0.0.0");
        context.getPropertiesComponent().setInitialProperties(properties);

        // the build turns the management port off for tests with a system property, which wins over these
        String management = System.getProperty("ideogram.management.enabled");
        System.clearProperty("ideogram.management.enabled");
        List<String> lines;
        try {
            lines = StartupBanner.readySummary(new Settings(context.getPropertiesComponent()), "replicate",
                    "set, from REPLICATE_API_TOKEN", null);
        } finally {
            if (management != null) {
                System.setProperty("ideogram.management.enabled", management);
            }
        }

        assertThat(lines).allMatch(line -> line.startsWith("ready: "));
        assertThat(lines.get(0)).isEqualTo("ready: provider replicate, credential set, from REPLICATE_API_TOKEN");
        assertThat(lines.get(1)).contains("prompt files from /srv/ideogram/inbox; images to /srv/ideogram/outbox")
                .contains("failed ").contains("(client-errors, server-errors, unprocessed)");
        assertThat(lines.get(2)).isEqualTo("ready: HTTP intake http://127.0.0.1:8181/jobs;"
                + " health http://0.0.0.0:9876/observe/health, metrics /observe/metrics");
        assertThat(StartupBanner.readySummary(new Settings(context.getPropertiesComponent()), "offline", "", null)
                .get(0)).contains("no key needed");
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertThat(StartupBanner.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
