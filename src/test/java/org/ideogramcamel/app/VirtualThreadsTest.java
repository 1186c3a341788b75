package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The app started as the README says runs virtual threads on Java 21+, unless the user says otherwise. */
class VirtualThreadsTest {

    @Test
    void onJava21AndLaterVirtualThreadsAreOnByDefault() {
        Properties system = new Properties();
        VirtualThreads.enableByDefault(system, 21);
        assertThat(system.getProperty("camel.threads.virtual.enabled")).isEqualTo("true");

        Properties newer = new Properties();
        VirtualThreads.enableByDefault(newer, 25);
        assertThat(newer.getProperty("camel.threads.virtual.enabled")).isEqualTo("true");
    }

    @Test
    void onJava17PlatformThreadsStay() {
        Properties system = new Properties();
        VirtualThreads.enableByDefault(system, 17);
        assertThat(system.getProperty("camel.threads.virtual.enabled")).isNull();
    }

    @Test
    void theUsersOwnSettingWins() {
        Properties system = new Properties();
        system.setProperty("camel.threads.virtual.enabled", "false");
        VirtualThreads.enableByDefault(system, 25);
        assertThat(system.getProperty("camel.threads.virtual.enabled")).isEqualTo("false");
    }
}
