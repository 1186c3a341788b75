package org.ideogramcamel.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobSource;
import org.ideogramcamel.journal.JournalEntry.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderJournalTest {

    @TempDir
    Path state;

    static final ImageJob JOB = new ImageJob("fox", "a red fox", null, "16:9", null, "anime", null, 42L, null, null,
            "v2_turbo", "replicate", "edit", Path.of("/inbox/images/fox.png").toAbsolutePath(), null, null);

    static JournalEntry entry(String key, State state, Instant at) {
        return new JournalEntry(key, state, "fox", "fox.json", null, "{\"prompt\": \"a red fox\"}", "replicate",
                "ideogram-v2-turbo", JOB, state == State.SENDING ? null : "p-1", state == State.SENDING ? null : "p-1",
                null, at.toString(), at.toString());
    }

    FolderJournal journal() {
        return new FolderJournal(state.resolve("journal"));
    }

    @Test
    void anEntryReadsBackAsItWasWrittenWithTheCanonicalJob() {
        FolderJournal journal = journal();
        journal.write(entry("k1-0", State.CREATED, Instant.now()));

        JournalEntry read = journal.find("k1-0").orElseThrow();
        assertThat(read.state()).isEqualTo(State.CREATED);
        assertThat(read.resumeHandle()).isEqualTo("p-1");
        assertThat(read.canonicalJob()).isEqualTo(JOB);
        assertThat(names(journal.folder())).containsExactly("k1-0.json");
    }

    @Test
    void aSecondWriteReplacesTheEntryAndLeavesNoTemporaryFile() throws IOException {
        FolderJournal journal = journal();
        JournalEntry sending = entry("k2-0", State.SENDING, Instant.now());
        journal.write(sending);
        journal.write(sending.created("p-9", "p-9"));

        assertThat(journal.find("k2-0").orElseThrow().predictionId()).isEqualTo("p-9");
        assertThat(names(journal.folder())).containsExactly("k2-0.json");
        assertThat(Files.readString(journal.folder().resolve("k2-0.json"))).contains("\"state\" : \"created\"");
    }

    @Test
    void anUnfinishedEntryIsAnsweredFromWhatWasWrittenAndAFinalOneFromTheDisk() throws IOException {
        FolderJournal journal = journal();
        JournalEntry sending = entry("k3-0", State.SENDING, Instant.now());
        journal.write(sending);
        journal.write(sending.created("p-3", "p-3"));
        Path file = journal.folder().resolve("k3-0.json");
        String onDisk = Files.readString(file);
        // the job's own steps read back what they wrote, without parsing the file again
        Files.writeString(file, "{}");
        assertThat(journal.find("k3-0").orElseThrow().predictionId()).isEqualTo("p-3");

        Files.writeString(file, onDisk);
        journal.write(journal.find("k3-0").orElseThrow().moveTo(State.STORED, null));
        // once final the entry is no longer kept: what the disk says counts (a dedupe check a day later, say)
        Files.delete(file);
        assertThat(journal.find("k3-0")).isEmpty();
        // and a new journal (the next start) reads the disk
        journal.write(entry("k4-0", State.CREATED, Instant.now()));
        assertThat(journal().find("k4-0").orElseThrow().state()).isEqualTo(State.CREATED);
    }

    @Test
    void aCorruptEntryIsSetAsideAndNeverStopsTheJournal() throws IOException {
        FolderJournal journal = journal();
        journal.write(entry("good-0", State.CREATED, Instant.now()));
        Files.writeString(journal.folder().resolve("bad-0.json"), "{\"key\": \"bad-0\", \"state\": \"crea");
        Files.writeString(journal.folder().resolve("renamed-0.json"),
                Files.readString(journal.folder().resolve("good-0.json")));

        List<JournalEntry> entries = journal.entries();

        assertThat(entries).extracting(JournalEntry::key).containsExactly("good-0");
        assertThat(journal.find("bad-0")).isEmpty();
        assertThat(names(journal.folder())).containsExactly("good-0.json");
        assertThat(names(journal.folder().resolve("unreadable"))).hasSize(2)
                .anyMatch(n -> n.startsWith("bad-0.json.")).anyMatch(n -> n.startsWith("renamed-0.json."));
    }

    @Test
    void aTemporaryFileLeftByACrashIsNeverAnEntryAndIsSweptAtStart() throws IOException {
        Path folder = state.resolve("journal");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(".k3-0.5d1c.tmp"), "{\"key\": \"k3-0\", \"sta", StandardCharsets.UTF_8);

        FolderJournal journal = journal();

        assertThat(journal.entries()).isEmpty();
        assertThat(journal.find("k3-0")).isEmpty();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void pruningRemovesOldFinishedEntriesAndKeepsUnfinishedOnes() {
        FolderJournal journal = journal();
        Instant old = Instant.now().minus(10, ChronoUnit.DAYS);
        journal.write(entry("old-stored-0", State.STORED, old));
        journal.write(entry("old-failed-0", State.FAILED, old));
        journal.write(entry("old-created-0", State.CREATED, old));
        journal.write(entry("old-sending-0", State.SENDING, old));
        journal.write(entry("new-stored-0", State.STORED, Instant.now()));

        int pruned = journal.prune(Instant.now().minus(7, ChronoUnit.DAYS));

        assertThat(pruned).isEqualTo(2);
        assertThat(journal.entries()).extracting(JournalEntry::key)
                .containsExactlyInAnyOrder("old-created-0", "old-sending-0", "new-stored-0");
    }

    @Test
    void aFailedWriteThrowsAJournalExceptionThatIsNotAnIoFailure() throws IOException {
        FolderJournal journal = journal();
        journal.write(entry("k4-0", State.SENDING, Instant.now()));
        Path folder = journal.folder();
        Files.delete(folder.resolve("k4-0.json"));
        Files.delete(folder);
        Files.writeString(folder, "not a folder any more");

        assertThatThrownBy(() -> journal.write(entry("k4-0", State.CREATED, Instant.now())))
                .isInstanceOf(JournalException.class).hasNoCause().hasMessageContaining("could not write journal entry");
    }

    @Test
    void keysFollowNameLineAndContent() {
        byte[] content = "a red fox".getBytes(StandardCharsets.UTF_8);
        String key = JournalKeys.ofFile(new JobSource("fox.txt", "fox", null, content));

        assertThat(JournalKeys.ofFile(new JobSource("fox.txt", "fox", null, content.clone()))).isEqualTo(key);
        assertThat(JournalKeys.ofFile(new JobSource("fox2.txt", "fox2", null, content))).isNotEqualTo(key);
        assertThat(JournalKeys.ofFile(new JobSource("fox.txt", "fox", null, "a red fox!".getBytes(
                StandardCharsets.UTF_8)))).isNotEqualTo(key);
        assertThat(JournalKeys.ofFile(new JobSource("fox.jsonl", "fox-3", 3, content))).endsWith("-3")
                .isNotEqualTo(JournalKeys.ofFile(new JobSource("fox.jsonl", "fox-4", 4, content)));
        assertThat(JournalKeys.isWellFormed(key)).isTrue();
        assertThat(JournalKeys.isWellFormed("../escape")).isFalse();
    }

    static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
