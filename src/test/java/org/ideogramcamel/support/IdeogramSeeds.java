package org.ideogramcamel.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Ideogram answers in the exact shape of the seed document (shared/seeds/003): {@code {created, data:[{url,
 * prompt, resolution, is_image_safe, seed}]}}, the describe answer {@code {descriptions:[{text}]}}, and the
 * proxy's error envelope {@code {code, message, data: null}}.
 */
public final class IdeogramSeeds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdeogramSeeds() {
    }

    /** One {@code data[]} entry. */
    public static ObjectNode entry(String url, String resolution, boolean safe, long seed) {
        ObjectNode e = JSON.createObjectNode();
        e.put("url", url);
        e.put("prompt", "A serene tropical beach scene. Dominating the foreground are tall palm trees.");
        e.put("resolution", resolution);
        e.put("is_image_safe", safe);
        e.put("seed", seed);
        return e;
    }

    /** The generate/edit/remix answer holding these entries. */
    public static String images(ObjectNode... entries) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("created", "2000-01-23T04:56:07Z");
        ArrayNode data = answer.putArray("data");
        for (ObjectNode e : entries) {
            data.add(e);
        }
        return answer.toString();
    }

    public static String descriptions(String... texts) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("descriptions");
        for (String text : texts) {
            list.addObject().put("text", text);
        }
        return answer.toString();
    }

    /** The proxy's error envelope from the seed's response schema. */
    public static String proxyError(String code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        e.putNull("data");
        return e.toString();
    }
}
