package org.ideogramcamel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tiny run of the benchmark in every build, so the benchmark keeps working: the app as its own JVM (from the
 * test classpath, since the jar is built after the tests), 20 WaveSpeed jobs of 100 ms through the drop folder.
 * It checks outcomes and request counts only; speed is for the real benchmark (BENCHMARKS.md).
 */
class BenchmarkSmokeTest {

    @BeforeEach
    void smallRun() {
        System.setProperty("bench.launch", "classpath");
        System.setProperty("bench.image-bytes", "50000");
    }

    @AfterEach
    void clear() {
        System.clearProperty("bench.launch");
        System.clearProperty("bench.image-bytes");
    }

    @Test
    void twentyPolledJobsGoFromTheInboxToTheOutbox() throws Exception {
        Benchmark.Run run = new Benchmark.Run("wavespeed", 20, 8, Duration.ofMillis(100),
                Path.of(System.getProperty("java.home"), "bin", "java").toString());

        Benchmark.Result result = run.execute();

        assertThat(result.timedOut).as(result.describe()).isFalse();
        assertThat(result.done).as(result.describe()).isEqualTo(20);
        assertThat(result.failed).isZero();
        assertThat(result.stored).isEqualTo(20);
        assertThat(result.creates).isEqualTo(20);
        assertThat(result.polls).as("at least one poll per task, and no hammering").isBetween(20L, 20L * 8);
        assertThat(result.peakInFlight).isLessThanOrEqualTo(8);
    }
}
