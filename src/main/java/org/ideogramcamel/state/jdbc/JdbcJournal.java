package org.ideogramcamel.state.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.PrettyJson;
import org.ideogramcamel.journal.JobJournal;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.journal.JournalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job journal in PostgreSQL ({@code ideogram.state.store=jdbc}), shared by every instance: one row per journal
 * key in {@code ideogram_journal}, the entry stored as the very JSON {@link org.ideogramcamel.journal.FolderJournal}
 * writes (so an entry reads the same whichever store holds it), with its state, provider and times as columns for
 * the queries. A write is one upsert, committed when it returns: like a folder entry it survives a crash. The state
 * is stored as plain text, so a state added later needs no schema change. An entry that cannot be read (edited by
 * hand) is reported and skipped; its row is left for a person to look at.
 */
public class JdbcJournal implements JobJournal {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.journal");
    private static final ObjectMapper JSON = PrettyJson.MAPPER;
    /** The states after which nothing more happens to a job (JournalEntry.State#isFinal), as stored. */
    static final List<String> FINAL_STATES = List.of("stored", "failed");
    private static final String NOT_FINAL = "state NOT IN ('stored', 'failed')";

    private final DataSource dataSource;

    public JdbcJournal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<JournalEntry> find(String key) {
        List<JournalEntry> found = query("SELECT journal_key, entry FROM ideogram_journal WHERE journal_key = ?", key);
        return found.stream().findFirst();
    }

    @Override
    public void write(JournalEntry entry) {
        String json;
        String state;
        try {
            json = JSON.writeValueAsString(entry);
            state = JSON.writeValueAsString(entry.state()).replace("\"", "");
        } catch (JsonProcessingException e) {
            throw new JournalException("journal entry " + entry.key() + " cannot be written as JSON: "
                    + OneLine.of(e.getOriginalMessage()));
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO ideogram_journal (journal_key, state, provider, entry, recorded_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (journal_key) DO UPDATE SET state = EXCLUDED.state,
                            provider = EXCLUDED.provider, entry = EXCLUDED.entry,
                            recorded_at = EXCLUDED.recorded_at, updated_at = EXCLUDED.updated_at""")) {
            upsert.setString(1, entry.key());
            upsert.setString(2, state);
            upsert.setString(3, entry.provider());
            upsert.setString(4, json);
            upsert.setTimestamp(5, entry.recordedAt() == null ? null : Timestamp.from(Instant.parse(entry.recordedAt())));
            upsert.setTimestamp(6, Timestamp.from(entry.lastWritten()));
            upsert.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            throw new JournalException("could not write journal entry " + entry.key() + " to the state database: "
                    + OneLine.of(e.getClass().getSimpleName() + " " + e.getMessage(), 300)
                    + "; check that ideogram.state.jdbc.url is reachable", e);
        }
    }

    @Override
    public List<JournalEntry> entries() {
        return query("SELECT journal_key, entry FROM ideogram_journal", null);
    }

    /** Only the unfinished entries, through the partial index: what a sweep for a dead instance's work reads. */
    @Override
    public List<JournalEntry> unfinished() {
        return query("SELECT journal_key, entry FROM ideogram_journal WHERE " + NOT_FINAL, null);
    }

    @Override
    public int prune(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM ideogram_journal WHERE NOT (" + NOT_FINAL + ") AND updated_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("could not prune the journal in the state database: "
                    + OneLine.of(e.getMessage(), 300) + "; check that ideogram.state.jdbc.url is reachable", e);
        }
    }

    private List<JournalEntry> query(String sql, String key) {
        List<JournalEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (key != null) {
                select.setString(1, key);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    read(rows.getString(1), rows.getString(2)).ifPresent(entries::add);
                }
            }
        } catch (SQLException e) {
            throw new JournalException("could not read the journal from the state database: "
                    + OneLine.of(e.getMessage(), 300) + "; check that ideogram.state.jdbc.url is reachable", e);
        }
        return entries;
    }

    private static Optional<JournalEntry> read(String key, String json) {
        try {
            JournalEntry entry = JSON.readValue(json, JournalEntry.class);
            if (entry == null || entry.state() == null || !key.equals(entry.key())
                    || entry.updatedAt() == null && entry.recordedAt() == null) {
                throw new IllegalArgumentException("it is not a journal entry for key " + key);
            }
            entry.lastWritten();
            return Optional.of(entry);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("journal entry {} in the state database is unreadable and was skipped: {}", key,
                    OneLine.of(String.valueOf(e.getMessage()), 200));
            return Optional.empty();
        }
    }
}
