package org.ideogramcamel.job;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts how the jobs read from one prompt file ended, so the file is archived to the done folder only when
 * its work was stored (see {@link org.ideogramcamel.store.PromptArchive}).
 */
public class FileOutcome {

    private final AtomicInteger stored = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public void jobStored() {
        stored.incrementAndGet();
    }

    public void jobFailed() {
        failed.incrementAndGet();
    }

    public int stored() {
        return stored.get();
    }

    public int failed() {
        return failed.get();
    }
}
