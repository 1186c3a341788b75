package org.ideogramcamel.state.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import javax.sql.DataSource;

import org.ideogramcamel.OneLine;
import org.ideogramcamel.limit.ClusterSlots;
import org.ideogramcamel.state.InstanceId;

/**
 * {@code ideogram.providers.<name>.cluster-max-in-flight} in PostgreSQL: slot {@code n} of a provider (0 ≤ n < cap)
 * is a row of {@code ideogram_provider_slot} owned by one instance. A slot is free when it has no row, or when its
 * owner's heartbeat in {@code ideogram_instance} is older than the lease ({@code ideogram.state.lease}, judged by the
 * database's clock): the slots of a killed instance come back by themselves. Taking one is a single statement; two
 * instances picking the same free slot meet on its primary key, and only one of them gets it.
 */
public final class JdbcProviderSlots implements ClusterSlots {

    /** The owner of row {@code q} counts as alive: it is this instance, or its heartbeat is within the lease. */
    private static final String ALIVE = """
            (%1$s.owner = ? OR EXISTS (SELECT 1 FROM ideogram_instance i WHERE i.instance_id = %1$s.owner
                                       AND i.heartbeat_at > now() - ? * INTERVAL '1 millisecond'))""";
    private static final String ACQUIRE = """
            INSERT INTO ideogram_provider_slot AS p (provider, slot, owner, journal_key, taken_at)
            SELECT ?, s, ?, ?, now() FROM generate_series(0, ? - 1) AS s
             WHERE NOT EXISTS (SELECT 1 FROM ideogram_provider_slot q
                                WHERE q.provider = ? AND q.slot = s AND %s)
             ORDER BY s LIMIT 1
            ON CONFLICT (provider, slot) DO UPDATE
               SET owner = EXCLUDED.owner, journal_key = EXCLUDED.journal_key, taken_at = now()
             WHERE NOT %s
            RETURNING slot""".formatted(ALIVE.formatted("q"), ALIVE.formatted("p"));
    private static final String RELEASE = "DELETE FROM ideogram_provider_slot WHERE provider = ? AND slot = ?"
            + " AND owner = ?";
    private static final String RELEASE_ALL = "DELETE FROM ideogram_provider_slot WHERE owner = ?";
    /** Two instances racing for the same free slot: the loser tries the next one, a few times at most. */
    private static final int TRIES = 3;

    private final DataSource dataSource;
    private final InstanceId owner;
    private final Map<String, Integer> caps;
    private final Duration lease;

    /**
     * @param caps  each provider's {@code cluster-max-in-flight}; providers not listed have no cluster-wide cap
     * @param lease {@code ideogram.state.lease}: how long an owner whose heartbeat stopped still holds its slots
     */
    public JdbcProviderSlots(DataSource dataSource, InstanceId owner, Map<String, Integer> caps, Duration lease) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.caps = Map.copyOf(caps);
        this.lease = lease;
    }

    /**
     * At start-up: slots still recorded under this instance's id (a run with the same {@code ideogram.instance-id}
     * that was killed) are given back, since nothing of that run holds them any more.
     */
    public int releaseLeftovers() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(RELEASE_ALL)) {
            delete.setString(1, owner.value());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("give back the earlier run's slots", e);
        }
    }

    @Override
    public boolean limits(String provider) {
        return caps.containsKey(provider);
    }

    @Override
    public OptionalInt tryAcquire(String provider, String journalKey) {
        Integer cap = caps.get(provider);
        if (cap == null) {
            return OptionalInt.of(0);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement acquire = connection.prepareStatement(ACQUIRE)) {
            int i = 0;
            acquire.setString(++i, provider);
            acquire.setString(++i, owner.value());
            acquire.setString(++i, journalKey);
            acquire.setInt(++i, cap);
            acquire.setString(++i, provider);
            acquire.setString(++i, owner.value());
            acquire.setLong(++i, lease.toMillis());
            acquire.setString(++i, owner.value());
            acquire.setLong(++i, lease.toMillis());
            for (int attempt = 0; attempt < TRIES; attempt++) {
                try (ResultSet row = acquire.executeQuery()) {
                    if (row.next()) {
                        return OptionalInt.of(row.getInt(1));
                    }
                }
                if (!anySlotLooksFree(connection, provider, cap)) {
                    return OptionalInt.empty();
                }
            }
            return OptionalInt.empty();
        } catch (SQLException e) {
            throw failure("take a slot of " + provider, e);
        }
    }

    /** Whether a slot looked free a moment ago, i.e. an empty answer was a lost race rather than a full account. */
    private boolean anySlotLooksFree(Connection connection, String provider, int cap) throws SQLException {
        String sql = "SELECT count(*) FROM ideogram_provider_slot q WHERE q.provider = ? AND q.slot < ? AND "
                + ALIVE.formatted("q");
        try (PreparedStatement count = connection.prepareStatement(sql)) {
            count.setString(1, provider);
            count.setInt(2, cap);
            count.setString(3, owner.value());
            count.setLong(4, lease.toMillis());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1) < cap;
            }
        }
    }

    @Override
    public void release(String provider, int slot) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setString(1, provider);
            release.setInt(2, slot);
            release.setString(3, owner.value());
            release.executeUpdate();
        } catch (SQLException e) {
            throw failure("give back slot " + slot + " of " + provider, e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("could not " + what + " in the state database ("
                + OneLine.of(String.valueOf(e.getMessage()), 200) + "); check ideogram.state.jdbc.url", e);
    }
}
