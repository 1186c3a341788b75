package org.ideogramcamel.dialect;

/** The provider ran the prediction and it ended without images (failed, canceled, aborted): not retried. */
public class PredictionFailedException extends RuntimeException {

    private final Prediction prediction;

    public PredictionFailedException(Prediction prediction) {
        super(prediction.provider() + " prediction" + (prediction.id() == null ? "" : " " + prediction.id()) + " ended "
                + prediction.state().name().toLowerCase(java.util.Locale.ROOT)
                + (prediction.error() == null ? "" : ": " + prediction.error()), null, false, false);
        this.prediction = prediction;
    }

    public Prediction prediction() {
        return prediction;
    }
}
