package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class IdeogramHomeTest {

    @Test
    void configOnTheCommandLineWinsAndIsNotPassedToCamel() {
        IdeogramHome.Launch launch = IdeogramHome.fromCommandLine(new String[] {"-dm", "10", "--config", "/opt/ig"},
                Optional.of("/elsewhere"), Map.of("IDEOGRAM_HOME", "/env"));
        assertThat(launch.home()).isEqualTo(Path.of("/opt/ig"));
        assertThat(launch.camelArgs()).containsExactly("-dm", "10");
        assertThat(launch.configFile()).isEqualTo(Path.of("/opt/ig/config/application.properties"));
        assertThat(IdeogramHome.fromCommandLine(new String[] {"--config=/opt/x"}, Optional.empty(), Map.of()).home())
                .isEqualTo(Path.of("/opt/x"));
    }

    @Test
    void thenTheSystemPropertyThenTheEnvironmentThenTheWorkingDirectory() {
        String[] none = new String[0];
        assertThat(IdeogramHome.fromCommandLine(none, Optional.of("/sys"), Map.of("IDEOGRAM_HOME", "/env")).home())
                .isEqualTo(Path.of("/sys"));
        assertThat(IdeogramHome.fromCommandLine(none, Optional.empty(), Map.of("IDEOGRAM_HOME", "/env")).home())
                .isEqualTo(Path.of("/env"));
        assertThat(IdeogramHome.fromCommandLine(none, Optional.empty(), Map.of()).home())
                .isEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void configWithoutAFolderSaysWhatToGive() {
        assertThatThrownBy(() -> IdeogramHome.fromCommandLine(new String[] {"--config"}, Optional.empty(), Map.of()))
                .hasMessageContaining("--config needs a folder");
    }

    @Test
    void relativeFoldersResolveAgainstTheHomeAndAbsoluteOnesStay() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("ideogram.home", "/srv/ideogram");
        context.getPropertiesComponent().addInitialProperty("ideogram.inbox", "inbox");
        context.getPropertiesComponent().addInitialProperty("ideogram.outbox", "/data/out");
        context.getPropertiesComponent().addInitialProperty("ideogram.failed", "../shared/failed");
        Settings settings = new Settings(context.getPropertiesComponent());

        assertThat(IdeogramHome.anchorFolders(context.getPropertiesComponent(), settings))
                .isEqualTo(Path.of("/srv/ideogram"));
        assertThat(settings.text("ideogram.inbox", "")).isEqualTo("/srv/ideogram/inbox");
        assertThat(settings.text("ideogram.outbox", "")).isEqualTo("/data/out");
        assertThat(settings.text("ideogram.failed", "")).isEqualTo("/srv/shared/failed");
        assertThat(context.resolvePropertyPlaceholders("file:{{ideogram.failed}}/client-errors"))
                .isEqualTo("file:/srv/shared/failed/client-errors");
    }
}
