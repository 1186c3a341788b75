package org.ideogramcamel.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What has happened to one job so far. Shared by reference between the job's message and the messages its
 * images are split into, so the job knows at the end whether every image was stored.
 */
public class JobProgress {

    private final Instant startedAt = Instant.now();
    private final List<StoredImage> stored = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unsafe = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile FailureKind firstFailureKind;
    private final Map<String, String> deadLetterNames = new ConcurrentHashMap<>();

    public Instant startedAt() {
        return startedAt;
    }

    public void stored(StoredImage result) {
        stored.add(result);
    }

    /** An image the provider flagged as unsafe was recorded (its sidecar) instead of stored. */
    public void recordedUnsafe(String sidecar) {
        unsafe.add(sidecar);
    }

    public int unsafeCount() {
        return unsafe.size();
    }

    /** A failure and its kind; the first kind is the one the job's failure is counted under. */
    public void failed(String reason, FailureKind kind) {
        synchronized (failures) {
            if (failures.isEmpty()) {
                firstFailureKind = kind;
            }
            failures.add(reason);
        }
    }

    /**
     * The name the job's input has in a dead-letter channel, chosen once per channel: a job with several failed
     * images keeps one copy of its input, with every image's record beside it.
     */
    public String deadLetterName(String channel, Function<String, String> choose) {
        return deadLetterNames.computeIfAbsent(channel, choose);
    }

    public FailureKind failureKind() {
        return firstFailureKind == null ? FailureKind.INTERNAL : firstFailureKind;
    }

    /** The job was accepted and now occupies a place among the jobs in flight. */
    public void takeOff() {
        inFlight.set(true);
    }

    /** True once, when a job that was in flight lands. */
    public boolean land() {
        return inFlight.compareAndSet(true, false);
    }

    /** True the first time only: a job's end is reported once, whichever step sees it first. */
    public boolean markEnded() {
        return ended.compareAndSet(false, true);
    }

    public List<StoredImage> results() {
        synchronized (stored) {
            return List.copyOf(stored);
        }
    }

    public List<String> locations() {
        return results().stream().map(StoredImage::location).toList();
    }

    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Every failure of the job in one line, in the order they happened; empty when there was none. */
    public String reason() {
        return String.join("; ", failures());
    }

    public boolean isComplete() {
        return failures.isEmpty() && (!stored.isEmpty() || !unsafe.isEmpty());
    }
}
