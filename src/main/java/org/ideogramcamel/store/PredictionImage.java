package org.ideogramcamel.store;

import java.time.LocalDate;

/**
 * One image of one paid prediction, as a resumed job asks the stores about it: "did a killed run already store
 * this?". The job name, prediction id and image number are what every sidecar records, so they identify the image
 * whatever the store and whatever name the store gave it.
 *
 * @param job          the job's name
 * @param predictionId the provider's prediction id
 * @param index        the image's number in its prediction (1-based)
 * @param since        UTC date the create left (a store whose keys carry the date looks from there to today)
 */
public record PredictionImage(String job, String predictionId, int index, LocalDate since) {
}
