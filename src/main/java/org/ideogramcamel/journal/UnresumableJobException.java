package org.ideogramcamel.journal;

/**
 * A job the journal found unfinished after a restart that must not simply run again: its create may have been
 * billed. Its one-line message says what is known and what the user can do; it is dead-lettered as a server error.
 */
public class UnresumableJobException extends RuntimeException {

    public UnresumableJobException(String message) {
        super(message, null, false, false);
    }
}
