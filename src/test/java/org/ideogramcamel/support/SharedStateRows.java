package org.ideogramcamel.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.state.jdbc.JdbcJournal;
import org.ideogramcamel.state.jdbc.StateDatabase;

/**
 * Rows other instances leave in the shared state database, written by hand beside the app under test (as a killed
 * JVM leaves them): a heartbeat, and for each job it ran a journal entry and the claim it never released.
 */
public final class SharedStateRows {

    private SharedStateRows() {
    }

    /** Instance {@code id} last sent its heartbeat an hour ago: long dead for any lease. */
    public static void diedAnHourAgo(CamelContext context, String id) throws SQLException {
        try (Connection c = dataSource(context).getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO ideogram_instance (instance_id, heartbeat_at) VALUES (?, now() - interval '1 hour')")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    /** What instance {@code id} leaves of a job it ran: the journal entry and its claim. */
    public static void leftBy(CamelContext context, String id, JournalEntry entry) throws SQLException {
        journal(context).write(entry);
        try (Connection c = dataSource(context).getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO ideogram_job_claim (journal_key, owner) VALUES (?, ?)")) {
            insert.setString(1, entry.key());
            insert.setString(2, id);
            insert.executeUpdate();
        }
    }

    /** The app's journal, read as another instance would read it. */
    public static JdbcJournal journal(CamelContext context) {
        return new JdbcJournal(dataSource(context));
    }

    /** The app's own pool on the state database. */
    public static DataSource dataSource(CamelContext context) {
        return context.getRegistry().lookupByNameAndType("ideogramStateDatabase", StateDatabase.class).dataSource();
    }
}
