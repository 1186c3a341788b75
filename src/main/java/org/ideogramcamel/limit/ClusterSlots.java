package org.ideogramcamel.limit;

import java.util.OptionalInt;

/**
 * Slots of a provider account shared by every instance ({@code ideogram.providers.<name>.cluster-max-in-flight}):
 * the {@link ProviderGate} grants a create only when both its own slot and one of these are free, so N instances
 * together never run more predictions at the account than it allows. {@link #NONE} when no provider has such a cap.
 */
public interface ClusterSlots {

    /** No cluster-wide caps: every create needs only its instance's own slot. */
    ClusterSlots NONE = new ClusterSlots() {
        @Override
        public boolean limits(String provider) {
            return false;
        }

        @Override
        public OptionalInt tryAcquire(String provider, String journalKey) {
            return OptionalInt.of(0);
        }

        @Override
        public void release(String provider, int slot) {
            // nothing was taken
        }
    };

    /** Whether {@code provider} has a cluster-wide cap. */
    boolean limits(String provider);

    /**
     * Takes a free slot of {@code provider} for this instance, at once or not at all (never waits).
     *
     * @param journalKey the job's journal key, recorded with the slot so an operator can tell who holds it (or null)
     * @return the slot's number, or empty when every slot is held by a live instance
     */
    OptionalInt tryAcquire(String provider, String journalKey);

    /** Gives a slot taken by {@link #tryAcquire} back. */
    void release(String provider, int slot);
}
