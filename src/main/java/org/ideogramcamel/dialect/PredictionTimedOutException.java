package org.ideogramcamel.dialect;

import java.time.Duration;

/** A prediction still ran past {@code ideogram.poll.deadline}; it was cancelled and the job dead-lettered. */
public class PredictionTimedOutException extends RuntimeException {

    private final Prediction prediction;

    public PredictionTimedOutException(Prediction prediction, Duration deadline) {
        super(prediction.provider() + " prediction " + prediction.id() + " was still running after "
                + org.apache.camel.util.TimeUtils.printDuration(deadline.toMillis()) + " (ideogram.poll.deadline); a cancel was sent", null, false, false);
        this.prediction = prediction;
    }

    public Prediction prediction() {
        return prediction;
    }
}
