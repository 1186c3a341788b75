package org.ideogramcamel.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.replicate.ReplicateDialect;
import org.ideogramcamel.dialect.replicate.ReplicateOptions;
import org.ideogramcamel.job.ImageJob;
import org.junit.jupiter.api.Test;

class DialectsTest {

    final ReplicateDialect replicate = new ReplicateDialect(
            new ReplicateOptions(URI.create("https://proxy.example/replicate/v1"), "secret-token", "ideogram-v2", 0));
    final Dialects dialects = new Dialects(List.of(replicate));

    @Test
    void originIsSchemeHostAndPort() {
        URI base = URI.create("https://proxy.example/replicate/v1");
        assertThat(Dialects.sameOrigin(URI.create("https://proxy.example:443/replicate/v1/predictions/x"), base)).isTrue();
        assertThat(Dialects.sameOrigin(URI.create("https://PROXY.example/other"), base)).isTrue();
        assertThat(Dialects.sameOrigin(URI.create("http://proxy.example/replicate/v1"), base)).isFalse();
        assertThat(Dialects.sameOrigin(URI.create("https://proxy.example:8443/replicate/v1"), base)).isFalse();
        assertThat(Dialects.sameOrigin(URI.create("https://api.replicate.com/v1/predictions/x"), base)).isFalse();
        assertThat(Dialects.sameOrigin(URI.create("https://proxy.example.evil.com/"), base)).isFalse();
    }

    @Test
    void credentialsAreNotAttachedToAnotherOrigin() {
        Exchange exchange = exchangeWith(new ProviderCall(CallKind.POLL, "GET",
                URI.create("https://api.replicate.com/v1/predictions/abc"), Map.of(),
                Map.of("Authorization", "Bearer secret-token"), null));
        exchange.getMessage().setHeader("X-From-The-Bus", "value");
        exchange.getMessage().setHeader("CamelHttpPath", "/smuggled");

        dialects.toHttpRequest(exchange);

        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys("Authorization", "X-From-The-Bus",
                "CamelHttpPath");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_URI)).isEqualTo("https://api.replicate.com/v1/predictions/abc");
    }

    @Test
    void credentialsAreAttachedToTheProvidersOwnOrigin() {
        Exchange exchange = exchangeWith(replicate.poll(new Prediction("replicate", "abc", "m",
                Prediction.State.PENDING, List.of(), null)));

        dialects.toHttpRequest(exchange);

        assertThat(exchange.getMessage().getHeader("Authorization")).isEqualTo("Bearer secret-token");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_URI))
                .isEqualTo("https://proxy.example/replicate/v1/predictions/abc");
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(Dialects.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(Dialects.parseRetryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(Dialects.parseRetryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(Dialects.parseRetryAfter("soon")).isNull();
        assertThat(Dialects.parseRetryAfter(null)).isNull();
    }

    private static Exchange exchangeWith(ProviderCall call) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangeKeys.CALL, call);
        exchange.setProperty(ExchangeKeys.JOB, new ImageJob("j", "p", null, null, null, null, null, null, null, null,
                null, "replicate", "generate", null, null, null));
        return exchange;
    }
}
