package org.ideogramcamel.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobSource;
import org.ideogramcamel.journal.FolderJournal;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.journal.JournalEntry.State;
import org.ideogramcamel.journal.JournalKeys;

/**
 * What a run killed after the provider answered a prompt file's create leaves in the journal: the job
 * {@code created}, with the prediction id as its resume handle. Dropping the same file again then resumes the
 * prediction (polled, never created again), as the next start would.
 */
public final class KilledRun {

    private KilledRun() {
    }

    /**
     * Writes the entry under {@code <state>/journal}. It waits first until the start-up resume (500 ms after start)
     * is over, so that the file intake, not the start-up resume, meets it.
     */
    public static void createdBeforeTheKill(Path state, String provider, String file, String content,
            String predictionId) {
        try {
            Thread.sleep(800);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String name = file.substring(0, file.indexOf('.'));
        String key = JournalKeys.ofFile(new JobSource(file, name, null, content.getBytes(StandardCharsets.UTF_8)));
        ImageJob job = new ImageJob(name, content, null, null, null, null, null, null, null, null, null, provider,
                "generate", null, null, null);
        String now = Instant.now().toString();
        new FolderJournal(state.resolve("journal")).write(new JournalEntry(key, State.CREATED, name, file, null,
                content, provider, null, job, predictionId, predictionId, null, now, now));
    }
}
