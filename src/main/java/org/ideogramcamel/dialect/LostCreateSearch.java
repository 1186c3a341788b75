package org.ideogramcamel.dialect;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The search for a create that was sent and never answered (the app was killed while the provider held the answer,
 * or the connection broke) among the provider's recent predictions, page by page, newest first. It only counts
 * predictions created after the send time minus {@link #CLOCK_SKEW}, so that a clock slightly ahead of the
 * provider's does not hide the one we look for. What the matches mean is the journal's decision.
 */
public final class LostCreateSearch {

    /** How much earlier than our own send time the provider's clock may have stamped the prediction. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    /** Pages asked for at most (Replicate: 100 predictions a page). */
    static final int MAX_PAGES = 20;

    private final Instant since;
    private final Set<String> matches = new LinkedHashSet<>();
    private String cursor;
    private int pages;
    private boolean done;
    private String cannotTell;

    public LostCreateSearch(Instant sentAt) {
        this.since = sentAt.minus(CLOCK_SKEW);
    }

    /** Predictions created before this are not the lost one. */
    public Instant since() {
        return since;
    }

    /** The next page's cursor, null for the first page. */
    public String cursor() {
        return cursor;
    }

    /** Route predicate of the page loop: another page is to be asked for. */
    public boolean searching() {
        return !done;
    }

    /** Takes one page in. */
    public void add(RecentPredictions page) {
        matches.addAll(page.matching());
        pages++;
        cursor = page.nextCursor();
        done = cursor == null || pages >= MAX_PAGES;
    }

    /** The provider cannot say (no listing: a proxy answered 404, or its answer is unreadable). */
    public void cannotTell(String why) {
        cannotTell = why;
        done = true;
    }

    /** Why the provider cannot say, or null when it answered. */
    public String cannotTellWhy() {
        return cannotTell;
    }

    /** The ids of every matching prediction, newest first. */
    public List<String> matches() {
        return List.copyOf(matches);
    }
}
