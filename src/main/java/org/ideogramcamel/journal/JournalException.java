package org.ideogramcamel.journal;

/**
 * The journal could not be written. Deliberately not an I/O exception: a failed journal write happens before the
 * create leaves, and must never be mistaken for a create that was sent and went unanswered.
 */
public class JournalException extends RuntimeException {

    public JournalException(String message) {
        super(message, null, false, false);
    }
}
