package org.ideogramcamel.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.FreeNames;
import org.ideogramcamel.TempNames;
import org.ideogramcamel.job.FileOutcome;

/**
 * Archives a prompt file to the done folder once its work is stored; an earlier file of the same name there is never
 * replaced (the new one gets a numeric suffix, see {@link FreeNames}). The file consumer deletes the inbox copy
 * after the exchange completes, so a prompt file ends in exactly one place: done when its images were stored,
 * or the dead-letter channel (as part of the record) when they were not.
 */
public class PromptArchive {

    private final Path done;

    public PromptArchive(Path done) {
        this.done = done;
    }

    /**
     * Route step: copies the prompt file to the done folder when at least one of its jobs was stored (a single
     * job file: that job; a JSONL file: its good lines, while each bad line has its own dead-letter record).
     */
    public void archive(Exchange exchange) throws IOException {
        FileOutcome outcome = exchange.getProperty(ExchangeKeys.FILE_OUTCOME, FileOutcome.class);
        String source = exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (outcome == null || outcome.stored() == 0 || source == null) {
            return;
        }
        Files.createDirectories(done);
        Path partial = done.resolve("." + name + "." + TempNames.unique() + ".part");
        try {
            Files.copy(Path.of(source), partial);
            synchronized (this) {
                Path same = done.resolve(name);
                if (Files.isRegularFile(same) && Files.mismatch(same, partial) == -1) {
                    return; // the very same file is done already (a duplicate dropped again): nothing to keep twice
                }
                // a different file of the same name done earlier is kept: this one becomes lighthouse-2.txt
                Path target = done.resolve(FreeNames.freeName(done, name));
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
