package org.ideogramcamel.dialect.ideogram;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.FormPart;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.ModelCapabilities;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderError;
import org.ideogramcamel.job.ImageJob;

/**
 * Ideogram's own API and proxies of it. The v1/v2 models in its legacy shapes: {@code POST {base}/generate} with
 * {@code {"image_request":{...}}}, and multipart {@code {base}/edit}, {@code {base}/remix}, {@code {base}/describe};
 * Ideogram 3 as multipart forms to {@code {base}/v1/ideogram-v3/{generate|remix|edit|inpaint|reframe|
 * replace-background}} (see {@link IdeogramV3Form}).
 *
 * <p>Every call is synchronous: the create answer is final ({@code {created, data:[{url, prompt, resolution,
 * is_image_safe, seed}]}}), so there is nothing to poll or cancel. The answer's URLs expire after 24 hours; the
 * routes download them at once.
 */
public class IdeogramDialect implements ProviderDialect {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdeogramOptions options;

    public IdeogramDialect(IdeogramOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "ideogram";
    }

    @Override
    public URI baseUri() {
        return options.baseUrl();
    }

    @Override
    public String model(ImageJob job) {
        return job.model() == null ? options.model()
                : IdeogramModels.TABLE.row(job.model()).map(ModelCapabilities::word).orElse(null);
    }

    /** The job's model, else the configured one, in canonical words. */
    private String canonicalModel(ImageJob job) {
        return job.model() != null ? job.model()
                : IdeogramModels.TABLE.byWord(options.model()).map(ModelCapabilities::model).orElseThrow();
    }

    @Override
    public List<String> refusals(ImageJob job) {
        String canonical = canonicalModel(job);
        List<String> refusals = new ArrayList<>();
        if (!IdeogramModels.isV3(canonical)) {
            refusals.addAll(IdeogramRefusals.of(job, model(job), options.hasApiKey()));
            if (refusals.isEmpty()) {
                refusals.addAll(IdeogramModels.TABLE.v3Refusals(job, canonical));
            }
            return refusals;
        }
        if (!options.hasApiKey()) {
            refusals.add("ideogram: no API key; set IDEOGRAM_API_KEY or ideogram.providers.ideogram.api-key");
        }
        refusals.addAll(IdeogramModels.TABLE.refusals(job, canonical));
        refusals.addAll(IdeogramV3Refusals.of(job));
        return refusals;
    }

    @Override
    public ProviderCall create(ImageJob job) {
        String canonical = canonicalModel(job);
        if (IdeogramModels.isV3(canonical) && !job.is("describe")) {
            return multipart(IdeogramV3Form.path(job), IdeogramV3Form.parts(job, canonical));
        }
        return switch (job.operation()) {
            case "edit" -> multipart("/edit", editParts(job));
            case "remix" -> multipart("/remix", List.of(
                    FormPart.json("image_request", IdeogramImageRequest.forRemix(job, model(job)).toString()),
                    file("image_file", job.image())));
            case "describe" -> multipart("/describe", List.of(file("image_file", job.image())));
            default -> generate(job);
        };
    }

    @Override
    public ProviderCall poll(Prediction prediction) {
        throw new IllegalStateException("ideogram answers synchronously; there is no pending prediction to poll");
    }

    @Override
    public ProviderCall cancel(Prediction prediction) {
        throw new IllegalStateException("ideogram answers synchronously; there is no pending prediction to cancel");
    }

    @Override
    public Prediction read(CallKind kind, ImageJob job, byte[] body) {
        JsonNode answer = parse(body);
        if (job.is("describe")) {
            List<String> texts = new ArrayList<>();
            answer.path("descriptions").forEach(d -> texts.add(d.path("text").asText("")));
            texts.removeIf(String::isBlank);
            return texts.isEmpty()
                    ? failed(job, "ideogram answered describe without any description text")
                    : Prediction.described(name(), model(job), texts);
        }
        List<GeneratedImage> images = new ArrayList<>();
        for (JsonNode entry : answer.path("data")) {
            GeneratedImage image = image(images.size() + 1, entry);
            if (image.safe() && image.url() == null) {
                return failed(job, "ideogram answered image " + image.index() + " as safe but without a url");
            }
            images.add(image);
        }
        return images.isEmpty()
                ? failed(job, "ideogram answered without any image in data")
                : new Prediction(name(), null, model(job), Prediction.State.SUCCEEDED, images, null);
    }

    @Override
    public ProviderError error(int status, byte[] body) {
        String message = IdeogramErrors.message(body);
        return new ProviderError(message.isBlank() ? "HTTP " + status : message, null);
    }

    private ProviderCall generate(ImageJob job) {
        ObjectNode body = JSON.createObjectNode();
        body.set("image_request", IdeogramImageRequest.of(job, model(job)));
        return new ProviderCall(CallKind.CREATE, "POST", uri("/generate"),
                Map.of("Content-Type", "application/json", "Accept", "application/json"), credentials(),
                body.toString());
    }

    private List<FormPart> editParts(ImageJob job) {
        List<FormPart> parts = new ArrayList<>();
        parts.add(file("image_file", job.image()));
        // Ideogram's mask convention is the canonical one (black = regenerate), so the mask is sent as it is
        parts.add(file("mask", job.mask()));
        parts.add(FormPart.text("prompt", job.prompt()));
        parts.add(FormPart.text("model", model(job)));
        if (job.magicPrompt() != null) {
            parts.add(FormPart.text("magic_prompt_option", IdeogramImageRequest.word(job.magicPrompt())));
        }
        if (job.numImages() != null) {
            parts.add(FormPart.text("num_images", job.numImages().toString()));
        }
        if (job.seed() != null) {
            parts.add(FormPart.text("seed", job.seed().toString()));
        }
        if (job.style() != null) {
            parts.add(FormPart.text("style_type", IdeogramImageRequest.word(job.style())));
        }
        return parts;
    }

    private ProviderCall multipart(String path, List<FormPart> parts) {
        return ProviderCall.multipart(CallKind.CREATE, uri(path), Map.of("Accept", "application/json"),
                credentials(), parts);
    }

    private static FormPart file(String name, Path image) {
        return IdeogramV3Form.file(name, image);
    }

    /** An unsafe entry is recorded, never downloaded: its url is often empty. */
    private static GeneratedImage image(int index, JsonNode entry) {
        String url = entry.path("url").asText("");
        Long seed = entry.path("seed").canConvertToLong() && entry.path("seed").isIntegralNumber()
                ? entry.get("seed").asLong() : null;
        String resolution = entry.hasNonNull("resolution") ? entry.get("resolution").asText() : null;
        boolean safe = entry.path("is_image_safe").asBoolean(true);
        return new GeneratedImage(index, url.isBlank() ? null : url, null, seed, resolution, safe);
    }

    private Prediction failed(ImageJob job, String error) {
        return new Prediction(name(), null, model(job), Prediction.State.FAILED, List.of(), error);
    }

    @Override
    public ProviderDialect withCredential(String secret) {
        return new IdeogramDialect(new IdeogramOptions(options.baseUrl(), secret, options.authHeader(), options.model()));
    }

    private Map<String, String> credentials() {
        return IdeogramOptions.BEARER.equals(options.authHeader())
                ? Map.of("Authorization", "Bearer " + options.apiKey())
                : Map.of("Api-Key", options.apiKey());
    }

    private URI uri(String path) {
        String base = options.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("ideogram answered something that is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("ideogram answered malformed JSON: "
                    + OneLine.of(String.valueOf(e.getMessage())));
        }
    }
}
