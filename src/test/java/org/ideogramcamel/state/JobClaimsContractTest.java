package org.ideogramcamel.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

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
            JdbcJobClaims claims = new JdbcJobClaims(database.dataSource(), new InstanceId(id), LEASE);
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
    }
}
