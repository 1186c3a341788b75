package org.ideogramcamel.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class S3MetadataTest {

    @Test
    void asciiValuesStayReadable() {
        Map<String, String> metadata = S3Metadata.of("fox", "a red fox", "replicate", "ideogram-ai/ideogram-v2", 42L,
                "abc123");
        assertThat(metadata).containsExactly(Map.entry("job", "fox"), Map.entry("provider", "replicate"),
                Map.entry("model", "ideogram-ai/ideogram-v2"), Map.entry("seed", "42"),
                Map.entry("prediction-id", "abc123"), Map.entry("prompt", "a red fox"));
    }

    @Test
    void nonAsciiAndLineBreaksBecomeRfc2047EncodedWords() {
        assertThat(S3Metadata.encode("über")).isEqualTo("=?UTF-8?B?w7xiZXI=?=");
        assertThat(S3Metadata.encode("two\nlines")).startsWith("=?UTF-8?B?");
        assertThat(S3Metadata.encode("=?looks encoded?=")).startsWith("=?UTF-8?B?");
        for (String value : new String[] {"über", "two\nlines", "猫 🐱", "=?looks encoded?="}) {
            String encoded = S3Metadata.encode(value);
            assertThat(encoded.chars()).allMatch(c -> c >= 0x20 && c <= 0x7E);
            assertThat(S3Metadata.decode(encoded)).isEqualTo(value);
        }
    }

    @Test
    void aLongPromptIsCutToFitS3sTwoKilobyteLimitAndSaysSo() {
        String prompt = "ein Leuchtturm über der Klippe 🌊 ".repeat(300);
        Map<String, String> metadata = S3Metadata.of("long", prompt, "offline", "placeholder", null, null);

        int total = metadata.entrySet().stream()
                .mapToInt(e -> (e.getKey() + e.getValue()).getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(total).isLessThanOrEqualTo(2048);
        assertThat(metadata).containsEntry("prompt-truncated", "true").doesNotContainKey("seed");
        String decoded = S3Metadata.decode(metadata.get("prompt"));
        assertThat(decoded).endsWith("...");
        assertThat(prompt).startsWith(decoded.substring(0, decoded.length() - 3));
        assertThat(decoded.length()).isGreaterThan(500);
    }
}
