package org.ideogramcamel.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;

/**
 * The app's own pools keep no idle platform thread: each thread is made when work needs it and ends after
 * {@link #KEEP_ALIVE_SECONDS} idle. A fixed or scheduled pool otherwise keeps every thread it ever made, each with
 * its stack and native buffers, for the life of the process: 50 job threads and 50 scheduler threads at
 * max-in-flight 50, still there hours after the batch that needed them.
 */
final class IdleThreads {

    static final long KEEP_ALIVE_SECONDS = 60;

    private IdleThreads() {
    }

    /**
     * The pool a prompt file's jobs are split onto: up to {@code size} threads (as Camel's fixed pool, the same
     * queue), made on demand and ended after a minute idle.
     */
    static ExecutorService jobPool(CamelContext context, Object source, int size) {
        return context.getExecutorServiceManager().newThreadPool(source, "ideogram-jobs",
                new ThreadPoolProfileBuilder("ideogram-jobs").poolSize(size).maxPoolSize(size)
                        .keepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS).allowCoreThreadTimeOut(true).build());
    }

    /** A scheduled pool's threads end after a minute idle (a thread waiting for a scheduled wait stays). */
    static void endWhenIdle(ScheduledThreadPoolExecutor scheduler) {
        scheduler.setKeepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        scheduler.allowCoreThreadTimeOut(true);
    }
}
