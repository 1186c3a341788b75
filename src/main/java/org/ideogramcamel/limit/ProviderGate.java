package org.ideogramcamel.limit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.SynchronizationAdapter;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.StoppedBeforeSendingException;
import org.ideogramcamel.dialect.AnswerListener;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.job.ImageJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the predictions in flight at each provider ({@code ideogram.providers.<name>.max-in-flight}), and adapts
 * the bound to the provider's 429 answers ({@link AdaptiveLimit}).
 *
 * <p>A slot is taken right before a create is sent and given back as soon as the prediction is final (the route
 * calls {@link #release}), before its images are downloaded: the provider counts running predictions, not our
 * downloads. A create refused with 429 gives its slot back at once and queues again for its retry, so the retries
 * of a burst of refusals go out one by one under the reduced limit instead of together. Exchanges waiting for a
 * slot wait in a queue, holding no thread; a granted exchange continues on {@code ideogramCallPool}, the pool whose
 * threads may block in an HTTP call (a Replicate create held by {@code Prefer: wait}).
 *
 * <p>A prediction resumed after a restart is already running at the provider: {@link #countResumed} counts it at
 * once, ahead of every waiting create, and its slot is given back the same ways a created one's is. Until its job
 * takes it up, it is counted from start-up on ({@link #expectResumed}), so the first creates of the inbox cannot
 * take its place.
 *
 * <p>With {@code ideogram.providers.<name>.cluster-max-in-flight}, a create also needs one of the provider's slots
 * shared by every instance ({@link ClusterSlots}), taken together with its own slot and given back with it. When
 * none is free the queue waits, still holding no thread, and is checked again after {@link #CLUSTER_RECHECK}: another
 * instance's release is only seen then.
 *
 * <p>Camel's throttle EIP is not used here because its permit is held until the whole exchange completes (through
 * the downloads and every redelivery wait), and its limit can only be re-read when another exchange arrives.
 */
public class ProviderGate extends AsyncProcessorSupport implements AnswerListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderGate.class);
    /** The provider whose slot the exchange holds. */
    static final String SLOT = "IdeogramProviderSlot";
    /** The cluster-wide slot (its number) the exchange holds, with {@code cluster-max-in-flight}. */
    static final String CLUSTER_SLOT = "IdeogramClusterSlot";
    /** How soon a queue waiting for a cluster-wide slot asks again. */
    static final Duration CLUSTER_RECHECK = Duration.ofMillis(200);

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Function<String, Integer> caps;
    private final Executor callPool;
    private volatile boolean stopping;
    private volatile ClusterSlots cluster = ClusterSlots.NONE;
    /** The cluster's slots could not be asked last time: logged once per outage, not at every recheck. */
    private final AtomicBoolean clusterUnreachable = new AtomicBoolean();
    /** Predictions from before start-up still expected back, all lanes together; read with no lock. */
    private final AtomicInteger expectedTotal = new AtomicInteger();

    /**
     * @param caps     the configured in-flight cap of each provider
     * @param callPool where a granted exchange continues
     */
    public ProviderGate(Function<String, Integer> caps, Executor callPool) {
        this.caps = caps;
        this.callPool = callPool;
    }

    /** Makes every create also take one of the slots shared by all instances (before the first job arrives). */
    public void limitAcrossCluster(ClusterSlots slots) {
        this.cluster = slots;
    }

    /** Route step ({@code process: {ref: providerGate}}): continues once the job's provider has a free slot. */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        if (exchange.getProperty(SLOT) != null) {
            // a redelivered create that never got an answer still holds its slot
            callback.done(true);
            return true;
        }
        Lane lane = lane(provider(exchange));
        List<Waiter> granted;
        synchronized (lane) {
            if (stopping) {
                // the app is stopping: no new create leaves, the job runs at the next start
                exchange.setException(stopped(exchange));
                callback.done(true);
                return true;
            }
            lane.waiting.add(new Waiter(exchange, callback));
            granted = lane.admit();
        }
        dispatch(granted);
        return false;
    }

    /**
     * The app is stopping: every create still waiting for a slot is let go at once with a
     * {@link StoppedBeforeSendingException} (never sent, so not dead-lettered; its prompt file stays in the inbox for
     * the next start), and no create starts waiting any more. Creates already sent finish as usual.
     */
    public void stop() {
        List<Waiter> released = new ArrayList<>();
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                stopping = true;
                released.addAll(lane.waiting);
                lane.waiting.clear();
            }
        }
        stopping = true;
        for (Waiter waiter : released) {
            waiter.exchange().setException(stopped(waiter.exchange()));
            callPool.execute(() -> waiter.callback().done(false));
        }
    }

    private static StoppedBeforeSendingException stopped(Exchange exchange) {
        return new StoppedBeforeSendingException(exchange.getProperty(ExchangeKeys.JOB, ImageJob.class).name(),
                "a " + provider(exchange) + " slot (max-in-flight)");
    }

    /**
     * Route step instead of waiting for a create's slot, for a prediction created before a restart: it runs at the
     * provider already, so it takes its slot at once, even when that puts the provider over its limit for a while,
     * and creates wait until the count is below the limit again. It never waits itself: holding back its polls
     * would not make the provider run one prediction fewer, only fetch its images later (their URLs expire), and a
     * waiting resumed job could be starved by new creates. Its slot is given back as a created prediction's is: by
     * its final answer ({@link #release}) or when the job ends.
     */
    public void countResumed(Exchange exchange) {
        if (exchange.getProperty(SLOT) != null) {
            return;
        }
        Lane lane = lane(provider(exchange));
        String journalKey = exchange.getProperty(ExchangeKeys.JOURNAL_KEY, String.class);
        synchronized (lane) {
            if (journalKey != null && lane.expected.remove(journalKey)) {
                expectedTotal.decrementAndGet(); // counted since start-up: from now on as its job's slot
            }
            lane.take(exchange);
        }
        // running already: a cluster slot is taken if one is free, never waited for
        takeClusterSlot(exchange);
    }

    /**
     * At start-up, before any route runs: the journal says this prediction was running at the provider when the app
     * stopped. It is counted from now on, so no create takes its place before its job takes it up again
     * ({@link #countResumed}); if no job does within {@code atMost} (its prompt file was taken away, its job was
     * refused), it stops being counted then.
     *
     * @param journalKey the job's journal key, which its resumed exchange carries
     */
    public void expectResumed(String provider, String journalKey, Duration atMost) {
        if (caps.apply(provider) == null) {
            return; // a provider this version does not know: its job is refused when it is taken up
        }
        Lane lane = lane(provider);
        synchronized (lane) {
            if (!lane.expected.add(journalKey)) {
                return;
            }
            expectedTotal.incrementAndGet();
        }
        CompletableFuture.delayedExecutor(atMost.toMillis(), TimeUnit.MILLISECONDS, callPool)
                .execute(() -> lapse(provider, journalKey, atMost));
    }

    private void lapse(String provider, String journalKey, Duration atMost) {
        Lane lane = lane(provider);
        List<Waiter> granted;
        synchronized (lane) {
            if (!lane.expected.remove(journalKey)) {
                return;
            }
            expectedTotal.decrementAndGet();
            granted = lane.admit();
        }
        LOG.warn("the prediction of journal entry {} ran at {} when the app stopped and was not taken up within {}:"
                + " it no longer counts against max-in-flight", journalKey, provider, atMost);
        dispatch(granted);
    }

    /**
     * Whether a prediction that ran before start-up is still expected back ({@link #expectResumed}) and no job has
     * taken it up yet. Its slot is held for it, so creates may wait for a job that has not come.
     */
    public boolean expectsResumed() {
        return expectedTotal.get() > 0;
    }

    /** How many creates wait for a slot at {@code provider} now. */
    public int waiting(String provider) {
        Lane lane = lanes.get(provider);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.waiting.size();
        }
    }

    /** Route step: the prediction is final (or its create failed); its slot goes to the next waiting job. */
    public void release(Exchange exchange) {
        Object provider = exchange.removeProperty(SLOT);
        if (provider == null) {
            return;
        }
        releaseClusterSlot(exchange, provider.toString());
        Lane lane = lane(provider.toString());
        List<Waiter> granted;
        synchronized (lane) {
            lane.running--;
            granted = lane.admit();
        }
        dispatch(granted);
    }

    @Override
    public void answered(Exchange exchange, String provider, CallKind kind, int status, Duration retryAfter) {
        if (status != 429 && kind != CallKind.CREATE) {
            return; // polls and cancels that were not refused change nothing here: no lock on every poll
        }
        boolean accepted = status >= 200 && status < 300;
        Lane lane = lane(provider);
        List<Waiter> granted = List.of();
        synchronized (lane) {
            long now = System.nanoTime();
            if (status == 429) {
                int before = lane.limit.current();
                // lowered before this create's slot is given back, so the slot is not handed on at once
                boolean holdsSlot = exchange.getProperty(SLOT) != null;
                lane.limit.onThrottled(lane.counted() - (holdsSlot ? 1 : 0), retryAfter, now);
                if (lane.limit.current() != before) {
                    LOG.info("{} answered 429: at most {} predictions in flight now (cap {}), growing again after {}",
                            provider, lane.limit.current(), lane.limit.cap(),
                            retryAfter == null ? "1 s" : retryAfter.toMillis() + " ms");
                }
            } else if (accepted && kind == CallKind.CREATE) {
                lane.limit.onAccepted(now);
                granted = lane.admit();
            }
        }
        dispatch(granted);
        if (kind == CallKind.CREATE && !accepted) {
            // a refused or failed create runs nothing at the provider; its retry queues again
            release(exchange);
        }
    }

    private Lane lane(String provider) {
        return lanes.computeIfAbsent(provider, p -> new Lane(new AdaptiveLimit(caps.apply(p))));
    }

    /**
     * Takes a cluster-wide slot for the exchange if its provider has a cluster cap; false when none is free now. A
     * database that cannot be asked counts as no slot: nothing is sent that the cluster might not have room for.
     */
    private boolean takeClusterSlot(Exchange exchange) {
        String provider = provider(exchange);
        ClusterSlots slots = cluster;
        if (!slots.limits(provider)) {
            return true;
        }
        try {
            OptionalInt slot = slots.tryAcquire(provider,
                    exchange.getProperty(ExchangeKeys.JOURNAL_KEY, String.class));
            slot.ifPresent(number -> exchange.setProperty(CLUSTER_SLOT, number));
            if (clusterUnreachable.compareAndSet(true, false)) {
                LOG.info("{}: cluster-wide slots can be taken again", provider);
            }
            return slot.isPresent();
        } catch (RuntimeException e) {
            if (clusterUnreachable.compareAndSet(false, true)) {
                LOG.warn("{}: no cluster-wide slot could be taken ({}); creates wait and ask again every {} ms",
                        provider, e.getMessage(), CLUSTER_RECHECK.toMillis());
            }
            return false;
        }
    }

    private void releaseClusterSlot(Exchange exchange, String provider) {
        Object slot = exchange.removeProperty(CLUSTER_SLOT);
        if (slot == null) {
            return;
        }
        try {
            cluster.release(provider, (Integer) slot);
        } catch (RuntimeException e) {
            // the row stays until this instance's heartbeat lapses or it restarts: the cluster runs one slot short
            LOG.warn("{}: cluster-wide slot {} could not be given back ({}); it is free again when this instance"
                    + " restarts or its lease lapses", provider, slot, e.getMessage());
        }
    }

    /** Asks again for cluster-wide slots after a short delay, on no thread of ours until then. */
    private void recheckLater(Lane lane) {
        CompletableFuture.delayedExecutor(CLUSTER_RECHECK.toMillis(), TimeUnit.MILLISECONDS, callPool).execute(() -> {
            List<Waiter> granted;
            synchronized (lane) {
                lane.recheckPending = false;
                granted = lane.admit();
            }
            dispatch(granted);
        });
    }

    private static String provider(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.JOB, ImageJob.class).provider();
    }

    /**
     * Continues the granted exchanges on the call pool, outside any lane's lock: a granted exchange may run a whole
     * provider call on the thread it gets.
     */
    private void dispatch(List<Waiter> granted) {
        for (Waiter next : granted) {
            callPool.execute(() -> next.callback().done(false));
        }
    }

    private record Waiter(Exchange exchange, AsyncCallback callback) {
    }

    private final class Lane {
        final AdaptiveLimit limit;
        final Queue<Waiter> waiting = new ArrayDeque<>();
        /** Journal keys of predictions running since before start-up that no job has taken up yet. */
        final Set<String> expected = new LinkedHashSet<>();
        int running;
        /** A recheck for a cluster-wide slot is scheduled. */
        boolean recheckPending;

        Lane(AdaptiveLimit limit) {
            this.limit = limit;
        }

        /**
         * Grants free slots to waiting exchanges, first come first served; called holding the lane's lock. The
         * caller dispatches them once it has let go of the lock.
         */
        List<Waiter> admit() {
            List<Waiter> granted = new ArrayList<>();
            while (counted() < limit.current() && !waiting.isEmpty()) {
                Waiter next = waiting.peek();
                if (!takeClusterSlot(next.exchange())) {
                    // this instance has room but the cluster has not: ask again soon, first in line still first
                    if (!recheckPending) {
                        recheckPending = true;
                        recheckLater(this);
                    }
                    break;
                }
                waiting.poll();
                take(next.exchange());
                granted.add(next);
            }
            return granted;
        }

        /** Predictions running at the provider for us: slots held, and those expected back since start-up. */
        int counted() {
            return running + expected.size();
        }

        /** Counts the exchange's prediction in this lane until it is released; called holding the lane's lock. */
        void take(Exchange exchange) {
            running++;
            exchange.setProperty(SLOT, provider(exchange));
            // a job that fails or is dead-lettered still gives its slot back
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    release(done);
                }
            });
        }
    }
}
