package org.ideogramcamel.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.dialect.offline.OfflineDialect;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobSource;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.state.InstanceId;
import org.ideogramcamel.state.jdbc.JdbcJobClaims;
import org.ideogramcamel.state.jdbc.JdbcJournal;
import org.ideogramcamel.state.jdbc.StateDatabase;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances on one database, one Kafka consumer group: a job an instance's consumer journaled
 * {@code received} and queued for its workers is that instance's from the moment it is journaled. Another
 * instance's sweep must not take it while the instance lives (it would run it without publishing its outcome, and
 * the owner's worker would then only report a duplicate), and must once the instance died; the worker that takes
 * the job from the queue runs it under the claim taken for it.
 */
class QueuedKafkaJobClaimTest {

    /** Long enough for a loaded machine: the live instances renew their heartbeat right before each check. */
    static final Duration LEASE = Duration.ofSeconds(4);

    @TempDir
    Path state;
    StateDatabase database;

    @BeforeEach
    void open() {
        database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER, null, 4);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aJobQueuedByALiveInstanceIsNotOrphanedAndIsOnceItsLeaseLapsed() {
        JdbcJobClaims ownerClaims = claims("owner");
        Journaling owner = journaling(ownerClaims);
        JdbcJobClaims otherClaims = claims("other");
        Journaling other = journaling(otherClaims);
        Exchange record = record("order-1");

        owner.received(record);

        String key = JournalKeys.ofId("order-1");
        assertThat(new JdbcJournal(database.dataSource()).find(key)).get()
                .extracting(JournalEntry::state).isEqualTo(JournalEntry.State.RECEIVED);
        ownerClaims.heartbeat();
        assertThat(keys(other.orphaned())).as("the owner lives: its queued job is not orphaned").doesNotContain(key);

        // the owner's worker takes the job from the queue (a copy of the exchange) and runs it: no duplicate
        Exchange worker = record.copy();
        ownerClaims.heartbeat();
        owner.open(worker);
        assertThat(worker.getProperty(ExchangeKeys.DUPLICATE)).isNull();
        assertThat(worker.getProperty(ExchangeKeys.JOURNAL_KEY)).isEqualTo(key);
        ownerClaims.heartbeat();
        assertThat(keys(other.orphaned())).as("still the owner's while it runs").doesNotContain(key);

        // the owner dies (no more heartbeats): once its lease lapsed, the job is the others' to take over, once
        await().atMost(Duration.ofSeconds(30)).until(() -> keys(other.orphaned()).contains(key));
        Exchange takeover = record("order-1");
        otherClaims.heartbeat();
        assertThat(other.claimQueued(takeover)).isTrue();
        assertThat(journaling(claims("third")).claimQueued(record("order-1"))).as("taken over by one instance")
                .isFalse();
    }

    @Test
    void aRedeliveredRecordOfAJobAnotherLiveInstanceHoldsIsNotClaimedAndItsWorkerReportsADuplicate() {
        JdbcJobClaims firstClaims = claims("first");
        Journaling first = journaling(firstClaims);
        Journaling second = journaling(claims("second"));
        first.received(record("order-2"));
        firstClaims.heartbeat();

        Exchange redelivered = record("order-2");
        second.received(redelivered);
        second.open(redelivered);

        assertThat(redelivered.getProperty(ExchangeKeys.DUPLICATE, String.class))
                .startsWith("the job with id order-2 is running now");
        assertThat(redelivered.getProperty(ExchangeKeys.JOURNAL_KEY)).isNull();
    }

    private JdbcJobClaims claims(String instance) {
        JdbcJobClaims claims = new JdbcJobClaims(database.dataSource(), new InstanceId(instance), LEASE);
        claims.heartbeat();
        return claims;
    }

    private Journaling journaling(JdbcJobClaims claims) {
        return new Journaling(new JdbcJournal(database.dataSource()), new Dialects(List.of(new OfflineDialect())),
                new JobReader(1_048_576), state.resolve("inbox"), wanted -> java.util.Optional.empty(), claims, true,
                false);
    }

    /** A Kafka record with this id, as the intake leaves it after validation. */
    private static Exchange record(String id) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        String name = "kafka-" + id;
        exchange.setProperty(ExchangeKeys.MESSAGE_ID, id);
        exchange.setProperty(ExchangeKeys.JOB, new ImageJob(name, "a lamp", null, null, null, null, null, null, null,
                null, null, "offline", "generate", null, null, null));
        exchange.setProperty(ExchangeKeys.TICKET, JobTicket.readable(new JobSource(name + ".json", name, null,
                ("{\"id\": \"" + id + "\", \"prompt\": \"a lamp\"}").getBytes(StandardCharsets.UTF_8)),
                JsonNodeFactory.instance.objectNode()));
        return exchange;
    }

    private static List<String> keys(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::key).toList();
    }
}
