package org.ideogramcamel.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replicate answers in the exact shape of the seed documents (shared/seeds/000 and 001): the prediction object
 * with {@code id, model, version, input, logs, output, data_removed, error, status, created_at, urls}. The
 * {@code urls} point at api.replicate.com as a proxy's do, so a test fails if the app ever follows them.
 */
public final class ReplicateSeeds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplicateSeeds() {
    }

    public static String prediction(String id, String status, Object output, String error) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id);
        p.put("model", "ideogram-ai/ideogram-v2-turbo");
        p.put("version", "hidden");
        ObjectNode input = p.putObject("input");
        input.put("aspect_ratio", "1:1");
        input.put("magic_prompt_option", "Auto");
        input.put("prompt", "seeded prompt");
        input.put("resolution", "None");
        input.put("style_type", "None");
        p.put("logs", "");
        if (output == null) {
            p.putNull("output");
        } else if (output instanceof String url) {
            p.put("output", url);
        } else {
            ArrayNode list = p.putArray("output");
            for (Object url : (Iterable<?>) output) {
                list.add(url.toString());
            }
        }
        p.put("data_removed", false);
        if (error == null) {
            p.putNull("error");
        } else {
            p.put("error", error);
        }
        p.put("status", status);
        p.put("created_at", "2025-07-29T09:37:36.685Z");
        ObjectNode urls = p.putObject("urls");
        urls.put("cancel", "https://api.replicate.com/v1/predictions/" + id + "/cancel");
        urls.put("get", "https://api.replicate.com/v1/predictions/" + id);
        urls.put("stream", "https://stream.replicate.com/v1/files/bcwr-" + id);
        urls.put("web", "https://replicate.com/p/" + id);
        return p.toString();
    }

    /**
     * One item of Replicate's list of predictions ({@code GET /v1/predictions}), as a job with this prompt and the
     * app's defaults would have created it: {@code id, model, version, input, status, created_at, urls …}.
     */
    public static ObjectNode listed(String id, String status, String prompt, String createdAt) {
        ObjectNode p = (ObjectNode) read(prediction(id, status, null, null));
        ObjectNode input = (ObjectNode) p.get("input");
        input.put("prompt", prompt);
        p.put("created_at", createdAt);
        p.put("source", "api");
        return p;
    }

    /** A page of the list: {@code {next, previous, results}}; {@code next} a full api.replicate.com URL or null. */
    public static String page(String next, ObjectNode... items) {
        ObjectNode page = JSON.createObjectNode();
        if (next == null) {
            page.putNull("next");
        } else {
            page.put("next", next);
        }
        page.putNull("previous");
        ArrayNode results = page.putArray("results");
        for (ObjectNode item : items) {
            results.add(item);
        }
        return page.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replicate's problem-details error body. */
    public static String problem(int status, String title, String detail) {
        ObjectNode p = JSON.createObjectNode();
        p.put("title", title);
        p.put("detail", detail);
        p.put("status", status);
        return p.toString();
    }
}
