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
    void typosAndAmbiguousTemplatesFailAtStartUpWithTheFix() {
        assertThatThrownBy(() -> S3KeyTemplate.parse("{day}/{job}-{n}.{ext}"))
                .hasMessage("ideogram.s3.key-template={day}/{job}-{n}.{ext} has an unknown placeholder {day};"
                        + " use {date} {job} {n} {ext}");
        assertThatThrownBy(() -> S3KeyTemplate.parse("{date}/{job}.{ext}")).hasMessageContaining("must contain {job} and {n}");
        assertThatThrownBy(() -> S3KeyTemplate.parse("/{job}-{n}.{ext}")).hasMessageContaining("no leading slash");
    }
}
