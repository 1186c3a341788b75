package org.ideogramcamel.dialect.wavespeed;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.DataUris;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderError;
import org.ideogramcamel.dialect.ProviderHttpException;
import org.ideogramcamel.job.ImageJob;

/**
 * WaveSpeedAI v3: {@code POST {base}/ideogram-ai/{model}} with a flat JSON body, then
 * {@code GET {base}/predictions/{id}/result} until the task is final. Every answer is the envelope
 * {@code {code, message, data:{id, model, outputs[], has_nsfw_contents[], status, error, ...}}}.
 *
 * <p>The poll URL is rebuilt from the configured base URL and the task id, never taken from
 * {@code data.urls.get}, so the key is never sent to a host the answer names.
 *
 * <p>WaveSpeed's documented body has no negative prompt, resolution, magic prompt, seed, image count or colour
 * palette, so those options are refused rather than dropped. Its mask convention is the opposite of the
 * canonical one (white is regenerated), so masks are inverted before they are sent.
 *
 * <p>WaveSpeed documents no cancel endpoint: {@link #cancel} refuses, which the cancel route logs as a failed
 * best-effort cancel, and the job is dead-lettered as past its deadline without any extra request.
 */
public class WaveSpeedDialect implements ProviderDialect {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> STYLES = Map.of(
            "auto", "Auto", "general", "General", "realistic", "Realistic", "design", "Design",
            "render_3d", "Render 3D", "anime", "Anime");
    private static final List<String> ASPECT_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4");
    private static final Map<String, String> MODELS = Map.of("v2", "ideogram-v2", "v2_turbo", "ideogram-v2-turbo");
    /** A task id goes into a URL path: anything else than these characters is not a WaveSpeed id. */
    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9._~-]{1,200}");

    private final WaveSpeedOptions options;

    public WaveSpeedDialect(WaveSpeedOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "wavespeed";
    }

    @Override
    public URI baseUri() {
        return options.baseUrl();
    }

    @Override
    public String model(ImageJob job) {
        return job.model() == null ? options.model() : MODELS.get(job.model());
    }

    @Override
    public Set<String> operations() {
        return Set.of("generate", "edit");
    }

    @Override
    public List<String> refusals(ImageJob job) {
        List<String> refusals = new ArrayList<>();
        if (job.is("edit") && job.mask() == null) {
            refusals.add("wavespeed: edit needs a mask (black marks the area to regenerate)");
        }
        if (job.mask() != null && !MaskInverter.canRead(job.mask())) {
            refusals.add("wavespeed: mask " + job.mask().getFileName() + " must be inverted for WaveSpeed and this"
                    + " format cannot be decoded; use a PNG, JPEG or GIF mask");
        }
        if (options.apiKey() == null || options.apiKey().isBlank()) {
            refusals.add("wavespeed: no API key; set WAVESPEED_API_KEY or ideogram.providers.wavespeed.api-key");
        }
        if (job.model() != null && !MODELS.containsKey(job.model())) {
            refusals.add("wavespeed: model '" + job.model() + "' is not offered; use v2 or v2_turbo");
        }
        if (job.aspectRatio() != null && !ASPECT_RATIOS.contains(job.aspectRatio())) {
            refusals.add("wavespeed: aspect_ratio " + job.aspectRatio() + " is not offered; use one of "
                    + String.join(" ", ASPECT_RATIOS));
        }
        if (job.negativePrompt() != null) {
            refusals.add("wavespeed: negative_prompt is not supported; remove it or describe what you want in the"
                    + " prompt");
        }
        if (job.resolution() != null) {
            refusals.add("wavespeed: resolution is not supported; use aspect_ratio instead");
        }
        if (job.magicPrompt() != null) {
            refusals.add("wavespeed: magic_prompt is not supported; remove it");
        }
        if (job.seed() != null) {
            refusals.add("wavespeed: seed is not supported; remove it (WaveSpeed picks a random seed)");
        }
        if (job.imagesWanted() > 1) {
            refusals.add("wavespeed: num_images " + job.numImages()
                    + " is not supported; a WaveSpeed task makes one image (use 1, or the ideogram provider)");
        }
        if (job.colorPalette() != null) {
            refusals.add("wavespeed: color_palette is not supported by WaveSpeed's Ideogram models");
        }
        return refusals;
    }

    @Override
    public ProviderCall create(ImageJob job) {
        ObjectNode body = JSON.createObjectNode();
        body.put("prompt", job.prompt());
        body.put("style", job.style() == null ? "Auto" : STYLES.get(job.style()));
        if (job.aspectRatio() != null) {
            body.put("aspect_ratio", job.aspectRatio());
        } else if (!job.is("edit")) {
            // WaveSpeed's own default, sent as its example does; an edit without one keeps the source image's shape
            body.put("aspect_ratio", "1:1");
        }
        body.put("enable_base64_output", options.base64Output());
        if (job.is("edit")) {
            body.put("image", DataUris.of(job.image()));
            // canonical masks mark the area to regenerate in black, WaveSpeed's in white
            body.put("mask_image", DataUris.of(MaskInverter.invert(job.mask())));
        }
        URI uri = URI.create(base() + "/ideogram-ai/" + model(job));
        return new ProviderCall(CallKind.CREATE, "POST", uri, Map.of("Content-Type", "application/json"),
                credentials(), body.toString());
    }

    @Override
    public ProviderCall poll(Prediction prediction) {
        return new ProviderCall(CallKind.POLL, "GET",
                URI.create(base() + "/predictions/" + prediction.id() + "/result"), Map.of(), credentials(), null);
    }

    /** WaveSpeed documents no way to cancel a task: past the deadline it is abandoned, not cancelled. */
    @Override
    public boolean supportsCancel() {
        return false;
    }

    /** Never called (see {@link #supportsCancel()}); a guard in case a route forgets to ask. */
    @Override
    public ProviderCall cancel(Prediction prediction) {
        throw new UnsupportedOperationException("wavespeed has no cancel endpoint; task " + prediction.id()
                + " may still run to completion on WaveSpeed's side");
    }

    @Override
    public Prediction read(CallKind kind, ImageJob job, byte[] body) {
        JsonNode envelope = parse(body);
        requireSuccessCode(kind, envelope);
        JsonNode data = envelope.path("data");
        if (!data.isObject()) {
            throw new IllegalStateException("wavespeed answered " + kind.word() + " without a data object");
        }
        String id = data.path("id").asText(null);
        if (id == null || !TASK_ID.matcher(id).matches()) {
            throw new IllegalStateException("wavespeed answered " + kind.word() + " with no usable task id");
        }
        String status = data.path("status").asText("").toLowerCase(Locale.ROOT);
        Prediction.State state = switch (status) {
            case "created", "processing" -> Prediction.State.PENDING;
            case "completed" -> Prediction.State.SUCCEEDED;
            case "failed", "timeout" -> Prediction.State.FAILED;
            case "cancelled", "canceled", "aborted" -> Prediction.State.CANCELED;
            default -> throw new IllegalStateException("wavespeed answered an unknown task status '"
                    + OneLine.of(status) + "'");
        };
        List<GeneratedImage> images = state == Prediction.State.SUCCEEDED ? images(data) : List.of();
        String error = data.hasNonNull("error") && !data.get("error").asText().isBlank()
                ? OneLine.of(data.get("error").asText()) : null;
        if (state == Prediction.State.SUCCEEDED && images.isEmpty()) {
            state = Prediction.State.FAILED;
            error = "the task completed but its outputs hold no image";
        } else if (state == Prediction.State.FAILED && error == null && status.equals("timeout")) {
            error = "the task timed out on WaveSpeed's side";
        }
        String model = data.path("model").asText(model(job));
        return new Prediction(name(), id, model, state, images, error);
    }

    /** One image per output: a URL to download, or the image itself when base64 output is on. */
    private static List<GeneratedImage> images(JsonNode data) {
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
    private void requireSuccessCode(CallKind kind, JsonNode envelope) {
        JsonNode code = envelope.path("code");
        if (code.isMissingNode() || code.isNull() || code.asInt() == 200) {
            return;
        }
        String message = message(envelope);
        int status = code.asInt();
        if (status >= 400 && status <= 599) {
            // read as the HTTP error it stands for: 4xx are not retried, 429 and 5xx are
            throw new ProviderHttpException(name(), kind, status, message.isEmpty() ? "code " + status : message, null);
        }
        throw new IllegalStateException("wavespeed answered " + kind.word() + " with envelope code " + OneLine.of(
                code.asText()) + (message.isEmpty() ? "" : ": " + message));
    }

    @Override
    public ProviderError error(int status, byte[] body) {
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

    @Override
    public ProviderDialect withCredential(String secret) {
        return new WaveSpeedDialect(new WaveSpeedOptions(options.baseUrl(), secret, options.model(), options.base64Output()));
    }

    private Map<String, String> credentials() {
        return Map.of("Authorization", "Bearer " + options.apiKey());
    }

    private String base() {
        String base = options.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("wavespeed answered something that is not an envelope object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("wavespeed answered malformed JSON: " + OneLine.of(e.getMessage()));
        }
    }

    /** The task id is all it takes: the result URL is rebuilt from the configured base URL. */
    @Override
    public String resumeHandle(Prediction prediction) {
        return prediction.id();
    }

    @Override
    public Prediction resumed(String handle, ImageJob job) {
        if (handle == null || !TASK_ID.matcher(handle).matches()) {
            throw new IllegalStateException("wavespeed cannot resume task '" + handle + "': not a task id");
        }
        return new Prediction(name(), handle, model(job), Prediction.State.PENDING, List.of(), null);
    }
}
