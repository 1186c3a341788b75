package org.ideogramcamel.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class JobDeskTest {

    @Test
    void theDurationInTheJobsLogLineReadsAsPercentOneFWould() {
        for (long millis : new long[] {0, 49, 50, 149, 150, 1234, 1250, 59_949, 59_950, 3_600_000}) {
            assertThat(JobDesk.tenths(millis)).as("%d ms", millis)
                    .isEqualTo(String.format(Locale.ROOT, "%.1f", millis / 1000.0));
        }
    }
}
