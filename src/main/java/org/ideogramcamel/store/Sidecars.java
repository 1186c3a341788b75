package org.ideogramcamel.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ideogramcamel.ImageFormat;

/**
 * Builds the metadata written beside every image. It holds what a user needs to reproduce or audit the image
 * and never a credential or a provider URL (signed URLs can carry secrets).
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
        sidecar.put("model", context.prediction().model());
        sidecar.put("prediction_id", context.prediction().id());
        sidecar.put("job_started_at", context.progress().startedAt().toString());
        if (context.spend() != null) {
            sidecar.put("spend", context.spend());
        }
        return sidecar;
    }
}
