package org.ideogramcamel.dialect.wavespeed;

import java.io.IOException;
import java.net.URI;
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
import org.ideogramcamel.dialect.ModelCapabilities;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderError;
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
        return job.model() == null ? options.model()
                : WaveSpeedModels.TABLE.row(job.model()).map(ModelCapabilities::word).orElse(null);
    }

    /** The job's model, else the configured one, in canonical words; null for a configured model of no table. */
    private String canonicalModel(ImageJob job) {
        return job.model() != null ? job.model()
                : WaveSpeedModels.TABLE.byWord(options.model()).map(ModelCapabilities::model).orElse(null);
    }

    @Override
    public Set<String> operations() {
        return Set.of("generate", "edit");
    }

    @Override
    public List<String> refusals(ImageJob job) {
        return WaveSpeedRefusals.of(job, canonicalModel(job), options.apiKey() != null && !options.apiKey().isBlank());
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
        // at most three, checked by the capability table before any call
        job.styleReferenceImages().forEach(p -> body.withArray("reference_images").add(DataUris.of(p)));
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
        WaveSpeedAnswers.requireSuccessCode(name(), kind, envelope);
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
        List<GeneratedImage> images = state == Prediction.State.SUCCEEDED ? WaveSpeedAnswers.images(data) : List.of();
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

    @Override
    public ProviderError error(int status, byte[] body) {
        return WaveSpeedAnswers.error(status, body);
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
