package org.ideogramcamel.dialect;

import java.util.List;

/**
 * A provider's answer in provider-neutral terms: everything after this point (split, store, dead letters) never
 * knows which provider answered.
 *
 * @param provider the dialect's name
 * @param id       the provider's prediction id, or null for synchronous providers
 * @param model    the model the provider ran
 * @param state    where the prediction stands
 * @param images   the images, once it has succeeded
 * @param error    the provider's own words when it failed
 * @param descriptions what a describe call answered (image to text); empty for image results
 */
public record Prediction(String provider, String id, String model, State state, List<GeneratedImage> images,
        String error, List<String> descriptions) {

    /** An image result (or a pending or failed prediction). */
    public Prediction(String provider, String id, String model, State state, List<GeneratedImage> images,
            String error) {
        this(provider, id, model, state, images, error, List.of());
    }

    /** A finished describe call. */
    public static Prediction described(String provider, String model, List<String> descriptions) {
        return new Prediction(provider, null, model, State.SUCCEEDED, List.of(), null, List.copyOf(descriptions));
    }

    public boolean isDescription() {
        return !descriptions.isEmpty();
    }

    public enum State {
        PENDING, SUCCEEDED, FAILED, CANCELED
    }

    public boolean isPending() {
        return state == State.PENDING;
    }

    public boolean isSucceeded() {
        return state == State.SUCCEEDED;
    }
}
