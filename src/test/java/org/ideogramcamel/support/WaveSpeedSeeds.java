package org.ideogramcamel.support;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * WaveSpeedAI answers in the exact shape of the seed document (shared/seeds/002): the envelope
 * {@code {code, message, data:{id, model, outputs[], urls:{get}, has_nsfw_contents[], status, created_at, error,
 * timings:{inference}}}}. {@code urls.get} points at api.wavespeed.ai, so a test fails if the app ever follows it.
 */
public final class WaveSpeedSeeds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WaveSpeedSeeds() {
    }

    /** A task with no outputs yet (created, processing) or without images (failed). */
    public static String task(String id, String status, String error) {
        return task(id, status, List.of(), List.of(), error);
    }

    /** A completed task whose outputs are all safe. */
    public static String completed(String id, String... outputs) {
        return task(id, "completed", List.of(outputs), List.of(outputs).stream().map(o -> false).toList(), "");
    }

    public static String task(String id, String status, List<String> outputs, List<Boolean> nsfw, String error) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("code", 200);
        envelope.put("message", "success");
        ObjectNode data = envelope.putObject("data");
        data.put("id", id);
        data.put("model", "ideogram-ai/ideogram-v2");
        ArrayNode list = data.putArray("outputs");
        outputs.forEach(list::add);
        data.putObject("urls").put("get", "https://api.wavespeed.ai/api/v3/predictions/" + id + "/result");
        ArrayNode flags = data.putArray("has_nsfw_contents");
        nsfw.forEach(flags::add);
        data.put("status", status);
        data.put("created_at", "2023-04-01T12:34:56.789Z");
        data.put("error", error == null ? "" : error);
        data.putObject("timings").put("inference", "completed".equals(status) ? 4213 : 0);
        return envelope.toString();
    }

    /** An error envelope: WaveSpeed's code and message, no data. */
    public static String problem(int code, String message) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("code", code);
        envelope.put("message", message);
        envelope.putNull("data");
        return envelope.toString();
    }
}
