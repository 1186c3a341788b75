package org.ideogramcamel.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.limit.ProviderGate;
import org.ideogramcamel.state.InstanceId;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cluster-max-in-flight} across instances: two gates (two instance ids, two pools) on one database, each
 * allowing 5 creates of its own, never have more than the cluster's 2 at the provider together.
 */
class JdbcProviderSlotsTest {

    static final Duration LEASE = Duration.ofSeconds(30);

    final DefaultCamelContext context = new DefaultCamelContext();
    final ExecutorService callPool = Executors.newCachedThreadPool();
    StateDatabase databaseA;
    StateDatabase databaseB;

    @BeforeEach
    void open() throws Exception {
        String url = TestPostgres.newDatabase();
        databaseA = StateDatabase.open(url, TestPostgres.USER, null, 4);
        databaseB = StateDatabase.open(url, TestPostgres.USER, null, 4);
        heartbeat("a", Duration.ZERO);
        heartbeat("b", Duration.ZERO);
    }

    @AfterEach
    void close() throws Exception {
        callPool.shutdownNow();
        databaseA.close();
        databaseB.close();
        context.close();
    }

    @Test
    void twoInstancesTogetherNeverRunMoreCreatesThanTheClusterCap() {
        ProviderGate gateA = gate(databaseA, "a");
        ProviderGate gateB = gate(databaseB, "b");
        AtomicInteger atTheProvider = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            ProviderGate gate = i % 2 == 0 ? gateA : gateB;
            Exchange exchange = job("j" + i);
            gate.process(exchange, doneSync -> {
                // the stub's create: counts the predictions running at once, runs 50 ms, then is final
                most.accumulateAndGet(atTheProvider.incrementAndGet(), Math::max);
                sleep(50);
                atTheProvider.decrementAndGet();
                gate.release(exchange);
                done.incrementAndGet();
            });
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> done.get() == 20);
        assertThat(most.get()).as("creates at the provider at once, both instances together").isEqualTo(2);
    }

    @Test
    void aSlotWhoseOwnerStoppedHeartbeatingIsFreeAndALiveOwnersIsNot() throws Exception {
        heartbeat("dead", LEASE.plusSeconds(5));
        heartbeat("alive", Duration.ZERO);
        JdbcProviderSlots dead = slots(databaseB, "dead");
        JdbcProviderSlots alive = slots(databaseB, "alive");
        assertThat(alive.tryAcquire("replicate", "k1")).hasValue(0);
        assertThat(dead.tryAcquire("replicate", "k2")).hasValue(1);

        JdbcProviderSlots mine = slots(databaseA, "a");
        assertThat(mine.tryAcquire("replicate", "k3")).as("the dead instance's slot").hasValue(1);
        assertThat(mine.tryAcquire("replicate", "k4")).as("the live one's is held").isEmpty();

        // the gate waits for the live instance's slot without a thread, and goes once it is given back
        ProviderGate gate = gate(databaseA, "a");
        Exchange exchange = job("waits");
        AtomicInteger granted = new AtomicInteger();
        mine.release("replicate", 1);
        gate.process(exchange, doneSync -> granted.incrementAndGet());
        await().atMost(Duration.ofSeconds(5)).until(() -> granted.get() == 1);
        Exchange second = job("second");
        gate.process(second, doneSync -> granted.incrementAndGet());
        Thread.sleep(600);
        assertThat(granted.get()).as("both slots held by live instances").isEqualTo(1);

        alive.release("replicate", 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> granted.get() == 2);
    }

    @Test
    void aRestartWithTheSameInstanceIdGivesTheKilledRunsSlotsBack() {
        JdbcProviderSlots killed = slots(databaseA, "a");
        killed.tryAcquire("replicate", "k1");
        killed.tryAcquire("replicate", "k2");
        JdbcProviderSlots other = slots(databaseB, "b");
        assertThat(other.tryAcquire("replicate", "k3")).isEmpty();

        assertThat(slots(databaseA, "a").releaseLeftovers()).isEqualTo(2);
        assertThat(other.tryAcquire("replicate", "k3")).isPresent();
    }

    private ProviderGate gate(StateDatabase database, String instance) {
        ProviderGate gate = new ProviderGate(provider -> 5, callPool);
        gate.limitAcrossCluster(slots(database, instance));
        return gate;
    }

    private static JdbcProviderSlots slots(StateDatabase database, String instance) {
        return new JdbcProviderSlots(database.dataSource(), new InstanceId(instance), Map.of("replicate", 2), LEASE);
    }

    /** What the instance's heartbeat (written by the running app) says: it beat {@code ago} before now. */
    private void heartbeat(String instance, Duration ago) throws Exception {
        try (Connection connection = databaseA.dataSource().getConnection();
                PreparedStatement beat = connection.prepareStatement("INSERT INTO ideogram_instance (instance_id,"
                        + " heartbeat_at) VALUES (?, now() - ? * INTERVAL '1 second')")) {
            beat.setString(1, instance);
            beat.setLong(2, ago.toSeconds());
            beat.executeUpdate();
        }
    }

    private Exchange job(String name) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(ExchangeKeys.JOB, new ImageJob(name, "a prompt", null, null, null, null, null, null, 1,
                null, null, "replicate", "generate", null, null, null));
        return exchange;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
