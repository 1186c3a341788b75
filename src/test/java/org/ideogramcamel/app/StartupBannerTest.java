package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void theVersionComesFromTheBuild() {
        assertThat(StartupBanner.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
