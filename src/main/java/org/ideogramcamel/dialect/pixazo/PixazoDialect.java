package org.ideogramcamel.dialect.pixazo;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ideogramcamel.ImageFormat;
import org.ideogramcamel.dialect.CallKind;
import org.ideogramcamel.dialect.DataUris;
import org.ideogramcamel.dialect.FormPart;
import org.ideogramcamel.dialect.ModelCapabilities;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderError;
import org.ideogramcamel.dialect.ideogram.IdeogramImageRequest;
import org.ideogramcamel.job.ImageJob;

/**
 * The Pixazo gateway (Azure API Management in front of Ideogram 2.0 and 2.0 Turbo): one synchronous
 * {@code POST {base}/ideogramV_2[_Turbo]/v1/{generate|edit|remix|describe}} per job, whose answer is final.
 *
 * <ul>
 * <li>generate: JSON {@code {"image_request":{prompt, model, ...}}} with only the options the job set;</li>
 * <li>edit: multipart {@code image_file}, {@code mask}, {@code prompt}, {@code model}. That form has no other
 * field, so every other option is refused on edit rather than dropped. The mask is sent as the job gave it:
 * Ideogram's convention (black = regenerate) is the canonical one. The seed documents the mask as optional,
 * so an edit without one is sent without one;</li>
 * <li>remix: multipart {@code image_request} (the generate object plus {@code image_weight}, as JSON text) and
 * {@code image_file};</li>
 * <li>describe: multipart {@code image_file}.</li>
 * </ul>
 *
 * <p>Each answer names its image URL differently ({@code url}, {@code edited_image}, {@code image_url}; the Turbo
 * pages use {@code url} everywhere), so each operation reads its own field first and {@code url} after it.
 */
public class PixazoDialect implements ProviderDialect {

    static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> PATHS = Map.of("v2", "ideogramV_2", "v2_turbo", "ideogramV_2_Turbo");
    /** The gateway's documented seed range is 1..9999999999. */
    private static final long MIN_SEED = 1;
    private static final long MAX_SEED = 9_999_999_999L;

    private final PixazoOptions options;

    public PixazoDialect(PixazoOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "pixazo";
    }

    @Override
    public URI baseUri() {
        return options.baseUrl();
    }

    /** {@code V_2} or {@code V_2_TURBO}; null for a model the gateway does not serve (refused). */
    @Override
    public String model(ImageJob job) {
        return PixazoModels.TABLE.row(canonicalModel(job)).map(ModelCapabilities::word).orElse(null);
    }

    /** The gateway's Ideogram 2 operations; it sells none of Ideogram 3's. */
    @Override
    public Set<String> operations() {
        return PixazoModels.TABLE.operations();
    }

    @Override
    public List<String> refusals(ImageJob job) {
        List<String> refusals = new ArrayList<>();
        if (!options.hasSubscriptionKey()) {
            refusals.add("pixazo: no subscription key; set PIXAZO_SUBSCRIPTION_KEY or"
                    + " ideogram.providers.pixazo.subscription-key");
        }
        if (PixazoModels.isV3(job.model())) {
            refusals.add("pixazo: model '" + job.model() + "' is not sold on pixazo: the Pixazo gateway sells Ideogram"
                    + " 2.0 and 2.0 Turbo, not Ideogram 3; use model v2 or v2_turbo, or provider " + PixazoModels.V3_SELLERS);
        } else if (PixazoModels.TABLE.row(canonicalModel(job)).isEmpty()) {
            refusals.add("pixazo: model '" + job.model() + "' is not offered by the Pixazo gateway; use v2 or v2_turbo");
        }
        if (job.resolution() != null) {
            refusals.add("pixazo: resolution is not offered by the Pixazo gateway; use aspect_ratio instead");
        }
        if (job.colorPalette() != null && !job.colorPalette().isPreset()) {
            refusals.add("pixazo: color_palette as a list of colours is not supported; the Pixazo gateway documents"
                    + " preset names only (ember fresh jungle magic melon mosaic pastel ultramarine)");
        }
        if (job.imagesWanted() > 1) {
            refusals.add("pixazo: num_images " + job.numImages() + " is not supported; the Pixazo gateway documents"
                    + " one image per request (use 1)");
        }
        if (job.seed() != null && (job.seed() < MIN_SEED || job.seed() > MAX_SEED)) {
            refusals.add("pixazo: seed " + job.seed() + " is outside the Pixazo gateway's range " + MIN_SEED + ".."
                    + MAX_SEED + "; use a seed from 1, or none for a random one");
        }
        if (job.is("edit")) {
            refuseOnEdit(job, refusals);
        }
        if (refusals.isEmpty()) {
            // what Ideogram 3 added (reference images, style codes and presets, its ratios and styles)
            refusals.addAll(PixazoModels.TABLE.v3Refusals(job, canonicalModel(job)));
        }
        return refusals;
    }

    /** The edit form carries image_file, mask, prompt and model only; anything else would be silently lost. */
    private static void refuseOnEdit(ImageJob job, List<String> refusals) {
        Map<String, Object> unsupported = new LinkedHashMap<>();
        unsupported.put("negative_prompt", job.negativePrompt());
        unsupported.put("aspect_ratio", job.aspectRatio());
        unsupported.put("style", job.style());
        unsupported.put("magic_prompt", job.magicPrompt());
        unsupported.put("seed", job.seed());
        unsupported.put("color_palette", job.colorPalette());
        unsupported.forEach((option, value) -> {
            if (value != null) {
                refusals.add("pixazo: " + option + " is not accepted on edit (the gateway's edit form has only image,"
                        + " mask, prompt and model); remove it, or use remix");
            }
        });
    }

    @Override
    public ProviderCall create(ImageJob job) {
        URI uri = URI.create(base() + "/" + PATHS.get(canonicalModel(job)) + "/v1/" + job.operation());
        return switch (job.operation()) {
            case "generate" -> {
                ObjectNode body = JSON.createObjectNode();
                body.set("image_request", imageRequest(job));
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                headers.put("Cache-Control", "no-cache");
                yield new ProviderCall(CallKind.CREATE, "POST", uri, headers, credentials(), body.toString());
            }
            case "edit" -> {
                List<FormPart> parts = new ArrayList<>();
                parts.add(file("image_file", "image", job.image()));
                if (job.mask() != null) {
                    parts.add(file("mask", "mask", job.mask()));
                }
                parts.add(FormPart.text("prompt", job.prompt()));
                parts.add(FormPart.text("model", model(job)));
                yield ProviderCall.multipart(CallKind.CREATE, uri, Map.of(), credentials(), parts);
            }
            case "remix" -> {
                ObjectNode request = imageRequest(job);
                if (job.imageWeight() != null) {
                    request.put("image_weight", job.imageWeight());
                }
                // a plain form field holding JSON text, as every example of the seed sends it
                yield ProviderCall.multipart(CallKind.CREATE, uri, Map.of(), credentials(), List.of(
                        FormPart.text("image_request", request.toString()), file("image_file", "image", job.image())));
            }
            case "describe" -> ProviderCall.multipart(CallKind.CREATE, uri, Map.of(), credentials(),
                    List.of(file("image_file", "image", job.image())));
            default -> throw new IllegalStateException("pixazo has no call for operation " + job.operation());
        };
    }

    /**
     * The {@code image_request} object of generate and remix: Ideogram's own mapping (the gateway forwards it), less
     * num_images, which the gateway does not document (more than one image is refused before any call).
     */
    private ObjectNode imageRequest(ImageJob job) {
        ObjectNode request = IdeogramImageRequest.of(job, model(job));
        request.remove("num_images");
        return request;
    }

    /**
     * A file part named {@code image.png} / {@code mask.jpg} …: the user's own file names (which may say more than
     * they meant to share, or hold characters a form header mangles) never leave the machine.
     */
    private static FormPart file(String field, String baseName, Path path) {
        byte[] bytes = DataUris.read(path);
        ImageFormat format = ImageFormat.sniff(bytes, bytes.length);
        String extension = format == null ? "bin" : format.extension();
        String type = format == null ? "application/octet-stream" : format.contentType();
        return FormPart.file(field, baseName + "." + extension, type, bytes);
    }

    @Override
    public ProviderCall poll(Prediction prediction) {
        throw new IllegalStateException("pixazo answers synchronously; there is no prediction to poll");
    }

    @Override
    public ProviderCall cancel(Prediction prediction) {
        throw new IllegalStateException("pixazo answers synchronously; there is no prediction to cancel");
    }

    @Override
    public Prediction read(CallKind kind, ImageJob job, byte[] body) {
        return PixazoAnswers.read(name(), model(job), job, body);
    }

    @Override
    public ProviderError error(int status, byte[] body) {
        return PixazoAnswers.error(status, body);
    }

    private String canonicalModel(ImageJob job) {
        return job.model() == null ? options.model() : job.model();
    }

    @Override
    public ProviderDialect withCredential(String secret) {
        return new PixazoDialect(new PixazoOptions(options.baseUrl(), secret, options.model()));
    }

    private Map<String, String> credentials() {
        return Map.of(KEY_HEADER, options.subscriptionKey());
    }

    private String base() {
        String base = options.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

}
