package org.ideogramcamel.state.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.ideogramcamel.OneLine;

/**
 * The PostgreSQL database behind {@code ideogram.state.store=jdbc}: a HikariCP pool, and the schema created and
 * migrated by Flyway ({@code classpath:db/ideogram}) before anything reads it, so every instance of one release finds
 * the same tables. Several instances starting at once are safe: Flyway serialises migrations with a database lock.
 */
public final class StateDatabase implements AutoCloseable {

    /** Flyway's history table, apart from any table of the user's own in the same schema. */
    static final String HISTORY_TABLE = "ideogram_schema_history";

    /** How long a call waits for a connection before it fails (and readiness says the database is out of reach). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private final HikariDataSource pool;

    private StateDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws IllegalStateException in one line naming the key to check, when the database cannot be reached or
     *                               migrated
     */
    public static StateDatabase open(String url, String user, String password, int maxPoolSize) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("ideogram.state.jdbc.url=" + url + " is not valid; use a PostgreSQL"
                    + " JDBC URL such as jdbc:postgresql://db-host:5432/ideogram");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("ideogram-state");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(1);
        // a database that is down must not hold a job's thread for long: it fails fast, and readiness says why
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // start even when the database is down for a moment; the migration below still needs it
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new StateDatabase(pool);
    }

    private static void migrate(DataSource dataSource) {
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/ideogram").table(HISTORY_TABLE)
                    .baselineOnMigrate(false).load().migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("the state database could not be prepared (" + OneLine.of(
                    String.valueOf(rootMessage(e)), 300) + "); check ideogram.state.jdbc.url, .user and .password",
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Whether the database answers now (for readiness); never throws. */
    public boolean isReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Why the database cannot be used now, in one line (for readiness); empty when it answers. Never throws. */
    public java.util.Optional<String> problem() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2) ? java.util.Optional.empty()
                    : java.util.Optional.of("the connection did not answer within 2 s");
        } catch (SQLException | RuntimeException e) {
            return java.util.Optional.of(OneLine.of(String.valueOf(rootMessage(e)), 200));
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
