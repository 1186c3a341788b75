package org.ideogramcamel.journal;

import org.ideogramcamel.StoppedBeforeSendingException;

/**
 * A prompt file's job is claimed by another live instance sharing the inbox (ideogram.state.store=jdbc): it is not
 * run here, and it is not a duplicate either (the other instance may die before sending it). Like a job let go at a
 * stop, it is never dead-lettered and its prompt file stays in the inbox, to be read again: by then the other
 * instance has finished the file (and deleted it) or has died (and its claim has lapsed).
 */
public class JobHeldElsewhereException extends StoppedBeforeSendingException {

    public JobHeldElsewhereException(String where) {
        super("job " + where + " is being worked on by another instance; its prompt file stays in the inbox until"
                + " that instance has finished it (or died)");
    }
}
