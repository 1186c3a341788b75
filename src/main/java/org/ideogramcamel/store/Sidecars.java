package org.ideogramcamel.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ideogramcamel.ImageFormat;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobSource;

/**
 * Builds the metadata written beside every image. It holds what a user needs to reproduce or audit the image
 * and never a credential or a provider URL (signed URLs can carry secrets).
 */
public final class Sidecars {

    private Sidecars() {
    }

    public static Map<String, Object> of(JobSource source, ImageJob job, Prediction prediction, GeneratedImage image,
            String fileName, ImageFormat format, long bytes, String sha256, Instant startedAt) {
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("job", job.name());
        sidecar.put("source_file", source == null ? null : source.fileName());
        if (source != null && source.line() != null) {
            sidecar.put("source_line", source.line());
        }
        sidecar.put("image", image.index());
        sidecar.put("file", fileName);
        sidecar.put("is_image_safe", true);
        sidecar.put("prompt", job.prompt());
        sidecar.put("options", job.options());
        sidecar.put("provider", prediction.provider());
        sidecar.put("model", prediction.model());
        sidecar.put("prediction_id", prediction.id());
        sidecar.put("seed", image.seed());
        sidecar.put("resolution", image.resolution());
        sidecar.put("content_type", format.contentType());
        sidecar.put("bytes", bytes);
        sidecar.put("sha256", sha256);
        sidecar.put("job_started_at", startedAt.toString());
        sidecar.put("stored_at", Instant.now().toString());
        return sidecar;
    }

    /** The record of an image the provider flagged as unsafe: no file, never downloaded. */
    public static Map<String, Object> unsafe(JobSource source, ImageJob job, Prediction prediction,
            GeneratedImage image, Instant startedAt) {
        Map<String, Object> sidecar = common(source, job, prediction, startedAt);
        sidecar.put("image", image.index());
        sidecar.put("file", null);
        sidecar.put("is_image_safe", false);
        sidecar.put("note", "the provider flagged this image as unsafe; it was not downloaded");
        sidecar.put("seed", image.seed());
        sidecar.put("resolution", image.resolution());
        sidecar.put("recorded_at", Instant.now().toString());
        return sidecar;
    }

    /** What a describe job produced. */
    public static Map<String, Object> description(JobSource source, ImageJob job, Prediction prediction,
            Instant startedAt) {
        Map<String, Object> sidecar = common(source, job, prediction, startedAt);
        sidecar.put("image", job.image() == null ? null : job.image().getFileName().toString());
        sidecar.put("descriptions", prediction.descriptions());
        sidecar.put("stored_at", Instant.now().toString());
        return sidecar;
    }

    private static Map<String, Object> common(JobSource source, ImageJob job, Prediction prediction,
            Instant startedAt) {
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("job", job.name());
        sidecar.put("source_file", source == null ? null : source.fileName());
        if (source != null && source.line() != null) {
            sidecar.put("source_line", source.line());
        }
        sidecar.put("operation", job.operation());
        sidecar.put("prompt", job.prompt());
        sidecar.put("options", job.options());
        sidecar.put("provider", prediction.provider());
        sidecar.put("model", prediction.model());
        sidecar.put("prediction_id", prediction.id());
        sidecar.put("job_started_at", startedAt.toString());
        return sidecar;
    }
}
