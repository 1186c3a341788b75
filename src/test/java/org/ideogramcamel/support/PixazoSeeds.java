package org.ideogramcamel.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Pixazo gateway answers in the exact shapes of shared/seeds/004: {@code {created, data:[...]}} whose entries name
 * the image URL {@code url} (generate), {@code edited_image} (edit) or {@code image_url} (remix);
 * {@code {created, data:{description}}} for describe; and Azure API Management's {@code {statusCode, message}}
 * error body.
 */
public final class PixazoSeeds {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATED = "2024-11-01T10:06:14.744267+00:00";

    private PixazoSeeds() {
    }

    /** One entry of a generate answer: is_image_safe, prompt, resolution, seed, style_type, url. */
    public static ObjectNode generated(String url, boolean safe, long seed) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("is_image_safe", safe);
        entry.put("prompt", "A serene tropical beach scene...");
        entry.put("resolution", "800x1280");
        entry.put("seed", seed);
        entry.put("style_type", "REALISTIC");
        entry.put("url", url);
        return entry;
    }

    /** One entry of a V_2 edit answer: the image is {@code edited_image}. */
    public static ObjectNode edited(String url) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("is_image_safe", true);
        entry.put("prompt", "Enhance brightness and remove text");
        entry.put("original_image", "url_to_original_image");
        entry.put("edited_image", url);
        entry.put("model_used", "V_2");
        return entry;
    }

    /** One entry of a V_2 remix answer: the image is {@code image_url}. */
    public static ObjectNode remixed(String url) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("is_image_safe", true);
        entry.put("prompt", "A serene tropical beach scene...");
        entry.put("resolution", "800x1280");
        entry.put("image_weight", 50);
        entry.put("image_url", url);
        entry.put("model_used", "V_2");
        return entry;
    }

    /** {@code {created, data:[entries]}}. */
    public static String answer(ObjectNode... entries) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("created", CREATED);
        ArrayNode data = answer.putArray("data");
        for (ObjectNode entry : entries) {
            data.add(entry);
        }
        return answer.toString();
    }

    /** {@code {created, data:{description}}}. */
    public static String described(String description) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("created", CREATED);
        answer.putObject("data").put("description", description);
        return answer.toString();
    }

    /** Azure API Management's own error body. */
    public static String apim(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("statusCode", status);
        body.put("message", message);
        return body.toString();
    }

    public static final String INVALID_KEY = "Access denied due to invalid subscription key. Make sure to provide a"
            + " valid key for an active subscription.";
}
