package org.ideogramcamel.dialect;

import java.util.List;

/**
 * One page of a provider's list of recent predictions, as far as a lost create is concerned.
 *
 * @param matching   ids of the predictions on the page made from the same model and input as the lost create
 * @param nextCursor what the dialect needs to ask for the next page; null when there is none, or when this page
 *                   already reached predictions older than the create
 */
public record RecentPredictions(List<String> matching, String nextCursor) {

    public RecentPredictions {
        matching = List.copyOf(matching);
    }
}
