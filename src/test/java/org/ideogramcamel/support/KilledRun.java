package org.ideogramcamel.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobReader;
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
        afterTheStartUpResume();
        left(state, State.CREATED, provider, keyOf(file, content), file, content, predictionId);
    }

    /** Waits until the start-up resume (500 ms after start) is over, so that the file intake meets the entry. */
    public static void afterTheStartUpResume() {
        try {
            Thread.sleep(800);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The journal key of a prompt file with this content. */
    public static String keyOf(String file, String content) {
        return JournalKeys.ofFile(new JobSource(file, JobReader.baseName(file), null,
                content.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The entry a run killed after the provider answered the create of one line of a JSONL file leaves: the line's
     * job {@code created}, the prediction id as its resume handle. Reading the file again resumes it.
     *
     * @param line        the line's number, from 1
     * @param lineContent the line as it stands in the file
     */
    public static void createdLine(Path stateFolder, String provider, String file, int line, String lineContent,
            String prompt, String predictionId) {
        String name = JobReader.baseName(file) + "-" + line;
        String key = JournalKeys.ofFile(new JobSource(file, name, line, lineContent.getBytes(StandardCharsets.UTF_8)));
        write(stateFolder, State.CREATED, provider, key, name, file, line, lineContent, prompt, predictionId);
    }

    /**
     * The entry a run killed at {@code state} leaves for the job of {@code file} (named after it), whose prompt and
     * original input are {@code original}; the prediction id is also its resume handle.
     */
    public static void left(Path stateFolder, State state, String provider, String key, String file, String original,
            String predictionId) {
        write(stateFolder, state, provider, key, JobReader.baseName(file), file, null, original, original,
                predictionId);
    }

    private static void write(Path stateFolder, State state, String provider, String key, String name, String file,
            Integer line, String original, String prompt, String predictionId) {
        ImageJob job = new ImageJob(name, prompt, null, null, null, null, null, null, null, null, null, provider,
                "generate", null, null, null);
        String now = Instant.now().toString();
        new FolderJournal(stateFolder.resolve("journal")).write(new JournalEntry(key, state, name, file, line,
                original, provider, null, job, predictionId, predictionId, null, now, now));
    }
}
