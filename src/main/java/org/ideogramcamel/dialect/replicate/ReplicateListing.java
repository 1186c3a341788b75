package org.ideogramcamel.dialect.replicate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.RecentPredictions;

/**
 * Replicate's list of recent predictions, {@code GET {base}/predictions?created_after=<time>}: newest first, 100 a
 * page, {@code {next, previous, results:[{id, model, input, status, created_at, ...}]}}, the next page behind the
 * cursor in {@code next}. A lost create is the prediction of the same model whose input holds every field the
 * create sent. Replicate keeps no data URIs (an edit's image and mask), so those fields are not compared, and it
 * deletes the inputs of API predictions after about an hour: an older one can no longer be recognised.
 */
final class ReplicateListing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplicateListing() {
    }

    /**
     * The page request. The cursor is the query of the answer's {@code next}, put on the configured base URL: a
     * proxy answers with api.replicate.com URLs, and the credentials must only ever go to the configured origin.
     */
    static ProviderCall call(String base, Map<String, String> credentials, Instant since, String cursor) {
        String query = cursor != null ? cursor
                : "created_after=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8);
        return new ProviderCall(CallKind.LIST, "GET", URI.create(base + "/predictions?" + query), Map.of(),
                credentials, null);
    }

    /** The ids on this page of predictions of {@code model} made from {@code sent} since {@code since}. */
    static RecentPredictions read(byte[] body, String model, ObjectNode sent, Instant since) {
        JsonNode page;
        try {
            page = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON");
        }
        if (page == null || !page.path("results").isArray()) {
            throw new IllegalStateException("no results list");
        }
        List<String> matching = new ArrayList<>();
        boolean olderReached = false;
        for (JsonNode item : page.path("results")) {
            Instant created = instant(item.path("created_at").asText(null));
            if (created != null && created.isBefore(since)) {
                olderReached = true; // newest first: the rest of the list is older still
                continue;
            }
            if (model.equals(item.path("model").asText()) && holdsEverythingSent(item.path("input"), sent)
                    && item.hasNonNull("id")) {
                matching.add(item.get("id").asText());
            }
        }
        return new RecentPredictions(matching, olderReached ? null : cursorOf(page.path("next").asText(null)));
    }

    private static boolean holdsEverythingSent(JsonNode listed, ObjectNode sent) {
        if (!listed.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = sent.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isTextual() && value.asText().startsWith("data:")) {
                continue; // not kept by Replicate
            }
            JsonNode other = listed.get(field.getKey());
            if (other == null || !sameValue(value, other)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(JsonNode sent, JsonNode listed) {
        if (sent.isNumber() && listed.isNumber()) {
            return sent.decimalValue().compareTo(listed.decimalValue()) == 0;
        }
        return sent.equals(listed);
    }

    private static String cursorOf(String next) {
        if (next == null || next.isBlank()) {
            return null;
        }
        try {
            String query = URI.create(next).getRawQuery();
            return query == null || query.isBlank() ? null : query;
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // an unreadable time cannot rule the prediction out
        }
    }
}
