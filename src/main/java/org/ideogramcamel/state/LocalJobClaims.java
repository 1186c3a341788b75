package org.ideogramcamel.state;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Claims for one instance ({@code ideogram.state.store=folder}): held in memory, gone with the process. */
public class LocalJobClaims implements JobClaims {

    private final Set<String> claimed = ConcurrentHashMap.newKeySet();

    @Override
    public boolean claim(String journalKey) {
        return claimed.add(journalKey);
    }

    @Override
    public void release(String journalKey) {
        claimed.remove(journalKey);
    }

    @Override
    public boolean isFree(String journalKey) {
        return !claimed.contains(journalKey);
    }
}
