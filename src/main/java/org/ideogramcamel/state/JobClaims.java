package org.ideogramcamel.state;

/**
 * Which instance works on a job now. A job (by journal key) is worked on by one exchange of one instance at a time:
 * the file intake, a Kafka redelivery and the resume of a killed run's prediction can never poll the same prediction
 * twice or create it twice. With one instance ({@code ideogram.state.store=folder}) a claim lives in memory and ends
 * with the process; with {@code jdbc} it is a row owned by this instance, which other instances take over once this
 * instance's heartbeat has lapsed (it died), never while it lives.
 */
public interface JobClaims {

    /**
     * Claims the job for this instance. False when it is claimed already: by this instance (another exchange works
     * on it) or by another instance that is alive. A claim left by an instance that died is taken over (true).
     */
    boolean claim(String journalKey);

    /** Gives the claim back (the job finished, failed or was handed back); a no-op when this instance holds none. */
    void release(String journalKey);

    /**
     * Whether no live instance works on the job now, so that a sweep may hand it to {@link #claim} (which still
     * decides: two instances sweeping at once never both get it).
     */
    boolean isFree(String journalKey);

    /** True when other instances share these claims (so a sweep may find work a dead instance left). */
    default boolean isShared() {
        return false;
    }
}
