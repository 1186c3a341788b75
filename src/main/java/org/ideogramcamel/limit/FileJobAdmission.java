package org.ideogramcamel.limit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.ideogramcamel.StoppedBeforeSendingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how many jobs of prompt files are live at once ({@code process: {ref: fileJobAdmission}} in the file
 * intake's split, before {@code direct:job}). A JSONL file is one file to the intake's back-pressure but N jobs, each a
 * live exchange of about 15 KB while it waits for a provider slot; here the next line of a file waits, as a plain
 * list element, until one of the admitted jobs ends, so the heap stays flat however long the file is.
 *
 * <p>The wait blocks the split's pool thread (then, once the pool's queue is full, the file consumer's thread): the
 * back-pressure wanted. The admission is given back once, when the job's own exchange (the split's sub-exchange)
 * completes, however it ends: stored, duplicate, failed or dead-lettered. A split sub-exchange has its own unit of
 * work, done when that job ends, not handed over to the file's exchange (which would never let a file larger than
 * the bound finish).
 *
 * <p>Right after a restart, while predictions created before it are still expected back
 * ({@link ProviderGate#expectsResumed}), jobs are admitted without waiting. Their slots are held for the jobs that
 * will poll them, and those jobs may be lines behind the waiting ones (another file listed first, or a job the
 * journal resumes on the same pool): if the admitted jobs waited for those slots and the lines waited for admission,
 * every create would stall until the expectation lapses ({@code ideogram.poll.deadline}). Once every resumed
 * prediction is taken up, the bound holds again; until then a file's jobs are live as they were before the bound.
 *
 * <p>When the app stops, every waiting job stops waiting at once and is let go with a
 * {@link StoppedBeforeSendingException} before it was journaled or sent: not dead-lettered, its prompt file stays in
 * the inbox for the next start. Camel's throttle EIP ({@code ConcurrentRequests}, blocking) is not used: nothing
 * wakes its waiting threads at a stop but a freed permit (or the pool's interrupt after the shutdown timeout), and a
 * thread woken by a permit goes on into the job, to be journaled and queued for a slot while the app stops. The wait
 * is on a lock's condition, not {@code Object.wait}: on Java 21-23 a virtual thread waiting inside
 * {@code synchronized} keeps its carrier thread.
 */
public class FileJobAdmission implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FileJobAdmission.class);

    private final int bound;
    private final BooleanSupplier resumesPending;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private int admitted;
    private int peak;
    private boolean stopping;

    /**
     * @param bound          the most jobs of files admitted at once
     * @param resumesPending whether predictions from before the start are still expected back (no wait then)
     */
    public FileJobAdmission(int bound, BooleanSupplier resumesPending) {
        if (bound < 1) {
            throw new IllegalArgumentException("the bound of jobs of files admitted at once must be at least 1");
        }
        this.bound = bound;
        this.resumesPending = resumesPending;
    }

    /**
     * The bound for {@code ideogram.max-in-flight}: the same as the file intake's bound on files in progress,
     * max(100, 4 x max-in-flight), enough jobs queued at the provider gate to keep every slot busy.
     */
    public static int boundFor(int maxInFlight) {
        return Math.max(100, 4 * maxInFlight);
    }

    /** Route step: waits until fewer than the bound jobs of files are admitted, then admits this one. */
    @Override
    public void process(Exchange exchange) {
        boolean admittedNow;
        try {
            admittedNow = admit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admittedNow = false;
        }
        if (!admittedNow) {
            throw stopped(exchange);
        }
        AtomicBoolean released = new AtomicBoolean();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (released.compareAndSet(false, true)) {
                    release();
                }
            }
        });
    }

    /** Admits the job once there is room (at once while resumes are pending); false when the app began to stop. */
    private boolean admit() throws InterruptedException {
        lock.lock();
        try {
            // the expectations only end (they are all made before the routes start): nothing to wake a waiter for
            while (!stopping && admitted >= bound && !resumesPending.getAsBoolean()) {
                room.await();
            }
            if (stopping) {
                return false;
            }
            admitted++;
            peak = Math.max(peak, admitted);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        lock.lock();
        try {
            admitted--;
            room.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The app is stopping: the jobs waiting now and later are let go unsent, and no job is admitted any more. */
    public void stop() {
        lock.lock();
        try {
            stopping = true;
            room.signalAll();
        } finally {
            lock.unlock();
        }
        LOG.debug("jobs of prompt files waiting for admission are let go: the app is stopping");
    }

    /** The most jobs of files admitted at once. */
    public int bound() {
        return bound;
    }

    /** Jobs of files admitted and not yet ended. */
    public int admitted() {
        return read(() -> admitted);
    }

    /** The most jobs of files that were admitted at once since the start. */
    public int peak() {
        return read(() -> peak);
    }

    private int read(IntSupplier counter) {
        lock.lock();
        try {
            return counter.getAsInt();
        } finally {
            lock.unlock();
        }
    }

    private static StoppedBeforeSendingException stopped(Exchange exchange) {
        Object file = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY);
        return new StoppedBeforeSendingException("a job of " + (file == null ? "a prompt file" : file),
                "admission (too many jobs of files in progress)");
    }
}
