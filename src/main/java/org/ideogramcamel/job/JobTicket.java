package org.ideogramcamel.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A job as read from its source, before validation: either its fields or the reason it could not be read.
 * Unreadable input becomes a ticket too, so it takes the same dead-letter path as an invalid job.
 */
public record JobTicket(JobSource source, ObjectNode fields, String problem) {

    public static JobTicket readable(JobSource source, ObjectNode fields) {
        return new JobTicket(source, fields, null);
    }

    public static JobTicket unreadable(JobSource source, String problem) {
        return new JobTicket(source, null, problem);
    }

    public boolean isReadable() {
        return problem == null;
    }
}
