package org.ideogramcamel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's CPU figures come from /proc stat lines: utime and stime, after a name that may hold anything. */
class ProcStatsTest {

    @Test
    void aThreadsCpuTimeIsItsUserAndSystemTicksInMilliseconds() {
        // pid (comm) state ppid ... utime=150 stime=25 (fields 14 and 15), a name with a space and a parenthesis
        String stat = "4242 (C2 Compiler) x) S 1 4242 4242 0 -1 4194368 900 0 0 0 150 25 0 0 20 0 1 0 777 0 0";

        assertThat(ProcStats.cpuMillisOf(stat)).isEqualTo(1750);
    }

    @Test
    void aProcessThatIsGoneReadsAsUnknown() {
        assertThat(ProcStats.cpuMillis(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(ProcStats.systemCpuMillis(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
