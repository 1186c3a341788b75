package org.ideogramcamel.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class BatchProgressTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> lines = new ArrayList<>();
    private final BatchProgress progress = new BatchProgress(Duration.ofSeconds(5), now::get, recordingLogger());

    @Test
    void logsAtMostOncePerIntervalWithAnEtaThenOnceAtTheEnd() {
        progress.added(500);
        for (int i = 1; i <= 500; i++) {
            now.addAndGet(Duration.ofMillis(100).toNanos());
            progress.ended(i % 100 != 7);
        }
        // 50 s of work, one line per 5 s, then the summary
        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).isEqualTo("batch: 50 of 500 done, 1 failed, ETA 45s");
        assertThat(lines.get(1)).isEqualTo("batch: 100 of 500 done, 1 failed, ETA 40s");
        assertThat(lines.get(9)).isEqualTo("batch: 500 of 500 done, 5 failed in 50s");
    }

    @Test
    void theEtaFollowsThePaceAfterTheFirstJobNotTheWaitForIt() {
        progress.added(100);
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        progress.ended(true);
        for (int i = 2; i <= 11; i++) {
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            progress.ended(true);
        }
        // one job a second since the first: 89 left
        assertThat(lines).containsExactly("batch: 1 of 100 done, 0 failed", "batch: 6 of 100 done, 0 failed, ETA 1m 34s",
                "batch: 11 of 100 done, 0 failed, ETA 1m 29s");
    }

    @Test
    void aLoneJobLogsNoBatchLineAndTheNextDropStartsAFreshBatch() {
        progress.added(1);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        progress.ended(true);
        assertThat(lines).isEmpty();

        progress.added(2);
        progress.ended(false);
        now.addAndGet(Duration.ofSeconds(75).toNanos());
        progress.ended(true);
        assertThat(lines).containsExactly("batch: 2 of 2 done, 1 failed in 1m 15s");
    }

    @Test
    void filesDroppedWhileABatchRunsJoinIt() {
        progress.added(3);
        progress.ended(true);
        progress.added(3);
        for (int i = 0; i < 5; i++) {
            progress.ended(true);
        }
        assertThat(lines).containsExactly("batch: 6 of 6 done, 0 failed in 0s");
    }

    @Test
    void durationsReadLikeAClock() {
        assertThat(BatchProgress.human(Duration.ofSeconds(45).toNanos())).isEqualTo("45s");
        assertThat(BatchProgress.human(Duration.ofSeconds(72).toNanos())).isEqualTo("1m 12s");
        assertThat(BatchProgress.human(Duration.ofMinutes(125).toNanos())).isEqualTo("2h 5m");
    }

    /** A Logger that keeps its info lines (slf4j has no test logger of its own). */
    private Logger recordingLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("info") && args != null && args.length == 1) {
                        lines.add((String) args[0]);
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }
}
