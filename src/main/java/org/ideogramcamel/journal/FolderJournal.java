package org.ideogramcamel.journal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.DurableFiles;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.PrettyJson;
import org.ideogramcamel.TempNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON file per job in {@code {ideogram.state}/journal/<key>.json}. Each write goes to a hidden temporary file
 * in the same folder, is forced to disk, and is then renamed over the entry (an atomic move), and the folder
 * itself is forced: a crash leaves either the old entry or the new one, never a torn file. An entry that cannot be
 * read anyway (edited by hand, a disk fault) is reported in one line and moved to {@code journal/unreadable/}; it
 * never stops the app from starting.
 *
 * <p>The entry this instance last wrote for an unfinished job is also kept in memory: the journal steps of one job
 * read back what they wrote a moment ago ({@code created} and {@code close} start from the current entry), and
 * parsing it from disk again was a tenth of the app's CPU per image. Only this instance writes this folder (the
 * state lock), so the entry in memory is the one on disk; it is dropped once the job's entry is final (stored or
 * failed), so it holds the jobs in progress, and a failed write drops it (the disk then answers).
 */
public class FolderJournal implements JobJournal {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.journal");
    private static final ObjectMapper JSON = PrettyJson.MAPPER;
    private static final String SUFFIX = ".json";

    /** Beyond this many unfinished entries in memory (a leak by some path that never closes a job) start afresh. */
    private static final int MAX_REMEMBERED = 20_000;

    private final Path folder;
    /** The last entry written by this instance for each unfinished job; the file holds the same. */
    private final Map<String, JournalEntry> unfinishedWritten = new ConcurrentHashMap<>();

    public FolderJournal(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
            sweepTemporaryFiles();
        } catch (IOException e) {
            throw new IllegalArgumentException("the journal folder " + folder + " cannot be created ("
                    + OneLine.of(String.valueOf(e.getMessage())) + "); check ideogram.state");
        }
    }

    public Path folder() {
        return folder;
    }

    @Override
    public Optional<JournalEntry> find(String key) {
        if (!JournalKeys.isWellFormed(key)) {
            return Optional.empty();
        }
        JournalEntry written = unfinishedWritten.get(key);
        if (written != null) {
            return Optional.of(written);
        }
        Path file = folder.resolve(key + SUFFIX);
        // a new job has no entry: a stat instead of the exception of opening a missing file
        return Files.exists(file) ? read(file) : Optional.empty();
    }

    @Override
    public void write(JournalEntry entry) {
        if (!JournalKeys.isWellFormed(entry.key())) {
            throw new JournalException("journal key '" + entry.key() + "' is not a usable file name");
        }
        Path target = folder.resolve(entry.key() + SUFFIX);
        unfinishedWritten.remove(entry.key()); // until the write succeeded, the disk answers
        try {
            DurableFiles.replace(target, JSON.writeValueAsBytes(entry));
            remember(entry);
        } catch (AtomicMoveNotSupportedException e) {
            throw new JournalException("the journal folder " + folder + " does not support atomic renames; put"
                    + " ideogram.state on a local file system");
        } catch (IOException e) {
            throw new JournalException("could not write journal entry " + target + ": "
                    + OneLine.of(e.getClass().getSimpleName() + " " + e.getMessage()));
        }
    }

    private void remember(JournalEntry entry) {
        if (entry.state().isFinal()) {
            return;
        }
        if (unfinishedWritten.size() >= MAX_REMEMBERED) {
            unfinishedWritten.clear();
        }
        unfinishedWritten.put(entry.key(), entry);
    }

    @Override
    public List<JournalEntry> entries() {
        List<JournalEntry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(".")) {
                    read(file).ifPresent(entries::add);
                }
            }
        } catch (IOException e) {
            throw new JournalException("could not list the journal folder " + folder + ": "
                    + OneLine.of(String.valueOf(e.getMessage())));
        }
        return entries;
    }

    @Override
    public int prune(Instant cutoff) {
        int pruned = 0;
        for (JournalEntry entry : entries()) {
            if (entry.state().isFinal() && entry.lastWritten().isBefore(cutoff)) {
                try {
                    Files.deleteIfExists(folder.resolve(entry.key() + SUFFIX));
                    pruned++;
                } catch (IOException e) {
                    LOG.warn("journal entry {} could not be pruned: {}", entry.key(), OneLine.of(e.getMessage()));
                }
            }
        }
        return pruned;
    }

    private Optional<JournalEntry> read(Path file) {
        try {
            JournalEntry entry = JSON.readValue(file.toFile(), JournalEntry.class);
            String expected = file.getFileName().toString().replace(SUFFIX, "");
            if (entry == null || entry.state() == null || !expected.equals(entry.key()) || entry.updatedAt() == null
                    && entry.recordedAt() == null) {
                throw new IOException("it is not a journal entry for key " + expected);
            }
            entry.lastWritten(); // a timestamp that does not parse makes the entry unreadable too
            return Optional.of(entry);
        } catch (NoSuchFileException | java.io.FileNotFoundException gone) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            setAside(file, e);
            return Optional.empty();
        }
    }

    private void setAside(Path file, Exception why) {
        Path unreadable = folder.resolve("unreadable");
        try {
            Files.createDirectories(unreadable);
            Path target = unreadable.resolve(file.getFileName() + "." + TempNames.unique());
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("journal entry {} is unreadable and was moved to {}: {}", file.getFileName(), target,
                    OneLine.of(String.valueOf(why.getMessage()), 200));
        } catch (IOException e) {
            LOG.warn("journal entry {} is unreadable and could not be moved aside: {}", file.getFileName(),
                    OneLine.of(String.valueOf(why.getMessage()), 200));
        }
    }

    /** Temporary files of writes a crash interrupted: never an entry, so they are simply removed. */
    private void sweepTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.tmp")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }
}
