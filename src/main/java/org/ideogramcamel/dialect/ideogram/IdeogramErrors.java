package org.ideogramcamel.dialect.ideogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.OneLine;

/**
 * Reads the message out of an error answer, in any of the shapes Ideogram and its proxies use:
 * {@code {"detail": "..."}} (or FastAPI's {@code {"detail": [{"loc": [...], "msg": "..."}]}}), {@code {"error": "..."}},
 * {@code {"message": "..."}} (a proxy's {@code {code, message, data}} envelope), or plain text.
 */
final class IdeogramErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdeogramErrors() {
    }

    /** One line, possibly empty when the body says nothing. */
    static String message(byte[] body) {
        String raw = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode answer = JSON.readTree(raw);
            if (answer != null && answer.isObject()) {
                for (String field : new String[] {"detail", "error", "message"}) {
                    String text = text(answer.get(field));
                    if (!text.isBlank()) {
                        return OneLine.of(text);
                    }
                }
            }
        } catch (IOException notJson) {
            // plain text or HTML from a gateway: shown as it is
        }
        return OneLine.of(raw);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode item : node) {
                String part = item.isObject() ? validationError(item) : text(item);
                text.append(text.length() > 0 && !part.isBlank() ? "; " : "").append(part);
            }
            return text.toString();
        }
        if (node.isObject()) {
            return text(node.has("message") ? node.get("message") : node.get("msg"));
        }
        return node.asText();
    }

    /** FastAPI's {@code {"loc": ["body", "image_request", "seed"], "msg": "..."}} as {@code image_request.seed: ...}. */
    private static String validationError(JsonNode item) {
        StringBuilder where = new StringBuilder();
        for (JsonNode part : item.path("loc")) {
            if (!"body".equals(part.asText())) {
                where.append(where.length() > 0 ? "." : "").append(part.asText());
            }
        }
        String msg = item.path("msg").asText(item.path("message").asText(""));
        return where.length() > 0 ? where + ": " + msg : msg;
    }

}
