package org.ideogramcamel.status;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.ideogramcamel.job.ImageJob;

/**
 * The job board of one instance ({@code ideogram.state.store=folder}), in memory and bounded: past {@code capacity}
 * jobs the oldest finished one is forgotten. Unfinished jobs are never forgotten; there are at most as many as the
 * queue and the jobs in flight. A restart forgets the board (and the queued jobs with it).
 */
public class MemoryJobBoard implements JobBoard {

    private final int capacity;
    private final Clock clock;
    private final Map<String, JobStatus> jobs = new LinkedHashMap<>();

    public MemoryJobBoard(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized JobStatus queued(String id, ImageJob job) {
        JobStatus status = newlyQueued(id, job);
        jobs.put(id, status);
        forgetOldestFinished();
        return status;
    }

    @Override
    public synchronized void forget(String id) {
        jobs.remove(id);
    }

    @Override
    public synchronized Optional<JobStatus> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public synchronized int size() {
        return jobs.size();
    }

    @Override
    public synchronized void change(String id, UnaryOperator<JobStatus> change) {
        jobs.computeIfPresent(id, (key, status) -> change.apply(status));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    private void forgetOldestFinished() {
        Iterator<JobStatus> oldestFirst = jobs.values().iterator();
        while (jobs.size() > capacity && oldestFirst.hasNext()) {
            if (oldestFirst.next().isFinished()) {
                oldestFirst.remove();
            }
        }
    }
}
