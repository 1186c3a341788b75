package org.ideogramcamel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class S3KeyTemplateTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    @Test
    void theDefaultPutsImagesUnderTheirDate() {
        S3KeyTemplate template = S3KeyTemplate.parse(S3KeyTemplate.DEFAULT);
        String key = template.imageKey(DAY, "lighthouse", "2", "png");
        assertThat(key).isEqualTo("2026-12-01/lighthouse-2.png");
        assertThat(S3KeyTemplate.sidecarKey(key, "png")).isEqualTo("2026-12-01/lighthouse-2.json");
        assertThat(template.imageKey(DAY, "batch-3", "1-2", "jpg")).isEqualTo("2026-12-01/batch-3-1-2.jpg");
    }

    @Test
    void aTemplateWithoutExtensionGetsTheSidecarAppended() {
        String key = S3KeyTemplate.parse("images/{job}/{n}").imageKey(DAY, "fox", "1", "webp");
        assertThat(key).isEqualTo("images/fox/1");
        assertThat(S3KeyTemplate.sidecarKey(key, "webp")).isEqualTo("images/fox/1.json");
    }

    @Test
    void theKeysOfOneImageAreKnownWhateverItsFormatAndSuffix() {
        S3KeyTemplate template = S3KeyTemplate.parse(S3KeyTemplate.DEFAULT);
        java.util.regex.Pattern keys = template.imageKeys(DAY, "fox", 1);
        assertThat(template.keyPrefix(DAY, "fox")).isEqualTo("2026-12-01/fox-");
        assertThat(java.util.List.of("2026-12-01/fox-1.png", "2026-12-01/fox-1-2.jpg", "2026-12-01/fox-1.json",
                "2026-12-01/fox-10.png", "2026-12-01/fox-2.png", "2026-12-02/fox-1.png", "2026-12-01/fox-1.png.bak"))
                .filteredOn(key -> keys.matcher(key).matches())
                .containsExactly("2026-12-01/fox-1.png", "2026-12-01/fox-1-2.jpg", "2026-12-01/fox-1.json");

        S3KeyTemplate bare = S3KeyTemplate.parse("images/{job}/{n}");
        assertThat(bare.keyPrefix(DAY, "fox")).isEqualTo("images/fox/");
        assertThat(java.util.List.of("images/fox/1", "images/fox/1-3", "images/fox/1.json", "images/fox/12"))
                .filteredOn(key -> bare.imageKeys(DAY, "fox", 1).matcher(key).matches())
                .containsExactly("images/fox/1", "images/fox/1-3");
    }

    @Test
    void typosAndAmbiguousTemplatesFailAtStartUpWithTheFix() {
        assertThatThrownBy(() -> S3KeyTemplate.parse("{day}/{job}-{n}.{ext}"))
                .hasMessage("ideogram.s3.key-template={day}/{job}-{n}.{ext} has an unknown placeholder {day};"
                        + " use {date} {job} {n} {ext}");
        assertThatThrownBy(() -> S3KeyTemplate.parse("{date}/{job}.{ext}")).hasMessageContaining("must contain {job} and {n}");
        assertThatThrownBy(() -> S3KeyTemplate.parse("/{job}-{n}.{ext}")).hasMessageContaining("no leading slash");
    }
}
