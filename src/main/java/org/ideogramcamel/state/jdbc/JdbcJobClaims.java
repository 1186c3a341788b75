package org.ideogramcamel.state.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.ideogramcamel.OneLine;
import org.ideogramcamel.state.InstanceId;
import org.ideogramcamel.state.JobClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims shared by every instance on one database ({@code ideogram.state.store=jdbc}): a row in
 * {@code ideogram_job_claim} per job in work, owned by an instance that proves it lives by renewing its
 * {@code ideogram_instance} heartbeat ({@link #heartbeat()}, every few seconds). A claim whose owner's heartbeat is
 * older than the lease ({@code ideogram.state.lease}) is taken over in the same single statement that claims, so
 * two instances can never both take it; every time is the database's own clock.
 *
 * <p>When the database comes back after an outage longer than the lease, every instance's heartbeat looks lapsed,
 * though they all lived on: each renews its own within a heartbeat interval once its pool reconnects. So an
 * instance takes nothing over from an instance with a heartbeat row until it has itself been connected for a
 * {@linkplain #takeOverGrace() grace period} (one lease plus the pool's connection timeout) since its last failed
 * call: by then every live instance has renewed and only a dead one still looks lapsed. The same holds at start-up.
 * The claims of an instance that signed off (no row) are free at once, as before.
 *
 * <p>Which of this instance's exchanges holds a job is also kept in memory: a second exchange of this instance is
 * refused as before, and a row this instance left behind (a release the database missed, or a restart under the
 * same {@code ideogram.instance-id}) is simply taken back.
 */
public class JdbcJobClaims implements JobClaims {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.state");

    /**
     * Owned by an instance that counts as live: a heartbeat within the lease (milliseconds, the second parameter),
     * or, while this instance is within its grace (the third parameter true), any instance that has not signed off.
     */
    private static final String LIVE_OWNER = """
            EXISTS (SELECT 1 FROM ideogram_instance i WHERE i.instance_id = %s
                AND (i.heartbeat_at > now() - (? * interval '1 millisecond') OR ?))""";

    private final DataSource dataSource;
    private final InstanceId instance;
    private final Duration lease;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Duration takeOverGrace;
    /** System.nanoTime() of the first successful call after a failed one; null while the database is out of reach. */
    private volatile Long connectedSince;

    public JdbcJobClaims(DataSource dataSource, InstanceId instance, Duration lease) {
        this(dataSource, instance, lease, lease.plus(StateDatabase.CONNECTION_TIMEOUT));
    }

    /** @param takeOverGrace how long this instance must have reached the database before it takes anything over */
    public JdbcJobClaims(DataSource dataSource, InstanceId instance, Duration lease, Duration takeOverGrace) {
        this.dataSource = dataSource;
        this.instance = instance;
        this.lease = lease;
        this.takeOverGrace = takeOverGrace;
    }

    public Duration takeOverGrace() {
        return takeOverGrace;
    }

    /** Whether this instance has reached the database long enough to tell a dead instance from a reconnecting one. */
    private boolean mayTakeOver() {
        Long since = connectedSince;
        return since != null && System.nanoTime() - since >= takeOverGrace.toNanos();
    }

    private void reached() {
        if (connectedSince == null) {
            connectedSince = System.nanoTime();
        }
    }

    private void lost() {
        connectedSince = null;
    }

    public InstanceId instance() {
        return instance;
    }

    public Duration lease() {
        return lease;
    }

    /** Writes or renews this instance's heartbeat (its row is made on the first call). */
    public void heartbeat() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO ideogram_instance (instance_id, host, pid) VALUES (?, ?, ?)
                        ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = now()""")) {
            upsert.setString(1, instance.value());
            upsert.setString(2, hostName());
            upsert.setLong(3, ProcessHandle.current().pid());
            upsert.executeUpdate();
            reached();
        } catch (SQLException e) {
            lost();
            throw unreachable("renew this instance's heartbeat", e);
        }
    }

    /**
     * At a graceful stop, after the routes: this instance's row goes, so its claims are free for the others at once
     * instead of after the lease.
     */
    public void leave() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM ideogram_instance WHERE instance_id = ?")) {
            delete.setString(1, instance.value());
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("instance {} could not sign off in the state database ({}); its claims are taken over once its"
                    + " lease lapses", instance, OneLine.of(e.getMessage(), 200));
        }
    }

    @Override
    public boolean claim(String journalKey) {
        if (!held.add(journalKey)) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement("""
                        INSERT INTO ideogram_job_claim (journal_key, owner) VALUES (?, ?)
                        ON CONFLICT (journal_key) DO UPDATE SET owner = EXCLUDED.owner, claimed_at = now()
                        WHERE ideogram_job_claim.owner = EXCLUDED.owner OR NOT"""
                        + " " + LIVE_OWNER.formatted("ideogram_job_claim.owner"))) {
            claim.setString(1, journalKey);
            claim.setString(2, instance.value());
            claim.setLong(3, lease.toMillis());
            claim.setBoolean(4, !mayTakeOver());
            boolean claimed = claim.executeUpdate() == 1;
            reached();
            if (!claimed) {
                held.remove(journalKey);
            }
            return claimed;
        } catch (SQLException e) {
            held.remove(journalKey);
            lost();
            throw unreachable("claim job " + journalKey, e);
        }
    }

    @Override
    public void release(String journalKey) {
        if (!held.remove(journalKey)) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM ideogram_job_claim WHERE journal_key = ? AND owner = ?")) {
            delete.setString(1, journalKey);
            delete.setString(2, instance.value());
            delete.executeUpdate();
        } catch (SQLException e) {
            // the row stays owned by this live instance; a later claim here takes it back (see the class comment)
            LOG.warn("the claim of job {} could not be released in the state database ({}); this instance takes it"
                    + " back when the job comes again", journalKey, OneLine.of(e.getMessage(), 200));
        }
    }

    /**
     * Whether no live instance works on the job: no claim, a claim whose owner lapsed (once this instance is past its
     * {@linkplain #takeOverGrace() grace}), or a claim of this instance's that none of its exchanges holds (left by a
     * restart under the same instance id).
     */
    @Override
    public boolean isFree(String journalKey) {
        if (held.contains(journalKey)) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM ideogram_job_claim c WHERE c.journal_key = ? AND c.owner <> ? AND "
                                + LIVE_OWNER.formatted("c.owner"))) {
            select.setString(1, journalKey);
            select.setString(2, instance.value());
            select.setLong(3, lease.toMillis());
            // within the grace every other instance that did not sign off counts as live: it may not have renewed yet
            select.setBoolean(4, !mayTakeOver());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                reached();
                return rows.getLong(1) == 0;
            }
        } catch (SQLException e) {
            lost();
            throw unreachable("look up the claim of job " + journalKey, e);
        }
    }

    @Override
    public boolean isShared() {
        return true;
    }

    private static IllegalStateException unreachable(String what, SQLException e) {
        return new IllegalStateException("could not " + what + " in the state database (" + OneLine.of(
                String.valueOf(e.getMessage()), 200) + "); check that ideogram.state.jdbc.url is reachable", e);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
