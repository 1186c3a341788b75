package org.ideogramcamel.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.ideogramcamel.support.TestFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side mode's parts. The official client's own run needs Node and npm (and the registry or npm's cache
 * for {@code npm ci}), which a build must not need, so it runs only when asked for:
 * {@code mvn -Dtest=OfficialClientRunTest -Dbench.official=true test}.
 */
class OfficialClientRunTest {

    @AfterEach
    void clear() {
        for (String key : List.of("bench.node", "bench.image-bytes", "bench.keep")) {
            System.clearProperty(key);
        }
    }

    @Test
    void withoutNodeTheOfficialRunsAreSkippedWithAOneLineNote() {
        System.setProperty("bench.node", "/nonexistent/node");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        OfficialClient client;
        try {
            client = OfficialClient.install();
        } finally {
            System.setOut(out);
        }

        assertThat(client).isNull();
        assertThat(printed.toString(StandardCharsets.UTF_8).strip())
                .startsWith("official client skipped: no Node.js")
                .doesNotContain("\n");
    }

    @Test
    void theMedianIsTheMiddleRunOrTheMeanOfTheTwoMiddleOnes() {
        List<SideBySide.Figures> three = List.of(figures(1.10), figures(1.02), figures(1.30));
        List<SideBySide.Figures> four = List.of(figures(1.10), figures(1.02), figures(1.30), figures(1.04));

        assertThat(SideBySide.median(three, SideBySide.Figures::ratio)).isEqualTo(1.10);
        assertThat(SideBySide.median(four, SideBySide.Figures::ratio)).isCloseTo(1.07, within());
        assertThat(SideBySide.median(List.of(), SideBySide.Figures::ratio)).isNaN();
    }

    @Test
    void theOfficialClientRunsTheBatchWithOneWaitingCreatePerImageAndWritesEveryImage() throws Exception {
        assumeTrue("true".equals(System.getProperty("bench.official")),
                "needs Node and npm: run with -Dbench.official=true");
        OfficialClient client = OfficialClient.install();
        assertThat(client).as("node and npm are there, and npm ci installed the committed lock").isNotNull();
        assertThat(client.label()).startsWith("official replicate 1.4.0 (node v");
        System.setProperty("bench.image-bytes", "50000");
        System.setProperty("bench.keep", "true");

        OfficialClientRun.Result result = new OfficialClientRun(client, 20, 8, Duration.ofMillis(200)).execute();

        assertThat(result.ok()).as(result.describe()).isTrue();
        assertThat(result.creates).as("one create per image").isEqualTo(20);
        assertThat(result.polls).as("Prefer: wait: the create is answered once the prediction is done").isZero();
        assertThat(result.downloads).isEqualTo(20);
        assertThat(result.peakInFlight).as("at most C in flight").isBetween(1, 8);
        try (Stream<Path> written = Files.list(result.outbox)) {
            assertThat(written.toList()).hasSize(20)
                    .allSatisfy(png -> assertThat(Files.size(png)).isEqualTo(result.imageBytes));
        }
        assertThat(result.peakRssMiB).isPositive();
        assertThat(result.cpuMillis).isNotNegative();
        TestFolders.delete(result.outbox.getParent());
    }

    private static SideBySide.Figures figures(double ratio) {
        return new SideBySide.Figures(0, ratio, 0, 0, 0, 0);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
