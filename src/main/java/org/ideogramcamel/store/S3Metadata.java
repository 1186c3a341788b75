package org.ideogramcamel.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user metadata ({@code x-amz-meta-*}) of an image object: job, prompt, provider, model, seed, prediction-id.
 *
 * <p>S3 sends metadata as HTTP headers, which carry US-ASCII only. A value with any other character (or a control
 * character such as a line break) is sent as an RFC 2047 encoded word, {@code =?UTF-8?B?<base64 of UTF-8>?=},
 * the form S3 itself uses for non-ASCII metadata, so any MIME library decodes it. S3 limits user metadata to
 * 2 KB, so a long prompt is cut to fit and {@code prompt-truncated: true} is added; the sidecar always holds the
 * whole prompt.
 */
public final class S3Metadata {

    /** S3's limit for all user metadata (keys and values, UTF-8 bytes) is 2048; keep a margin. */
    static final int BUDGET = 2000;

    private S3Metadata() {
    }

    public static Map<String, String> of(String job, String prompt, String provider, String model, Long seed,
            String predictionId) {
        Map<String, String> metadata = new LinkedHashMap<>();
        put(metadata, "job", job);
        put(metadata, "provider", provider);
        put(metadata, "model", model);
        put(metadata, "seed", seed == null ? null : seed.toString());
        put(metadata, "prediction-id", predictionId);
        if (prompt != null) {
            int used = metadata.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
            int room = BUDGET - used - "prompt".length() - "prompt-truncated".length() - "true".length();
            String encoded = encode(prompt);
            if (encoded.length() <= room) {
                metadata.put("prompt", encoded);
            } else {
                metadata.put("prompt", truncated(prompt, room));
                metadata.put("prompt-truncated", "true");
            }
        }
        return metadata;
    }

    /** The value as is when it is printable US-ASCII, else an RFC 2047 encoded word. */
    public static String encode(String value) {
        boolean plain = value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)
                && !(value.startsWith("=?") && value.endsWith("?="));
        return plain ? value
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** Reverses {@link #encode}: what a reader of the object does with a value. */
    public static String decode(String value) {
        if (value.startsWith("=?UTF-8?B?") && value.endsWith("?=")) {
            return new String(Base64.getDecoder().decode(value.substring(10, value.length() - 2)),
                    StandardCharsets.UTF_8);
        }
        return value;
    }

    private static String truncated(String prompt, int room) {
        int end = prompt.length();
        String encoded;
        do {
            end = Math.max(0, end - Math.max(1, (end / 8)));
            if (end > 0 && Character.isLowSurrogate(prompt.charAt(end))) {
                end--;
            }
            encoded = encode(prompt.substring(0, end) + "...");
        } while (encoded.length() > room && end > 0);
        return encoded;
    }

    private static void put(Map<String, String> metadata, String key, String value) {
        if (value != null && !value.isBlank()) {
            metadata.put(key, encode(value));
        }
    }
}
