package org.ideogramcamel.dialect.wavespeed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.ProviderError;
import org.ideogramcamel.dialect.ProviderHttpException;

/** Reads WaveSpeed's envelope: its outputs (URLs or base64 images), its own error code and its error answers. */
final class WaveSpeedAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WaveSpeedAnswers() {
    }

    /** One image per output: a URL to download, or the image itself when base64 output is on. */
    static List<GeneratedImage> images(JsonNode data) {
        JsonNode outputs = data.path("outputs");
        JsonNode nsfw = data.path("has_nsfw_contents");
        List<GeneratedImage> images = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            String output = outputs.get(i).asText("").strip();
            if (output.isEmpty()) {
                continue;
            }
            boolean safe = !nsfw.path(i).asBoolean(false);
            int index = images.size() + 1;
            if (isUrl(output)) {
                images.add(new GeneratedImage(index, output, null, null, null, safe));
            } else {
                images.add(new GeneratedImage(index, null, decodeBase64(output, index), null, null, safe));
            }
        }
        return images;
    }

    private static boolean isUrl(String output) {
        String lower = output.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /** Plain base64, or a {@code data:image/png;base64,...} URI: WaveSpeed has been seen sending both. */
    private static byte[] decodeBase64(String output, int index) {
        String payload = output;
        if (output.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = output.indexOf(',');
            payload = comma < 0 ? "" : output.substring(comma + 1);
        }
        try {
            // strict decoder (the MIME one skips foreign characters and would turn any text into "bytes")
            byte[] bytes = Base64.getDecoder().decode(payload.replaceAll("\\s+", ""));
            if (bytes.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("wavespeed output " + index + " is neither an http(s) URL nor a base64"
                    + " image");
        }
    }

    /** A 200 answer may still carry an error in the envelope's own code. */
    static void requireSuccessCode(String provider, CallKind kind, JsonNode envelope) {
        JsonNode code = envelope.path("code");
        if (code.isMissingNode() || code.isNull() || code.asInt() == 200) {
            return;
        }
        String message = message(envelope);
        int status = code.asInt();
        if (status >= 400 && status <= 599) {
            // read as the HTTP error it stands for: 4xx are not retried, 429 and 5xx are
            throw new ProviderHttpException(provider, kind, status, message.isEmpty() ? "code " + status : message, null);
        }
        throw new IllegalStateException("wavespeed answered " + kind.word() + " with envelope code " + OneLine.of(
                code.asText()) + (message.isEmpty() ? "" : ": " + message));
    }

    static ProviderError error(int status, byte[] body) {
        String message;
        try {
            JsonNode envelope = JSON.readTree(body);
            message = envelope != null && envelope.isObject() ? message(envelope) : "";
            if (message.isEmpty()) {
                message = new String(body, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException notJson) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        return new ProviderError(OneLine.of(message.isBlank() ? "HTTP " + status : message), null);
    }

    /** The envelope's message and, when it says more, data.error. */
    private static String message(JsonNode envelope) {
        String message = envelope.path("message").asText("").strip();
        String error = envelope.path("data").path("error").asText("").strip();
        if (error.isEmpty() || error.equals(message)) {
            return OneLine.of(message);
        }
        return OneLine.of(message.isEmpty() ? error : message + ": " + error);
    }

}
