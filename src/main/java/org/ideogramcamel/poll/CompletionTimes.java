package org.ideogramcamel.poll;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a provider's model has recently taken, learned from the polls themselves: for each provider and model,
 * the completion times of the last {@value #WINDOW} polled predictions. The first poll of the next prediction is
 * aimed at the faster quarter of them, so a steady provider costs one or two polls per prediction, and one slow
 * prediction never delays the first poll of the fast ones behind it.
 */
public final class CompletionTimes {

    static final int WINDOW = 16;

    private final Map<String, long[]> recent = new ConcurrentHashMap<>();
    private final Map<String, Integer> next = new ConcurrentHashMap<>();

    /**
     * How long the faster quarter of this model's recent predictions took (the 4th fastest of the last 16), in
     * milliseconds from the create answer; -1 if none yet. A quantile rather than the minimum, so one answer
     * read late by a busy machine does not pull every first poll early.
     */
    public long fasterQuarter(String provider, String model) {
        long[] times = recent.get(provider + "/" + model);
        if (times == null) {
            return -1;
        }
        long[] seen;
        synchronized (times) {
            seen = Arrays.stream(times).filter(t -> t >= 0).sorted().toArray();
        }
        return seen.length == 0 ? -1 : seen[Math.min(seen.length - 1, seen.length / 4)];
    }

    public void record(String provider, String model, long completedAfterMillis) {
        if (completedAfterMillis < 0) {
            return;
        }
        String key = provider + "/" + model;
        long[] times = recent.computeIfAbsent(key, k -> {
            long[] empty = new long[WINDOW];
            Arrays.fill(empty, -1);
            return empty;
        });
        synchronized (times) {
            int slot = next.merge(key, 1, (a, b) -> (a + b) % WINDOW);
            times[slot] = completedAfterMillis;
        }
    }
}
