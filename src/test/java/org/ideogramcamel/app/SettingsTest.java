package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/** A typo in a config file is the commonest start-up failure: the message names the key and what it expects. */
class SettingsTest {

    final DefaultCamelContext context = new DefaultCamelContext();
    final PropertiesComponent properties = context.getPropertiesComponent();
    final Settings settings = new Settings(properties);

    @Test
    void readsDurationsNumbersAndFlagsAndFallsBackWhenAbsentOrBlank() {
        properties.addInitialProperty("a.duration", "1500ms");
        properties.addInitialProperty("a.minutes", "10m");
        properties.addInitialProperty("a.count", " 4 ");
        properties.addInitialProperty("a.flag", "TRUE");
        properties.addInitialProperty("a.blank", "  ");

        assertThat(settings.duration("a.duration", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.duration("a.minutes", Duration.ZERO)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.integer("a.count", 1, 1, 10)).isEqualTo(4);
        assertThat(settings.flag("a.flag", false)).isTrue();
        assertThat(settings.text("a.blank", "fallback")).isEqualTo("fallback");
        assertThat(settings.integer("a.missing", 16, 1, 100)).isEqualTo(16);
    }

    @Test
    void aWrongValueSaysWhichKeyAndWhatItExpects() {
        properties.addInitialProperty("ideogram.max-in-flight", "lots");
        properties.addInitialProperty("ideogram.poll.interval", "soon");
        properties.addInitialProperty("ideogram.retry.unknown-outcome", "yes");
        properties.addInitialProperty("ideogram.providers.replicate.prefer-wait", "90");

        assertThatThrownBy(() -> settings.integer("ideogram.max-in-flight", 16, 1, 1000))
                .hasMessage("ideogram.max-in-flight=lots is not valid; expected a whole number");
        assertThatThrownBy(() -> settings.duration("ideogram.poll.interval", Duration.ofSeconds(1)))
                .hasMessageStartingWith("ideogram.poll.interval=soon is not a duration");
        assertThatThrownBy(() -> settings.flag("ideogram.retry.unknown-outcome", false))
                .hasMessage("ideogram.retry.unknown-outcome=yes is not valid; use true or false");
        assertThatThrownBy(() -> settings.integer("ideogram.providers.replicate.prefer-wait", 60, 0, 60))
                .hasMessage("ideogram.providers.replicate.prefer-wait=90 is out of range; set it between 0 and 60");
    }
}
