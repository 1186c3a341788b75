package org.ideogramcamel.flow;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of the current batch: every job read since the app was last idle, whether from one JSONL file or
 * many files dropped at once. Logs {@code batch: 37 of 500 done, 2 failed, ETA 1m 12s} at most once per
 * {@code ideogram.progress.interval} and once when the batch is done. A lone job logs no batch lines: its own
 * summary line says it all.
 */
public class BatchProgress {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.progress");

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Logger log;

    private int total;
    private int done;
    private int failed;
    private long startedAt;
    private long firstEndedAt;
    private long lastLoggedAt;

    public BatchProgress(Duration interval) {
        this(interval, System::nanoTime, LOG);
    }

    BatchProgress(Duration interval, LongSupplier nanoTime, Logger log) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.log = log;
    }

    /** Jobs just read (the lines of a JSONL file, or one job); an idle app starts a new batch with them. */
    public synchronized void added(int jobs) {
        if (done >= total) {
            total = 0;
            done = 0;
            failed = 0;
            startedAt = nanoTime.getAsLong();
            lastLoggedAt = startedAt;
        }
        total += jobs;
    }

    /** A job ended, stored or failed. */
    public synchronized void ended(boolean stored) {
        done++;
        if (!stored) {
            failed++;
        }
        total = Math.max(total, done);
        long now = nanoTime.getAsLong();
        if (done == 1) {
            firstEndedAt = now;
        }
        if (total < 2) {
            return;
        }
        if (done == total) {
            log.info(String.format(Locale.ROOT, "batch: %d of %d done, %d failed in %s", done, total, failed,
                    human(now - startedAt)));
        } else if (now - lastLoggedAt >= intervalNanos) {
            lastLoggedAt = now;
            log.info(String.format(Locale.ROOT, "batch: %d of %d done, %d failed%s", done, total, failed, eta(now)));
        }
    }

    /**
     * The time left at the pace jobs have been ending since the first one did: the wait for the first (reading
     * the file, the first prediction) says little about the pace of the rest. No estimate from fewer than 3 jobs.
     */
    private String eta(long now) {
        if (done < 3) {
            return "";
        }
        long perJob = (now - firstEndedAt) / (done - 1);
        return ", ETA " + human(perJob * (total - done));
    }

    /** {@code 45s}, {@code 1m 12s}, {@code 2h 5m}. */
    static String human(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
}
