package org.ideogramcamel;

/**
 * The app began to stop while a job was still waiting (for today's budget, or for a provider slot): it was never
 * sent, so nothing was paid. It is not a failure: the job is not dead-lettered and its prompt file stays in the
 * inbox for the next start ({@code routes/error-handling.camel.yaml} lets it through unhandled).
 */
public class StoppedBeforeSendingException extends RuntimeException {

    public StoppedBeforeSendingException(String job, String waitingFor) {
        super("the app stopped while job " + job + " waited for " + waitingFor + "; it was not sent (from a prompt"
                + " file, it runs at the next start)", null, false, false);
    }

    /** Another reason a job is let go unsent, with its prompt file kept in the inbox. */
    protected StoppedBeforeSendingException(String message) {
        super(message, null, false, false);
    }
}
