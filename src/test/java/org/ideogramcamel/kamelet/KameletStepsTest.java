package org.ideogramcamel.kamelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.dialect.RouteCredential;
import org.junit.jupiter.api.Test;

/** What a Kamelet's parameters become on the exchange before the job is handed to the module. */
class KameletStepsTest {

    final KameletSteps steps = new KameletSteps();

    @Test
    void anApiKeyWithoutItsProviderIsRefusedAndLeavesNothingBehind() {
        Exchange exchange = exchange();
        exchange.setProperty("IdeogramKamelet.name", "ideogram-image-action");
        exchange.setProperty("IdeogramKamelet.provider", "");
        exchange.setProperty("IdeogramKamelet.apiKey", "r8_SECRET");

        assertThatThrownBy(() -> steps.options(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ideogram-image-action: apiKey is set but provider is not")
                .message().doesNotContain("r8_SECRET");
        assertThat(exchange.getProperties()).isEmpty();
    }

    @Test
    void setParametersBecomeHeadersAndTheKeyIsBoundToTheKameletsProvider() {
        Exchange exchange = exchange();
        exchange.getMessage().setHeader("IdeogramSeed", "7");
        exchange.setProperty("IdeogramKamelet.provider", "pixazo");
        exchange.setProperty("IdeogramKamelet.negativePrompt", "people");
        exchange.setProperty("IdeogramKamelet.imageWeight", "40");
        exchange.setProperty("IdeogramKamelet.seed", "");
        exchange.setProperty("IdeogramKamelet.jobName", "poster");
        exchange.setProperty("IdeogramKamelet.apiKey", "pz_SECRET");

        steps.options(exchange);

        assertThat(exchange.getMessage().getHeaders()).containsEntry("IdeogramProvider", "pixazo")
                .containsEntry("IdeogramNegativePrompt", "people").containsEntry("IdeogramImageWeight", "40")
                .containsEntry("IdeogramJobName", "poster")
                .as("an empty parameter leaves the caller's header").containsEntry("IdeogramSeed", "7");
        assertThat(exchange.getProperties()).containsOnlyKeys(RouteCredential.PROPERTY);
        assertThat(exchange.getProperty(RouteCredential.PROPERTY, RouteCredential.class).provider()).isEqualTo("pixazo");
    }

    private static Exchange exchange() {
        return new DefaultExchange(new DefaultCamelContext());
    }
}
