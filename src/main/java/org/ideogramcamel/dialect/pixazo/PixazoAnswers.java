package org.ideogramcamel.dialect.pixazo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderError;
import org.ideogramcamel.job.ImageJob;

/**
 * Reads the Pixazo gateway's answers: each operation names its image URL differently ({@code url},
 * {@code edited_image}, {@code image_url}), describe answers {@code description}, and errors come from APIM,
 * the service behind it or a proxy in between.
 */
final class PixazoAnswers {

    private static final String PROVIDER = "pixazo";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** APIM's throttling message: "Rate limit is exceeded. Try again in 5 seconds." */
    private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in (\\d+) seconds?");

    private PixazoAnswers() {
    }

    static Prediction read(String provider, String model, ImageJob job, byte[] body) {
        JsonNode data = parse(body).path("data");
        return job.is("describe") ? description(model, data) : images(model, job, data);
    }

    private static Prediction description(String model, JsonNode data) {
        List<String> descriptions = new ArrayList<>();
        for (JsonNode entry : data.isArray() ? data : List.of(data)) {
            String text = entry.path("description").asText("");
            if (!text.isBlank()) {
                descriptions.add(text.strip());
            }
        }
        if (descriptions.isEmpty()) {
            return failed(model, "pixazo answered the describe call without a description");
        }
        return Prediction.described(PROVIDER, model, descriptions);
    }

    private static Prediction images(String requested, ImageJob job, JsonNode data) {
        List<String> urlFields = switch (job.operation()) {
            case "edit" -> List.of("edited_image", "url");
            case "remix" -> List.of("image_url", "url");
            default -> List.of("url");
        };
        if (!data.isArray()) {
            return failed(requested, "pixazo answered without a data list of images");
        }
        List<GeneratedImage> images = new ArrayList<>();
        String model = requested;
        for (JsonNode entry : data) {
            int index = images.size() + 1;
            boolean safe = entry.path("is_image_safe").asBoolean(true);
            String url = firstText(entry, urlFields);
            if (safe && url == null) {
                return failed(requested, "pixazo answered image " + index + " without an image URL (expected "
                        + String.join(" or ", urlFields) + ")");
            }
            // the entry's own seed (the gateway picks one when the job set none), else the job's
            Long seed = entry.path("seed").isIntegralNumber() ? Long.valueOf(entry.get("seed").asLong()) : job.seed();
            images.add(new GeneratedImage(index, url, null, seed, entry.path("resolution").asText(null), safe));
            model = entry.path("model_used").asText(model);
        }
        if (images.isEmpty()) {
            return failed(requested, "pixazo answered without any image (data is empty)");
        }
        return new Prediction(PROVIDER, null, model, Prediction.State.SUCCEEDED, images, null);
    }

    private static Prediction failed(String model, String why) {
        return new Prediction(PROVIDER, null, model, Prediction.State.FAILED, List.of(), why);
    }

    /**
     * APIM answers {@code {"statusCode": 401, "message": "..."}}; the service behind it {@code {"error": ...}} or
     * {@code {"detail": ...}}; a proxy in between may answer plain text or HTML.
     */
    static ProviderError error(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String message = null;
        try {
            JsonNode answer = JSON.readTree(body);
            if (answer != null && answer.isObject()) {
                JsonNode error = answer.path("error");
                message = firstText(answer, List.of("message", "detail", "title"));
                if (message == null && error.isTextual()) {
                    message = error.asText();
                } else if (message == null && error.isObject()) {
                    message = firstText(error, List.of("message", "detail", "code"));
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // plain text (or HTML) answers are read as they are
        }
        message = OneLine.of(message != null ? message : text.replaceAll("<[^>]*>", " "));
        Matcher tryAgain = TRY_AGAIN.matcher(message);
        Duration retryAfter = tryAgain.find() ? Duration.ofSeconds(Long.parseLong(tryAgain.group(1))) : null;
        return new ProviderError(message.isBlank() ? "HTTP " + status : message, retryAfter);
    }

    private static String firstText(JsonNode node, List<String> fields) {
        for (String field : fields) {
            JsonNode value = node.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("pixazo answered something that is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("pixazo answered malformed JSON: " + OneLine.of(e.getMessage()));
        }
    }
}
