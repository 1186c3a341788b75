package org.ideogramcamel.flow;

import java.util.List;

/**
 * Thrown to a request-reply caller of {@code direct:ideogram-generate} when its job ended in a dead-letter
 * channel; the message is the dead-letter reason.
 */
public class JobFailedException extends RuntimeException {

    private final String job;

    public JobFailedException(String job, List<String> reasons) {
        super("job " + job + " failed: " + (reasons.isEmpty() ? "see the dead-letter channel"
                : String.join("; ", reasons)), null, false, false);
        this.job = job;
    }

    public String job() {
        return job;
    }
}
