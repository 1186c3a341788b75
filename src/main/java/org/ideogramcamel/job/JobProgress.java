package org.ideogramcamel.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What has happened to one job so far. Shared by reference between the job's message and the messages its
 * images are split into, so the job knows at the end whether every image was stored.
 */
public class JobProgress {

    private final Instant startedAt = Instant.now();
    private final List<StoredImage> stored = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unsafe = Collections.synchronizedList(new ArrayList<>());

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

    public void failed(String reason) {
        failures.add(reason);
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

    public boolean isComplete() {
        return failures.isEmpty() && (!stored.isEmpty() || !unsafe.isEmpty());
    }
}
