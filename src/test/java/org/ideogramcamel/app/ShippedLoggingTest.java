package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jContextFactory;
import org.apache.logging.log4j.core.selector.BasicContextSelector;
import org.junit.jupiter.api.Test;

/**
 * The logging configuration in the jar (the tests run with their own log4j2-test.xml, so nothing else reads it):
 * HttpClient's header and wire logs would print every credential, whatever level a user turns on elsewhere.
 */
class ShippedLoggingTest {

    @Test
    void httpClientHeaderAndWireLogsAreOffAndTheAppLogsAtInfo() throws IOException {
        Path shipped = Path.of("src/main/resources/log4j2.properties");
        try (InputStream in = Files.newInputStream(shipped)) {
            LoggerContext context = new LoggerContext("shipped");
            Configuration configuration = new PropertiesConfigurationFactory()
                    .getConfiguration(context, new ConfigurationSource(in, shipped.toFile()));
            configuration.initialize();

            assertThat(configuration.getLoggerConfig("org.apache.hc.client5.http.headers").getLevel())
                    .isEqualTo(Level.OFF);
            assertThat(configuration.getLoggerConfig("org.apache.hc.client5.http.wire").getLevel())
                    .isEqualTo(Level.OFF);
            assertThat(configuration.getLoggerConfig("org.apache.hc.client5.http.wire.more").getLevel())
                    .isEqualTo(Level.OFF);
            assertThat(configuration.getLoggerConfig("org.ideogramcamel.flow").getLevel()).isEqualTo(Level.INFO);
            assertThat(configuration.getAppenders()).containsKey("console");
        }
    }

    @Test
    void theCamelLoggersThatPrintResolvedPropertyValuesStayAtInfoWhenCamelIsAtDebug() throws IOException {
        Path shipped = Path.of("src/main/resources/log4j2.properties");
        try (InputStream in = Files.newInputStream(shipped)) {
            LoggerContext context = new LoggerContext("shipped");
            Configuration configuration = new PropertiesConfigurationFactory()
                    .getConfiguration(context, new ConfigurationSource(in, shipped.toFile()));
            configuration.initialize();
            configuration.getLoggerConfig("org.apache.camel").setLevel(Level.DEBUG);

            // at DEBUG they print every placeholder's value, a credential's (a Kamelet's apiKey) included
            assertThat(configuration.getLoggerConfig("org.apache.camel.component.properties.DefaultPropertiesParser")
                    .getLevel()).isEqualTo(Level.INFO);
            assertThat(configuration.getLoggerConfig("org.apache.camel.impl.engine.DefaultCamelContextExtension")
                    .getLevel()).isEqualTo(Level.INFO);
        }
    }

    /** log4j2.component.properties (on the test classpath too): the settings BENCHMARKS.md counts on are in force. */
    @Test
    void log4jUsesTheGarbageFreeContextMap() {
        // Camel's MDC service changes the map around every route step: it must not copy itself each time
        assertThat(ThreadContext.getThreadContextMap()).as("log4j's ThreadContext map").isNotNull()
                .extracting(map -> map.getClass().getSimpleName()).isEqualTo("GarbageFreeSortedArrayThreadContextMap");
    }

    /** log4j2.component.properties: one logger context, so creating a logger does not walk the stack (start-up). */
    @Test
    void log4jKeepsOneLoggerContextForTheWholeApp() {
        assertThat(LogManager.getFactory()).isInstanceOf(Log4jContextFactory.class);
        assertThat(((Log4jContextFactory) LogManager.getFactory()).getSelector())
                .isInstanceOf(BasicContextSelector.class);
    }
}
