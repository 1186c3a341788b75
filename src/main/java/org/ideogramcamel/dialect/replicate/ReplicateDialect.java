package org.ideogramcamel.dialect.replicate;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.ModelCapabilities;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderError;
import org.ideogramcamel.dialect.RecentPredictions;
import org.ideogramcamel.job.ImageJob;

/**
 * Replicate and Replicate-compatible proxies: {@code POST {base}/models/ideogram-ai/{model}/predictions} with
 * {@code {"input":{...}}}, then {@code GET {base}/predictions/{id}} until the prediction is final.
 *
 * <p>Poll and cancel URLs are rebuilt from the configured base URL and the prediction id, never taken from the
 * answer's {@code urls}: a proxy answers with api.replicate.com URLs, and following them would send the proxy's
 * key to another host.
 */
public class ReplicateDialect implements ProviderDialect {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReplicateOptions options;

    public ReplicateDialect(ReplicateOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "replicate";
    }

    @Override
    public URI baseUri() {
        return options.baseUrl();
    }

    @Override
    public String model(ImageJob job) {
        return ReplicateInput.modelPath(job, canonicalModel(job), options.model());
    }

    /** The job's model, else the configured one, in canonical words; null for a configured model of no table. */
    private String canonicalModel(ImageJob job) {
        return job.model() != null ? job.model()
                : ReplicateModels.TABLE.byWord(options.model()).map(ModelCapabilities::model).orElse(null);
    }

    @Override
    public Set<String> operations() {
        return ReplicateModels.TABLE.operations();
    }

    @Override
    public List<String> refusals(ImageJob job) {
        String canonical = canonicalModel(job);
        if (ReplicateModels.isV3(canonical)) {
            List<String> refusals = new ArrayList<>();
            ModelCapabilities row = ReplicateModels.rowFor(job, canonical);
            refusals.addAll(row == null ? ReplicateModels.TABLE.refusals(job, canonical)
                    : ReplicateModels.TABLE.refusals(job, row));
            if (job.is("edit") && job.mask() == null) {
                refusals.add("replicate: edit needs a mask (black marks the area to regenerate)");
            }
            if (!options.hasApiToken()) {
                refusals.add("replicate: no API token; set REPLICATE_API_TOKEN or ideogram.providers.replicate.api-token");
            }
            return refusals;
        }
        List<String> refusals = v2Refusals(job);
        if (refusals.isEmpty() && canonical != null) {
            refusals.addAll(ReplicateModels.TABLE.v3Refusals(job, canonical));
        }
        return refusals;
    }

    /** The checks of the v1/v2 models, as they were before the capability table. */
    private List<String> v2Refusals(ImageJob job) {
        List<String> refusals = new ArrayList<>();
        if (job.is("edit") && job.mask() == null) {
            refusals.add("replicate: edit needs a mask (black marks the area to regenerate)");
        }
        if (options.apiToken() == null || options.apiToken().isBlank()) {
            refusals.add("replicate: no API token; set REPLICATE_API_TOKEN or ideogram.providers.replicate.api-token");
        }
        if (job.model() != null && ReplicateModels.TABLE.row(job.model()).isEmpty()) {
            refusals.add("replicate: model '" + job.model() + "' is not offered; use one of v2 v2_turbo v2a v2a_turbo"
                    + " v3_turbo v3_balanced v3_quality");
        }
        if (job.imagesWanted() > 1) {
            refusals.add("replicate: num_images " + job.numImages()
                    + " is not supported; a Replicate prediction makes one image (use 1, or the ideogram provider)");
        }
        if (job.colorPalette() != null) {
            refusals.add("replicate: color_palette is not supported by Replicate's Ideogram models");
        }
        String model = model(job);
        if (job.negativePrompt() != null && model != null && model.startsWith("ideogram-v2a")) {
            refusals.add("replicate: negative_prompt is not supported by " + model);
        }
        return refusals;
    }

    @Override
    public ProviderCall create(ImageJob job) {
        ObjectNode body = JSON.createObjectNode();
        body.set("input", input(job));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (options.preferWait() > 0) {
            headers.put("Prefer", "wait=" + options.preferWait());
        }
        if (options.cancelAfterHeader() != null) {
            headers.put("Cancel-After", options.cancelAfterHeader());
        }
        URI uri = URI.create(base() + "/models/ideogram-ai/" + model(job) + "/predictions");
        return new ProviderCall(CallKind.CREATE, "POST", uri, headers, credentials(), body.toString());
    }

    /** The create's {@code input}, in Replicate's words (also what a lost create is matched on). */
    private ObjectNode input(ImageJob job) {
        return ReplicateInput.of(job, canonicalModel(job));
    }

    @Override
    public ProviderCall poll(Prediction prediction) {
        return new ProviderCall(CallKind.POLL, "GET", URI.create(base() + "/predictions/" + prediction.id()),
                Map.of(), credentials(), null);
    }

    @Override
    public ProviderCall cancel(Prediction prediction) {
        return new ProviderCall(CallKind.CANCEL, "POST",
                URI.create(base() + "/predictions/" + prediction.id() + "/cancel"), Map.of(), credentials(), null);
    }

    @Override
    public Prediction read(CallKind kind, ImageJob job, byte[] body) {
        JsonNode answer = parse(body);
        String id = answer.path("id").asText(null);
        String status = answer.path("status").asText("").toLowerCase(Locale.ROOT);
        Prediction.State state = switch (status) {
            case "succeeded" -> Prediction.State.SUCCEEDED;
            case "failed" -> Prediction.State.FAILED;
            case "canceled", "cancelled", "aborted" -> Prediction.State.CANCELED;
            case "starting", "processing" -> Prediction.State.PENDING;
            default -> throw new IllegalStateException("replicate answered an unknown prediction status '" + status
                    + "'");
        };
        List<GeneratedImage> images = new ArrayList<>();
        if (state == Prediction.State.SUCCEEDED) {
            JsonNode output = answer.path("output");
            List<String> urls = new ArrayList<>();
            if (output.isTextual()) {
                urls.add(output.asText());
            } else if (output.isArray()) {
                output.forEach(u -> urls.add(u.asText()));
            }
            Long seed = job.seed();
            for (int i = 0; i < urls.size(); i++) {
                images.add(new GeneratedImage(i + 1, urls.get(i), null, seed, job.resolution()));
            }
            if (images.isEmpty()) {
                state = Prediction.State.FAILED;
            }
        }
        String error = answer.hasNonNull("error") ? OneLine.of(answer.get("error").asText()) : null;
        if ("aborted".equals(status) && error == null) {
            error = "aborted by replicate: its Cancel-After deadline passed before it started (not billed)";
        }
        if (state == Prediction.State.FAILED && error == null && images.isEmpty()) {
            error = "the prediction succeeded but its output holds no image URL";
        }
        String model = answer.path("model").asText(model(job));
        return new Prediction(name(), id, model, state, images, error);
    }

    @Override
    public ProviderError error(int status, byte[] body) {
        Duration retryAfter = null;
        String message;
        try {
            JsonNode answer = JSON.readTree(body);
            StringBuilder text = new StringBuilder(answer.path("detail").asText(answer.path("title").asText("")));
            for (JsonNode field : answer.path("invalid_fields")) {
                text.append(text.length() > 0 ? "; " : "")
                        .append(field.path("field").asText()).append(": ").append(field.path("description").asText());
            }
            if (answer.path("retry_after").isNumber()) {
                retryAfter = Duration.ofMillis((long) (answer.get("retry_after").asDouble() * 1000));
            }
            message = text.length() > 0 ? text.toString() : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException notJson) {
            message = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
        return new ProviderError(OneLine.of(message.isBlank() ? "HTTP " + status : message), retryAfter);
    }

    @Override
    public ProviderDialect withCredential(String secret) {
        return new ReplicateDialect(new ReplicateOptions(options.baseUrl(), secret, options.model(), options.preferWait()));
    }

    private Map<String, String> credentials() {
        return Map.of("Authorization", "Bearer " + options.apiToken());
    }

    private String base() {
        String base = options.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("replicate answered something that is not a prediction object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("replicate answered malformed JSON: " + OneLine.of(e.getMessage()));
        }
    }

    /** The prediction id is all it takes: poll URLs are rebuilt from the configured base URL. */
    @Override
    public String resumeHandle(Prediction prediction) {
        return prediction.id();
    }

    @Override
    public Prediction resumed(String handle, ImageJob job) {
        return new Prediction(name(), handle, model(job), Prediction.State.PENDING, List.of(), null);
    }

    /** Replicate lists recent predictions with their model and input (see {@link ReplicateListing}). */
    @Override
    public boolean canFindLostCreates() {
        return true;
    }

    @Override
    public ProviderCall listRecent(ImageJob job, Instant since, String cursor) {
        return ReplicateListing.call(base(), credentials(), since, cursor);
    }

    @Override
    public RecentPredictions readRecent(ImageJob job, Instant since, byte[] body) {
        return ReplicateListing.read(body, "ideogram-ai/" + model(job), input(job), since);
    }
}
