package org.ideogramcamel.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A durable record of every job whose create may have been paid for, so that a restart resumes predictions
 * instead of creating them again, and the same input dropped twice is not paid twice.
 */
public interface JobJournal {

    /** The entry under this key, if there is a readable one. */
    Optional<JournalEntry> find(String key);

    /** Writes the entry, replacing the previous one under its key; when this returns the entry survives a crash. */
    void write(JournalEntry entry);

    /** Every readable entry; unreadable ones are reported and set aside. */
    List<JournalEntry> entries();

    /** Every readable entry whose job is not finished (neither stored nor failed). */
    default List<JournalEntry> unfinished() {
        return entries().stream().filter(entry -> !entry.state().isFinal()).toList();
    }

    /** Removes finished entries last written before the cutoff; unfinished ones are kept. Returns how many. */
    int prune(Instant cutoff);
}
