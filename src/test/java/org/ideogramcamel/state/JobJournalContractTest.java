package org.ideogramcamel.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.journal.FolderJournal;
import org.ideogramcamel.journal.JobJournal;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.journal.JournalEntry.State;
import org.ideogramcamel.state.jdbc.JdbcJournal;
import org.ideogramcamel.state.jdbc.StateDatabase;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same promises from both journals: what a restart or another instance reads is what was written. */
class JobJournalContractTest {

    static final ImageJob JOB = new ImageJob("fox", "a red fox", null, "16:9", null, "anime", null, 42L, null, null,
            "v2_turbo", "replicate", "edit", Path.of("/inbox/images/fox.png").toAbsolutePath(), null, null);

    static JournalEntry entry(String key, State state, Instant at) {
        return new JournalEntry(key, state, "fox", "fox.json", 3, "{\"prompt\": \"a red fox\"}", "replicate",
                "ideogram-v2-turbo", JOB, state == State.SENDING ? null : "p-1", state == State.SENDING ? null : "p-1",
                state == State.FAILED ? "bad input" : null, at.toString(), at.toString());
    }

    abstract static class Contract {

        abstract JobJournal journal();

        @Test
        void anEntryReadsBackExactlyAsItWasWritten() {
            JournalEntry written = entry("k1-0", State.CREATED, Instant.now());
            journal().write(written);

            assertThat(journal().find("k1-0")).contains(written);
            assertThat(journal().find("k9-0")).isEmpty();
        }

        @Test
        void aSecondWriteReplacesTheEntry() {
            JournalEntry sending = entry("k2-0", State.SENDING, Instant.now());
            journal().write(sending);
            journal().write(sending.created("p-9", "h-9"));

            assertThat(journal().entries()).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(State.CREATED);
                assertThat(e.predictionId()).isEqualTo("p-9");
                assertThat(e.resumeHandle()).isEqualTo("h-9");
            });
        }

        @Test
        void unfinishedHoldsOnlyJobsNeitherStoredNorFailed() {
            Instant now = Instant.now();
            journal().write(entry("a-0", State.SENDING, now));
            journal().write(entry("b-0", State.CREATED, now));
            journal().write(entry("c-0", State.STORED, now));
            journal().write(entry("d-0", State.FAILED, now));

            assertThat(journal().entries()).extracting(JournalEntry::key)
                    .containsExactlyInAnyOrder("a-0", "b-0", "c-0", "d-0");
            assertThat(journal().unfinished()).extracting(JournalEntry::key).containsExactlyInAnyOrder("a-0", "b-0");
        }

        @Test
        void pruningRemovesOldFinishedEntriesAndKeepsUnfinishedOnes() {
            Instant old = Instant.now().minus(10, ChronoUnit.DAYS);
            journal().write(entry("old-stored-0", State.STORED, old));
            journal().write(entry("old-failed-0", State.FAILED, old));
            journal().write(entry("old-created-0", State.CREATED, old));
            journal().write(entry("old-sending-0", State.SENDING, old));
            journal().write(entry("new-stored-0", State.STORED, Instant.now()));

            assertThat(journal().prune(Instant.now().minus(7, ChronoUnit.DAYS))).isEqualTo(2);
            assertThat(journal().entries()).extracting(JournalEntry::key)
                    .containsExactlyInAnyOrder("old-created-0", "old-sending-0", "new-stored-0");
        }
    }

    @Nested
    class Folder extends Contract {

        @TempDir
        Path state;

        @Override
        JobJournal journal() {
            return new FolderJournal(state.resolve("journal"));
        }
    }

    @Nested
    class Jdbc extends Contract {

        StateDatabase database;

        @BeforeEach
        void open() {
            database = StateDatabase.open(TestPostgres.newDatabase(), TestPostgres.USER, null, 2);
        }

        @AfterEach
        void close() {
            database.close();
        }

        @Override
        JobJournal journal() {
            return new JdbcJournal(database.dataSource());
        }

        @Test
        void theRowHoldsTheSameJsonTheFolderJournalWritesAndTheStateAsPlainText(@TempDir Path folder)
                throws Exception {
            JournalEntry written = entry("same-0", State.CREATED, Instant.now());
            journal().write(written);
            new FolderJournal(folder).write(written);

            try (Connection c = database.dataSource().getConnection();
                    ResultSet row = c.createStatement().executeQuery(
                            "SELECT state, provider, entry FROM ideogram_journal WHERE journal_key = 'same-0'")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("state")).isEqualTo("created");
                assertThat(row.getString("provider")).isEqualTo("replicate");
                ObjectMapper json = new ObjectMapper();
                assertThat(json.readTree(row.getString("entry")))
                        .isEqualTo(json.readTree(Files.readString(folder.resolve("same-0.json"))));
            }
        }

        @Test
        void anUnreadableRowIsSkippedAndNeverStopsTheJournal() throws Exception {
            journal().write(entry("good-0", State.CREATED, Instant.now()));
            try (Connection c = database.dataSource().getConnection()) {
                c.createStatement().executeUpdate("INSERT INTO ideogram_journal (journal_key, state, entry, updated_at)"
                        + " VALUES ('bad-0', 'created', '{\"key\": \"bad-0\", \"sta', now())");
            }

            assertThat(journal().entries()).extracting(JournalEntry::key).containsExactly("good-0");
            assertThat(journal().unfinished()).extracting(JournalEntry::key).containsExactly("good-0");
            assertThat(journal().find("bad-0")).isEmpty();
        }
    }
}
