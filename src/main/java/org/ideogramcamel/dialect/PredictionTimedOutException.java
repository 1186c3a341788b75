package org.ideogramcamel.dialect;

import java.time.Duration;

/** A prediction still ran past {@code ideogram.poll.deadline}; it was cancelled and the job dead-lettered. */
public class PredictionTimedOutException extends RuntimeException {

    private final Prediction prediction;

    /**
     * @param cancel what became of the cancel: {@code sent}, {@code failed}, or null when the provider has none
     */
    public PredictionTimedOutException(Prediction prediction, Duration deadline, String cancel) {
        super(prediction.provider() + " prediction " + prediction.id() + " was still running after "
                + org.apache.camel.util.TimeUtils.printDuration(deadline.toMillis()) + " (ideogram.poll.deadline); " + cancelOutcome(cancel), null, false, false);
        this.prediction = prediction;
    }

    private static String cancelOutcome(String cancel) {
        if ("sent".equals(cancel)) {
            return "a cancel was sent";
        }
        if ("failed".equals(cancel)) {
            return "the cancel failed, so it may still finish (and bill) on the provider's side";
        }
        return "the provider has no cancel, so it may still finish (and bill) on its side";
    }

    public Prediction prediction() {
        return prediction;
    }
}
