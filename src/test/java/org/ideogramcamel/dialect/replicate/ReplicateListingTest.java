package org.ideogramcamel.dialect.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.support.ReplicateSeeds.listed;
import static org.ideogramcamel.support.ReplicateSeeds.page;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.RecentPredictions;
import org.ideogramcamel.job.ImageJob;
import org.junit.jupiter.api.Test;

/** Reading Replicate's list of recent predictions in the shape its API documents, to find a lost create. */
class ReplicateListingTest {

    final ReplicateDialect dialect = new ReplicateDialect(new ReplicateOptions(
            URI.create("https://proxy.example/replicate/v1"), "r8_token", "ideogram-v2-turbo", 60));
    final ImageJob job = new ImageJob("fox", "a red fox", null, null, null, null, null, null, null, null, null,
            "replicate", "generate", null, null, null);
    final Instant since = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void onlyPredictionsOfTheSameModelAndInputSinceTheCreateMatch() {
        var otherModel = listed("p-model", "succeeded", "a red fox", "2026-12-01T10:00:05Z");
        otherModel.put("model", "ideogram-ai/ideogram-v2");
        var otherSeed = listed("p-seed", "succeeded", "a red fox", "2026-12-01T10:00:04Z");
        otherSeed.with("input").put("aspect_ratio", "16:9");
        byte[] body = page("https://api.replicate.com/v1/predictions?cursor=abc%3D",
                listed("p-mine", "processing", "a red fox", "2026-12-01T10:00:06Z"), otherModel, otherSeed,
                listed("p-other", "succeeded", "a blue fox", "2026-12-01T10:00:03Z"))
                .getBytes(StandardCharsets.UTF_8);

        RecentPredictions read = dialect.readRecent(job, since, body);

        assertThat(read.matching()).containsExactly("p-mine");
        assertThat(read.nextCursor()).isEqualTo("cursor=abc%3D");
        ProviderCall next = dialect.listRecent(job, since, read.nextCursor());
        assertThat(next.uri()).hasToString("https://proxy.example/replicate/v1/predictions?cursor=abc%3D");
    }

    @Test
    void aPageReachingPredictionsOlderThanTheCreateIsTheLast() {
        byte[] body = page("https://api.replicate.com/v1/predictions?cursor=more",
                listed("p-old", "succeeded", "a red fox", "2026-12-01T09:59:59Z")).getBytes(StandardCharsets.UTF_8);

        RecentPredictions read = dialect.readRecent(job, since, body);

        assertThat(read.matching()).isEmpty();
        assertThat(read.nextCursor()).isNull();
        assertThat(dialect.listRecent(job, since, null).uri())
                .hasToString("https://proxy.example/replicate/v1/predictions?created_after=2026-12-01T10%3A00%3A00Z");
    }
}
