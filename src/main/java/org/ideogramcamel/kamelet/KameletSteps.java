package org.ideogramcamel.kamelet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.RouteCredential;
import org.ideogramcamel.flow.JobDesk;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.StoredImage;

/**
 * The steps of the {@code ideogram-image-action} and {@code ideogram-image-sink} Kamelets (kamelets/*.kamelet.yaml).
 * A Kamelet's template writes each of its parameters to an exchange property {@code IdeogramKamelet.<parameter>}
 * (an unset optional parameter is empty); {@link #options} turns the ones that are set into the documented
 * {@code Ideogram<Field>} headers of {@code direct:ideogram-generate} and {@code seda:ideogram-jobs}, so an unset
 * parameter leaves the caller's own header or the body's field alone, and the job goes through the same validation,
 * journal, budget and dead letters as every other job.
 */
public class KameletSteps {

    /** Prefix of the exchange properties a Kamelet template writes its parameters to. */
    public static final String PREFIX = "IdeogramKamelet.";
    /** The Kamelet parameter that carries a provider credential for this route only. */
    public static final String API_KEY = "apiKey";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Kamelet parameter → job field (the header is {@code Ideogram} + the field in PascalCase). */
    static final Map<String, String> FIELDS = fields();

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("provider", "provider");
        fields.put("model", "model");
        fields.put("operation", "operation");
        fields.put("aspectRatio", "aspect_ratio");
        fields.put("resolution", "resolution");
        fields.put("style", "style");
        fields.put("magicPrompt", "magic_prompt");
        fields.put("negativePrompt", "negative_prompt");
        fields.put("seed", "seed");
        fields.put("numImages", "num_images");
        fields.put("colorPalette", "color_palette");
        fields.put("image", "image");
        fields.put("mask", "mask");
        fields.put("imageWeight", "image_weight");
        return Map.copyOf(fields);
    }

    /**
     * Kamelet step: the parameters that are set become {@code Ideogram<Field>} headers ({@code jobName} becomes
     * {@code IdeogramJobName}); an {@code apiKey} becomes the job's {@link RouteCredential}, bound to the Kamelet's
     * own {@code provider}. Every {@code IdeogramKamelet.*} property is removed, so the key never stays on the
     * exchange as text.
     */
    public void options(Exchange exchange) {
        String kamelet = exchange.getProperty(PREFIX + "name", "an ideogram Kamelet", String.class);
        FIELDS.forEach((parameter, field) -> {
            String value = parameter(exchange, parameter);
            if (value != null) {
                exchange.getMessage().setHeader(JobDesk.headerFor(field), value);
            }
        });
        String jobName = parameter(exchange, "jobName");
        if (jobName != null) {
            exchange.getMessage().setHeader(JobDesk.JOB_NAME_HEADER, jobName);
        }
        String provider = parameter(exchange, "provider");
        String secret = parameter(exchange, API_KEY);
        exchange.getProperties().keySet().removeIf(name -> name.startsWith(PREFIX));
        if (secret != null) {
            if (provider == null) {
                throw new IllegalArgumentException(kamelet + ": apiKey is set but provider is not; name the provider"
                        + " the key belongs to (provider=replicate, wavespeed, ideogram or pixazo), it is sent to no other");
            }
            exchange.setProperty(RouteCredential.PROPERTY, new RouteCredential(provider, secret));
        }
    }

    /**
     * Kamelet step (always, also when the job failed): the route's credential leaves the caller's exchange, and so
     * does the last provider call, whose credential headers it carries.
     */
    public void forgetCredential(Exchange exchange) {
        exchange.removeProperty(RouteCredential.PROPERTY);
        exchange.removeProperty(ExchangeKeys.CALL);
    }

    /**
     * Kamelet step of the action: the reply of {@code direct:ideogram-generate} as JSON, {@code {"job", "provider",
     * "images": [{"location", "sidecar", "content_type", "bytes", "sha256"}]}}.
     */
    public String reply(Exchange exchange) {
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        List<?> results = exchange.getMessage().getBody(List.class);
        ObjectNode reply = JSON.createObjectNode();
        reply.put("job", job == null ? null : job.name());
        reply.put("provider", job == null ? null : job.provider());
        ArrayNode images = reply.putArray("images");
        for (Object result : results == null ? List.of() : results) {
            StoredImage stored = (StoredImage) result;
            ObjectNode image = images.addObject();
            image.put("location", stored.location());
            image.put("sidecar", stored.sidecar());
            image.put("content_type", stored.contentType());
            image.put("bytes", stored.bytes());
            image.put("sha256", stored.sha256());
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return reply.toString();
    }

    private static String parameter(Exchange exchange, String parameter) {
        String value = exchange.getProperty(PREFIX + parameter, String.class);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
