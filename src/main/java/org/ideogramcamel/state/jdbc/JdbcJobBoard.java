package org.ideogramcamel.state.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.state.InstanceId;
import org.ideogramcamel.status.JobBoard;
import org.ideogramcamel.status.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job board shared by every instance ({@code ideogram.state.store=jdbc}): one row per job in
 * {@code ideogram_job_status}, so {@code GET /jobs/{id}} on any instance answers for a job posted to any other. A
 * finished job is forgotten once it is older than {@code ideogram.dedupe.window} (pruned at most once a minute, when
 * a job is queued); an unfinished one is kept, as on the in-memory board.
 */
public final class JdbcJobBoard implements JobBoard {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcJobBoard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PRUNE_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private static final String INSERT = """
            INSERT INTO ideogram_job_status (id, state, status, owner, submitted_at, updated_at)
            VALUES (?, ?, ?, ?, ?, now())
            ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, status = EXCLUDED.status, owner = EXCLUDED.owner,
                submitted_at = EXCLUDED.submitted_at, updated_at = now()""";
    private static final String FIND = "SELECT status FROM ideogram_job_status WHERE id = ?";
    private static final String LOCK = "SELECT status FROM ideogram_job_status WHERE id = ? FOR UPDATE";
    private static final String UPDATE = "UPDATE ideogram_job_status SET state = ?, status = ?, updated_at = now()"
            + " WHERE id = ?";
    private static final String DELETE = "DELETE FROM ideogram_job_status WHERE id = ?";
    private static final String PRUNE = "DELETE FROM ideogram_job_status WHERE state IN ('stored', 'failed')"
            + " AND updated_at < now() - ? * INTERVAL '1 second'";

    private final DataSource dataSource;
    private final InstanceId owner;
    private final Duration keepFinished;
    private final Clock clock;
    private final AtomicLong lastPrune = new AtomicLong(System.nanoTime() - PRUNE_EVERY_NANOS);

    /**
     * @param owner        the instance that accepted the jobs it records
     * @param keepFinished how long a finished job stays answerable ({@code ideogram.dedupe.window})
     */
    public JdbcJobBoard(DataSource dataSource, InstanceId owner, Duration keepFinished, Clock clock) {
        this.dataSource = dataSource;
        this.owner = owner;
        this.keepFinished = keepFinished;
        this.clock = clock;
    }

    @Override
    public JobStatus queued(String id, ImageJob job) {
        JobStatus status = newlyQueued(id, job);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, id);
            insert.setString(2, status.state());
            insert.setString(3, json(status));
            insert.setString(4, owner.value());
            insert.setTimestamp(5, Timestamp.from(Instant.parse(status.submittedAt())));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure("record job " + id, e);
        }
        pruneNowAndThen();
        return status;
    }

    @Override
    public void forget(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure("forget job " + id, e);
        }
    }

    @Override
    public Optional<JobStatus> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setString(1, id);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.of(status(row.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read job " + id, e);
        }
    }

    /** Never fails the job: a database that cannot be written is logged, and the board shows the last state. */
    @Override
    public void change(String id, UnaryOperator<JobStatus> change) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                changeLocked(connection, id, change);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // the job itself went on (its images may be stored already): a status that could not be written must
            // not fail it; GET /jobs/{id} shows the last state written
            LOG.warn("job board: the status of job {} could not be updated in the state database ({})", id,
                    OneLine.of(String.valueOf(e.getMessage()), 200));
        }
    }

    private static void changeLocked(Connection connection, String id, UnaryOperator<JobStatus> change)
            throws SQLException {
        JobStatus before;
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setString(1, id);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return; // forgotten meanwhile
                }
                before = status(row.getString(1));
            }
        }
        JobStatus after = change.apply(before);
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setString(1, after.state());
            update.setString(2, json(after));
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Deletes the finished jobs older than the window; at most once a minute, and never failing a job for it. */
    private void pruneNowAndThen() {
        long last = lastPrune.get();
        long now = System.nanoTime();
        if (now - last < PRUNE_EVERY_NANOS || !lastPrune.compareAndSet(last, now)) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prune = connection.prepareStatement(PRUNE)) {
            prune.setLong(1, keepFinished.toSeconds());
            int pruned = prune.executeUpdate();
            if (pruned > 0) {
                LOG.debug("job board: {} finished job(s) older than {} forgotten", pruned, keepFinished);
            }
        } catch (SQLException e) {
            LOG.warn("job board: finished jobs could not be pruned ({}); tried again in a minute",
                    OneLine.of(String.valueOf(e.getMessage()), 200));
        }
    }

    private static String json(JobStatus status) {
        try {
            return JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("job status " + status.id() + " cannot be written as JSON", e);
        }
    }

    private static JobStatus status(String json) {
        try {
            return JSON.readValue(json, JobStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row of ideogram_job_status is not a job status ("
                    + OneLine.of(e.getOriginalMessage(), 200) + ")", e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("could not " + what + " on the job board in the state database ("
                + OneLine.of(String.valueOf(e.getMessage()), 200) + "); check ideogram.state.jdbc.url", e);
    }
}
