package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ideogramcamel.dialect.registry.Providers;
import org.ideogramcamel.job.Vocabulary;
import org.junit.jupiter.api.Test;

/** The one list of known keys agrees with the shipped configuration and the README, and suggests the nearest key. */
class KnownKeysTest {

    private static final Pattern KEY = Pattern.compile("ideogram\\.[a-z0-9<>.-]*[a-z0-9>]");

    @Test
    void everyKeyTheShippedConfigurationNamesIsKnownCommentedOutOnesToo() throws IOException {
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            Matcher key = Pattern.compile("^#?\\s*(ideogram\\.[a-z0-9.-]+)\\s*=").matcher(line);
            if (key.find()) {
                assertThat(KnownKeys.isKnown(key.group(1))).as(key.group(1)).isTrue();
            }
        }
    }

    @Test
    void everyKeyOfTheReadmesConfigurationTableIsKnown() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Configuration"));
        for (String row : table.lines().filter(l -> l.startsWith("| `ideogram.")).toList()) {
            Matcher key = KEY.matcher(row);
            assertThat(key.find()).isTrue();
            for (String provider : Providers.names()) {
                String expanded = key.group().replace("<name>", provider);
                assertThat(KnownKeys.isKnown(expanded)).as(expanded).isTrue();
            }
        }
    }

    @Test
    void theNearestKnownKeyIsSuggested() {
        assertThat(KnownKeys.nearest("ideogram.providr")).contains("ideogram.provider");
        assertThat(KnownKeys.nearest("ideogram.providers.replicate.api-key")).contains(
                "ideogram.providers.replicate.api-token");
        assertThat(KnownKeys.nearestVariable("IDEOGRAM_MAXINFLIGHT")).contains("IDEOGRAM_MAX_IN_FLIGHT");
    }

    @Test
    void keysOtherEngineersAddAreKnownAlready() {
        assertThat(List.of("ideogram.state.store", "ideogram.state.jdbc.url", "ideogram.state.jdbc.user",
                "ideogram.state.jdbc.password", "ideogram.instance-id", "ideogram.kafka.enabled",
                "ideogram.kafka.brokers", "ideogram.kafka.topic", "ideogram.kafka.group-id",
                "ideogram.kafka.outcomes-topic", "ideogram.providers.replicate.cluster-max-in-flight",
                "ideogram.failover", "ideogram.allow-missing-credentials")).allMatch(KnownKeys::isKnown);
        assertThat(KnownKeys.isKnown("ideogram.providers.replicate.subscription-key")).isFalse();
        assertThat(KnownKeys.isKnownVariable("IDEOGRAM_API_KEY")).isTrue();
        assertThat(KnownKeys.isKnownVariable("IDEOGRAM_HTTP_SHARED_SECRET")).isTrue();
        assertThat(KnownKeys.isKnownVariable("IDEOGRAM_PROVIDR")).isFalse();
    }
}
