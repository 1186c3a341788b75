package org.ideogramcamel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up mode of the benchmark keeps working: the app is started as its own JVM (from the test classpath,
 * since the jar is built after the tests) in fresh homes, and each start's ready time is recorded. Speed is for the
 * real benchmark (BENCHMARKS.md), not asserted here.
 */
class StartupRunTest {

    private static final Path RESULTS = Path.of("target", "bench", "startup-test.md");

    @AfterEach
    void clear() {
        for (String key : List.of("bench.starts", "bench.start-pause", "bench.startup-results", "bench.launch")) {
            System.clearProperty(key);
        }
    }

    @Test
    void twoStartsOfTheOfflineAppAreTimedAndSummedUpInOneRow() throws Exception {
        Files.deleteIfExists(RESULTS);
        System.setProperty("bench.starts", "2");
        System.setProperty("bench.start-pause", "0s");
        System.setProperty("bench.startup-results", RESULTS.toString());
        System.setProperty("bench.launch", "classpath");

        StartupRun.runAll();

        List<String> rows = Files.readAllLines(RESULTS);
        assertThat(rows).hasSize(3); // the header, its rule, one row
        String[] cells = rows.get(2).split("\\|");
        assertThat(cells[3].trim()).isEqualTo("2");
        long median = Long.parseLong(cells[4].replace("*", "").trim());
        assertThat(median).as("a real start takes time").isGreaterThan(0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheLowerMiddleStart() {
        StartupRun.Summary summary = StartupRun.Summary.of(List.of(1700L, 1300L, 1500L, 1400L));

        assertThat(summary).isEqualTo(new StartupRun.Summary(1400, 1300, 1700));
    }
}
