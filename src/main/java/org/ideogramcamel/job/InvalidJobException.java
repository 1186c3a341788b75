package org.ideogramcamel.job;

/** A job that must not be sent: its one-line message names the field, the value and what is allowed. */
public class InvalidJobException extends RuntimeException {

    public InvalidJobException(String reason) {
        super(reason, null, false, false);
    }
}
