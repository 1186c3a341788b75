package org.ideogramcamel.journal;

/**
 * The journal could not be written. Deliberately not an I/O exception: a failed journal write happens before the
 * create leaves, and must never be mistaken for a create that was sent and went unanswered.
 */
public class JournalException extends RuntimeException {

    public JournalException(String message) {
        super(message, null, false, false);
    }

    /** With the failure underneath (kept so that a state database out of reach is told from a refused write). */
    public JournalException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
