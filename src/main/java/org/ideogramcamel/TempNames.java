package org.ideogramcamel;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The unique part of a temporary file's name (a partial image, a journal entry being replaced). Not
 * {@code UUID.randomUUID()}: that draws from the shared, locked SecureRandom, which dozens of jobs writing files at
 * once would queue on, and a name that only has to differ from its neighbours needs no cryptographic strength.
 */
public final class TempNames {

    private TempNames() {
    }

    /** 16 hex digits, different for every call in practice. */
    public static String unique() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
