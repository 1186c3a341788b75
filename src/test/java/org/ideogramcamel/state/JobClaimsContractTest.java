package org.ideogramcamel.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.ideogramcamel.state.jdbc.JdbcJobClaims;
import org.ideogramcamel.state.jdbc.StateDatabase;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One exchange at a time per job, in one instance (both stores) and across instances (jdbc). */
class JobClaimsContractTest {

    abstract static class Contract {

        abstract JobClaims claims();

        @Test
        void aJobIsClaimedOnceUntilItIsReleased() {
            JobClaims claims = claims();
            assertThat(claims.isFree("k-0")).isTrue();
            assertThat(claims.claim("k-0")).isTrue();
            assertThat(claims.claim("k-0")).as("a second exchange of the same instance").isFalse();
            assertThat(claims.isFree("k-0")).isFalse();
            assertThat(claims.claim("other-0")).isTrue();

            claims.release("k-0");

            assertThat(claims.isFree("k-0")).isTrue();
            assertThat(claims.claim("k-0")).isTrue();
            claims.release("never-claimed-0");
        }
    }

    @Nested
    class Local extends Contract {

        final LocalJobClaims claims = new LocalJobClaims();

        @Override
        JobClaims claims() {
            return claims;
        }
    }

    @Nested
    class Jdbc extends Contract {

        static final Duration LEASE = Duration.ofMillis(1500);
        StateDatabase database;
        JdbcJobClaims first;

        @BeforeEach
        void open() {
            database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER, null, 4);
            first = instance("first");
        }

        @AfterEach
        void close() {
            database.close();
        }

        JdbcJobClaims instance(String id) {
            // the grace after (re)connecting: one lease here (JdbcJobClaimsTest covers its default)
            JdbcJobClaims claims = new JdbcJobClaims(database.dataSource(), new InstanceId(id), LEASE, LEASE);
            claims.heartbeat();
            return claims;
        }

        @Override
        JobClaims claims() {
            return first;
        }

        @Test
        void anotherInstanceCannotClaimWhileTheOwnerLivesAndCanOnceItsHeartbeatLapses() throws Exception {
            JdbcJobClaims second = instance("second");
            assertThat(first.claim("k-0")).isTrue();

            // the owner keeps its heartbeat for longer than a lease: its claim holds
            for (int i = 0; i < 4; i++) {
                Thread.sleep(500);
                first.heartbeat();
                second.heartbeat();
                assertThat(second.isFree("k-0")).isFalse();
                assertThat(second.claim("k-0")).as("claim while the owner lives").isFalse();
            }
            second.release("k-0");
            assertThat(second.isFree("k-0")).as("a release by another instance does nothing").isFalse();

            // the owner dies (no more heartbeats): once the lease lapses its claim is taken over, by one instance
            JdbcJobClaims third = instance("third");
            Thread.sleep(LEASE.toMillis() + 300);
            second.heartbeat();
            third.heartbeat();
            assertThat(second.isFree("k-0")).isTrue();
            assertThat(second.claim("k-0")).isTrue();
            assertThat(third.claim("k-0")).as("the second already took it over and lives").isFalse();
            assertThat(first.isFree("k-0")).isFalse();
        }

        @Test
        void anInstanceThatSignsOffFreesItsClaimsAtOnce() {
            JdbcJobClaims second = instance("second");
            assertThat(first.claim("k-0")).isTrue();

            first.leave();

            assertThat(second.isFree("k-0")).isTrue();
            assertThat(second.claim("k-0")).isTrue();
        }

        @Test
        void anInstanceRestartedUnderTheSameIdTakesBackTheClaimsItLeft() {
            assertThat(first.claim("k-0")).isTrue();
            JdbcJobClaims other = instance("other");

            JdbcJobClaims restarted = instance("first");

            assertThat(other.claim("k-0")).as("the owner's id lives again").isFalse();
            assertThat(restarted.isFree("k-0")).isTrue();
            assertThat(restarted.claim("k-0")).isTrue();
        }
        @Test
        void afterAnOutageLongerThanTheLeaseAnInstanceTakesNothingOverFromOneThatLivesOn() throws Exception {
            AtomicBoolean reachable = new AtomicBoolean(true);
            Duration grace = Duration.ofMillis(2500);
            JdbcJobClaims reconnecting = new JdbcJobClaims(switchable(database.dataSource(), reachable),
                    new InstanceId("reconnecting"), LEASE, grace);
            reconnecting.heartbeat();
            JdbcJobClaims owner = instance("owner");
            assertThat(owner.claim("k-0")).isTrue();

            // the database is out of reach for longer than the lease: no heartbeat is renewed anywhere
            reachable.set(false);
            assertThatThrownBy(reconnecting::heartbeat).isInstanceOf(IllegalStateException.class);
            Thread.sleep(LEASE.toMillis() + 300);
            reachable.set(true);

            // back: the reconnecting instance renews first; the owner's heartbeat still looks lapsed, but it lives
            reconnecting.heartbeat();
            assertThat(reconnecting.isFree("k-0")).as("free right after the outage").isFalse();
            assertThat(reconnecting.claim("k-0")).as("taken over right after the outage").isFalse();
            owner.heartbeat();
            Thread.sleep(grace.toMillis() + 200);
            reconnecting.heartbeat();
            owner.heartbeat();
            assertThat(reconnecting.claim("k-0")).as("taken over from a live owner after the grace").isFalse();

            // the owner dies now: once its lease lapses (the grace is over) its claim is taken over
            Thread.sleep(LEASE.toMillis() + 300);
            reconnecting.heartbeat();
            assertThat(reconnecting.isFree("k-0")).isTrue();
            assertThat(reconnecting.claim("k-0")).isTrue();
        }

        /** A data source that fails as a pool does when the database is out of reach, while the flag is false. */
        static DataSource switchable(DataSource real, AtomicBoolean reachable) {
            return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection") && !reachable.get()) {
                            throw new SQLTransientConnectionException("Connection is not available", "08001");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
