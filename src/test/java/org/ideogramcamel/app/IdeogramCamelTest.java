package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Camel's dev profile named in the configuration file implies ideogram.dev (route reload). */
class IdeogramCamelTest {

    @Test
    void theDevProfileInTheConfigurationFileTurnsOnDevMode() throws IOException {
        assumeTrue(System.getProperty("camel.main.profile") == null && System.getenv("CAMEL_MAIN_PROFILE") == null);
        Path dev = Files.createTempFile("application", ".properties");
        Files.writeString(dev, "camel.main.profile = dev\n");
        Path prod = Files.createTempFile("application", ".properties");
        Files.writeString(prod, "ideogram.provider = offline\n");

        assertThat(IdeogramCamel.devProfile(dev)).isTrue();
        assertThat(IdeogramCamel.devProfile(prod)).isFalse();
        assertThat(IdeogramCamel.devProfile(Path.of("config/application.properties"))).isFalse();
    }
}
