package org.ideogramcamel.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.job.ImageJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate's bookkeeping, on a direct executor: which waiting job gets a slot, and when. */
class ProviderGateTest {

    private final CamelContext context = new DefaultCamelContext();
    /** The exchanges the gate let through, in order. */
    private final List<String> granted = new CopyOnWriteArrayList<>();
    private final ProviderGate gate = new ProviderGate(provider -> 2, Runnable::run);

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void atMostTheCapRunAndAReleasedSlotGoesToTheFirstInTheQueue() {
        Exchange a = arrive("a");
        Exchange b = arrive("b");
        arrive("c");
        arrive("d");
        assertThat(granted).containsExactly("a", "b");

        gate.release(b);
        assertThat(granted).containsExactly("a", "b", "c");
        gate.release(a);
        assertThat(granted).containsExactly("a", "b", "c", "d");
    }

    @Test
    void releasingTwiceFreesOneSlotOnly() {
        // the final answer gives the slot back, and the end of the job does again: the second is a no-op
        Exchange a = arrive("a");
        arrive("b");
        arrive("c");
        arrive("d");

        gate.release(a);
        gate.release(a);
        assertThat(granted).containsExactly("a", "b", "c");
    }

    @Test
    void aJobThatEndsWithoutReleasingStillGivesItsSlotBack() {
        Exchange a = arrive("a");
        arrive("b");
        arrive("c");

        // failed or dead-lettered before any release step ran: the unit of work runs the exchange's completions
        a.getExchangeExtension().handoverCompletions().forEach(completion -> completion.onFailure(a));
        assertThat(granted).containsExactly("a", "b", "c");
    }

    @Test
    void a429GivesTheSlotBackAndLowersTheLimitSoTheQueueWaits() {
        Exchange a = arrive("a");
        Exchange b = arrive("b");
        arrive("c");

        gate.answered(b, "replicate", CallKind.CREATE, 429, Duration.ofSeconds(5));
        // b's slot is free, but the provider took only one: c must not go yet
        assertThat(granted).containsExactly("a", "b");

        gate.release(a);
        assertThat(granted).containsExactly("a", "b", "c");
    }

    @Test
    void withAClusterCapACreateNeedsAClusterSlotTooAndGivesItBackWithItsOwn() {
        FakeCluster cluster = new FakeCluster(1);
        gate.limitAcrossCluster(cluster);
        Exchange a = arrive("a");
        arrive("b");
        assertThat(granted).as("room here, none in the cluster").containsExactly("a");

        gate.release(a);
        assertThat(granted).containsExactly("a", "b");
        assertThat(cluster.taken).isEqualTo(1);
    }

    @Test
    void whileTheClusterCannotBeAskedNothingGoesAndTheQueueGoesOnItsOwnOnceItCan() {
        FakeCluster cluster = new FakeCluster(5);
        cluster.down = true;
        gate.limitAcrossCluster(cluster);
        arrive("a");
        assertThat(granted).as("no create without a cluster slot").isEmpty();

        cluster.down = false;
        // nothing else happens at this gate: its own recheck finds the slot
        await().atMost(Duration.ofSeconds(2)).until(() -> granted.contains("a"));
        assertThat(cluster.taken).isEqualTo(1);
    }

    /** A cluster of {@code cap} slots in memory, which can be made unreachable. */
    static final class FakeCluster implements ClusterSlots {
        final int cap;
        volatile boolean down;
        volatile int taken;

        FakeCluster(int cap) {
            this.cap = cap;
        }

        @Override
        public boolean limits(String provider) {
            return true;
        }

        @Override
        public synchronized java.util.OptionalInt tryAcquire(String provider, String journalKey) {
            if (down) {
                throw new IllegalStateException("the state database cannot be reached");
            }
            return taken < cap ? java.util.OptionalInt.of(taken++) : java.util.OptionalInt.empty();
        }

        @Override
        public synchronized void release(String provider, int slot) {
            taken--;
        }
    }

    @Test
    void aPollAnswerChangesNothing() {
        Exchange a = arrive("a");
        arrive("b");
        arrive("c");

        gate.answered(a, "replicate", CallKind.POLL, 200, null);
        assertThat(granted).containsExactly("a", "b");
    }

    @Test
    void aResumedPredictionCountsAtOnceAheadOfWaitingCreatesAndGivesItsSlotBackOnce() {
        Exchange a = arrive("a");
        arrive("b");
        // restarted with both slots taken: the resumed prediction runs at the provider anyway, so it is counted
        Exchange resumed = resume("resumed");
        arrive("c");
        assertThat(granted).containsExactly("a", "b");

        // three are running at a cap of two: a's slot does not make room for a create yet
        gate.release(a);
        assertThat(granted).containsExactly("a", "b");
        gate.release(resumed);
        gate.release(resumed);
        assertThat(granted).containsExactly("a", "b", "c");
    }

    @Test
    void aResumedJobThatEndsWithoutReleasingStillGivesItsSlotBack() {
        Exchange first = resume("first");
        resume("second");
        arrive("c");
        assertThat(granted).isEmpty();

        first.getExchangeExtension().handoverCompletions().forEach(completion -> completion.onFailure(first));
        assertThat(granted).containsExactly("c");
    }

    @Test
    void predictionsLeftRunningCountFromStartUpUntilTheirJobsTakeThemUp() {
        gate.expectResumed("replicate", "k1", Duration.ofHours(1));
        gate.expectResumed("replicate", "k2", Duration.ofHours(1));
        arrive("a");
        assertThat(granted).as("both slots are the predictions left running").isEmpty();

        // taken up: still one slot each, now held by their jobs
        Exchange first = resume("first", "k1");
        resume("second", "k2");
        assertThat(granted).isEmpty();
        gate.release(first);
        assertThat(granted).containsExactly("a");
    }

    @Test
    void resumesArePendingUntilEveryPredictionLeftRunningIsTakenUpOrLapses() {
        assertThat(gate.expectsResumed()).isFalse();
        gate.expectResumed("replicate", "k1", Duration.ofHours(1));
        gate.expectResumed("replicate", "gone", Duration.ofMillis(50));
        assertThat(gate.expectsResumed()).isTrue();

        resume("first", "k1");
        assertThat(gate.expectsResumed()).as("one still expected").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !gate.expectsResumed());
        resume("again", "k1");
        assertThat(gate.expectsResumed()).as("a key taken up twice is not counted below zero").isFalse();
        gate.expectResumed("replicate", "k2", Duration.ofHours(1));
        assertThat(gate.expectsResumed()).isTrue();
    }

    @Test
    void aPredictionLeftRunningThatNoJobTakesUpStopsCountingAfterTheBound() {
        gate.expectResumed("replicate", "k1", Duration.ofHours(1));
        gate.expectResumed("replicate", "gone", Duration.ofMillis(50));
        arrive("a");
        assertThat(granted).isEmpty();

        await().atMost(Duration.ofSeconds(5)).until(() -> granted.contains("a"));
    }

    /** A prediction created before a restart, taken up again: counted, never queued. */
    private Exchange resume(String name) {
        return resume(name, null);
    }

    private Exchange resume(String name, String journalKey) {
        Exchange exchange = job(name);
        exchange.setProperty(ExchangeKeys.JOURNAL_KEY, journalKey);
        gate.countResumed(exchange);
        return exchange;
    }

    private Exchange arrive(String name) {
        Exchange exchange = job(name);
        gate.process(exchange, doneSync -> granted.add(name));
        return exchange;
    }

    private Exchange job(String name) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(ExchangeKeys.JOB, new ImageJob(name, "a prompt", null, null, null, null, null, null, 1,
                null, null, "replicate", "generate", null, null, null));
        return exchange;
    }
}
