package org.ideogramcamel.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.ideogramcamel.ImageFormat;
import org.ideogramcamel.job.StoredImage;

/**
 * Builds the metadata written beside every image. It holds what a user needs to reproduce or audit the image
 * and never a credential or a provider URL (signed URLs can carry secrets). Read back after a restart, it says
 * what a killed run already made of an image ({@link #describes}, {@link #earlier}), whichever store holds it.
 */
final class Sidecars {

    private Sidecars() {
    }

    /** The sidecar of a stored image. */
    static Map<String, Object> stored(StoreContext context, String fileName, ImageFormat format, long bytes,
            String sha256) {
        Map<String, Object> sidecar = common(context);
        sidecar.put("image", context.image().index());
        sidecar.put("file", fileName);
        sidecar.put("is_image_safe", !context.unsafe().unsafe());
        putUnsafePolicy(sidecar, context);
        sidecar.put("seed", context.image().seed());
        sidecar.put("resolution", context.image().resolution());
        sidecar.put("content_type", format.contentType());
        sidecar.put("bytes", bytes);
        sidecar.put("sha256", sha256);
        sidecar.put("stored_at", Instant.now().toString());
        return sidecar;
    }

    /** The record of an image the provider flagged as unsafe and that was not downloaded (see its note). */
    static Map<String, Object> unsafe(StoreContext context) {
        Map<String, Object> sidecar = common(context);
        sidecar.put("image", context.image().index());
        sidecar.put("file", null);
        sidecar.put("is_image_safe", false);
        putUnsafePolicy(sidecar, context);
        sidecar.put("seed", context.image().seed());
        sidecar.put("resolution", context.image().resolution());
        sidecar.put("recorded_at", Instant.now().toString());
        return sidecar;
    }

    /** What a describe job produced. */
    static Map<String, Object> description(StoreContext context) {
        Map<String, Object> sidecar = common(context);
        sidecar.put("image", context.job().image() == null ? null : context.job().image().getFileName().toString());
        sidecar.put("descriptions", context.prediction().descriptions());
        sidecar.put("stored_at", Instant.now().toString());
        return sidecar;
    }

    /** Whether this sidecar was written for that image: the same job, prediction and image number. */
    static boolean describes(JsonNode sidecar, PredictionImage image) {
        return image.job().equals(sidecar.path("job").asText(null))
                && image.predictionId().equals(sidecar.path("prediction_id").asText(null))
                && sidecar.path("image").asInt(-1) == image.index();
    }

    /** The name of the image the sidecar stands beside; null for the record of an image that was not downloaded. */
    static String file(JsonNode sidecar) {
        JsonNode file = sidecar.path("file");
        return file.isTextual() && !file.asText().isBlank() ? file.asText() : null;
    }

    /**
     * What became of the image, as its sidecar says: an image under {@code unsafe_policy: quarantine} was set
     * aside; any other image that was written (safe, or unsafe under keep) is a result; no file, only recorded.
     * The policy is read from the sidecar, not the configuration: it says what was done then.
     */
    static EarlierImage earlier(JsonNode sidecar, String imageLocation, String sidecarLocation) {
        if (file(sidecar) == null) {
            return new EarlierImage(EarlierImage.Outcome.RECORDED_ONLY, sidecarLocation,
                    new StoredImage(sidecarLocation, sidecarLocation, null, 0, null));
        }
        StoredImage stored = new StoredImage(imageLocation, sidecarLocation, sidecar.path("content_type").asText(null),
                sidecar.path("bytes").asLong(), sidecar.path("sha256").asText(null));
        boolean quarantined = !sidecar.path("is_image_safe").asBoolean(true)
                && "quarantine".equals(sidecar.path("unsafe_policy").asText(null));
        return new EarlierImage(quarantined ? EarlierImage.Outcome.QUARANTINED : EarlierImage.Outcome.STORED,
                imageLocation, stored);
    }

    /** {@code unsafe_policy} and its note for a flagged image; nothing for a safe one. */
    private static void putUnsafePolicy(Map<String, Object> sidecar, StoreContext context) {
        if (context.unsafe().unsafe()) {
            sidecar.put("unsafe_policy", context.unsafe().policy());
            sidecar.put("note", context.unsafe().note());
        }
    }

    private static Map<String, Object> common(StoreContext context) {
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("job", context.job().name());
        sidecar.put("source_file", context.source() == null ? null : context.source().fileName());
        if (context.source() != null && context.source().line() != null) {
            sidecar.put("source_line", context.source().line());
        }
        sidecar.put("operation", context.job().operation());
        sidecar.put("prompt", context.job().prompt());
        sidecar.put("options", context.job().options());
        sidecar.put("provider", context.prediction().provider());
        if (context.failover() != null) {
            sidecar.put("failover", context.failover());
        }
        sidecar.put("model", context.prediction().model());
        sidecar.put("prediction_id", context.prediction().id());
        sidecar.put("job_started_at", context.progress().startedAt().toString());
        if (context.spend() != null) {
            sidecar.put("spend", context.spend());
        }
        return sidecar;
    }
}
