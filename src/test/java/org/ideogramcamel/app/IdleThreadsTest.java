package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The job pool and the scheduler end threads that stay idle instead of keeping them for the life of the app. */
class IdleThreadsTest {

    @Test
    void theJobPoolMakesUpToItsSizeAndEndsIdleThreads() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            ExecutorService pool = IdleThreads.jobPool(context, this, 7);
            assertThat(pool).isInstanceOf(ThreadPoolExecutor.class);
            ThreadPoolExecutor executor = (ThreadPoolExecutor) pool;
            assertThat(executor.getMaximumPoolSize()).isEqualTo(7);
            assertThat(executor.getCorePoolSize()).isEqualTo(7);
            assertThat(executor.allowsCoreThreadTimeOut()).as("idle job threads end").isTrue();
            assertThat(executor.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(60);
            pool.shutdownNow();
        }
    }

    @Test
    void theSchedulersIdleThreadsEnd() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(50);
        IdleThreads.endWhenIdle(scheduler);
        assertThat(scheduler.allowsCoreThreadTimeOut()).isTrue();
        assertThat(scheduler.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(60);
        scheduler.shutdownNow();
    }
}
