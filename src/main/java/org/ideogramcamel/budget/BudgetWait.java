package org.ideogramcamel.budget;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.StoppedBeforeSendingException;
import org.ideogramcamel.job.ImageJob;

/**
 * The wait of a job over today's budget ({@code process: {ref: budgetWait}} in the generate route's wait loop):
 * {@code ideogram.budget.recheck-interval} long, holding no thread. When the app stops, every waiting job is let go
 * at once with a {@link StoppedBeforeSendingException} (it was never sent, so it is not dead-lettered and its prompt
 * file stays in the inbox), instead of holding the stop for its whole shutdown timeout.
 */
public class BudgetWait extends AsyncProcessorSupport {

    private final Duration recheck;
    private final ScheduledExecutorService scheduler;
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public BudgetWait(Duration recheck, ScheduledExecutorService scheduler) {
        this.recheck = recheck;
        this.scheduler = scheduler;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (stopping) {
            exchange.setException(stopped(exchange));
            callback.done(true);
            return true;
        }
        Waiter waiter = new Waiter(exchange, callback, new AtomicBoolean());
        waiting.add(waiter);
        scheduler.schedule(() -> resume(waiter, null), recheck.toMillis(), TimeUnit.MILLISECONDS);
        if (stopping) {
            resume(waiter, stopped(exchange)); // the stop began while this job was being put in line
        }
        return false;
    }

    /** Jobs waiting for the budget right now. */
    public int waiting() {
        return waiting.size();
    }

    /** The app is stopping: every waiting job is let go now, and a job that would start waiting does not. */
    public void stop() {
        stopping = true;
        for (Waiter waiter : Set.copyOf(waiting)) {
            StoppedBeforeSendingException stopped = stopped(waiter.exchange());
            try {
                // the job goes on (to its end) on the scheduler, not on the thread that is stopping the app
                scheduler.execute(() -> resume(waiter, stopped));
            } catch (RejectedExecutionException e) {
                resume(waiter, stopped);
            }
        }
    }

    private static StoppedBeforeSendingException stopped(Exchange exchange) {
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        return new StoppedBeforeSendingException(job == null ? "?" : job.name(), "today's budget");
    }

    /** The job goes on once: after its recheck interval, or at once with the exception when the app stops. */
    private void resume(Waiter waiter, Exception failure) {
        if (!waiter.done().compareAndSet(false, true)) {
            return;
        }
        waiting.remove(waiter);
        if (failure != null) {
            waiter.exchange().setException(failure);
        }
        waiter.callback().done(false);
    }

    private record Waiter(Exchange exchange, AsyncCallback callback, AtomicBoolean done) {
    }
}
