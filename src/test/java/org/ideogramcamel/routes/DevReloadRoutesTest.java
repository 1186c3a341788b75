package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.Test;

/**
 * {@code ideogram.dev=true} turns on Camel's route reload for the routes/ of the home, and only for the route
 * files; without it (see {@link ObservabilityRoutesTest}) nothing watches routes/.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.inbox=target/it/dev/inbox", "ideogram.outbox=target/it/dev/outbox", "ideogram.state=target/it/dev/state",
            "ideogram.done=target/it/dev/done", "ideogram.failed=target/it/dev/failed",
            "ideogram.dev=true"
        })
class DevReloadRoutesTest implements CamelContextAware {

    private CamelContext context;

    @Test
    void devModeWatchesTheRouteFilesOfTheHome() {
        RouteWatcherReloadStrategy reload = context.hasService(RouteWatcherReloadStrategy.class);
        assertThat(reload).as("route reload is on").isNotNull();
        assertThat(Path.of(reload.getFolder()).toAbsolutePath().normalize())
                .isEqualTo(Path.of("routes").toAbsolutePath().normalize());
        assertThat(reload.getPattern()).isEqualTo("*.camel.yaml");
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }
}
