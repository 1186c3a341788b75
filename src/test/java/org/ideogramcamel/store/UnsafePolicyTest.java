package org.ideogramcamel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ideogramcamel.dialect.GeneratedImage;
import org.junit.jupiter.api.Test;

/** Where each image goes under each ideogram.unsafe policy. */
class UnsafePolicyTest {

    static final GeneratedImage SAFE = new GeneratedImage(1, "https://cdn.example/1.png", null, 1L, null, true);
    static final GeneratedImage FLAGGED = new GeneratedImage(2, "https://cdn.example/2.png", null, 2L, null, false);
    static final GeneratedImage FLAGGED_INLINE = new GeneratedImage(3, null, new byte[] {1}, null, null, false);
    static final GeneratedImage FLAGGED_EMPTY = new GeneratedImage(4, null, null, 4L, null, false);

    @Test
    void aSafeImageGoesToTheOutboxWhateverThePolicy() {
        for (String policy : UnsafePolicy.POLICIES) {
            assertThat(new UnsafePolicy(policy).decide(SAFE)).isEqualTo(UnsafeDecision.SAFE);
        }
    }

    @Test
    void quarantineIsTheDefaultAndFetchesTheImageIntoTheQuarantineStore() {
        UnsafePolicy policy = new UnsafePolicy(null);
        assertThat(policy.policy()).isEqualTo("quarantine");
        UnsafeDecision decision = policy.decide(FLAGGED);
        assertThat(decision.recordOnly()).isFalse();
        assertThat(decision.quarantined()).isTrue();
        assertThat(decision.note()).contains("quarantine");
        assertThat(policy.decide(FLAGGED_INLINE).quarantined()).isTrue();
    }

    @Test
    void skipOnlyRecordsInTheOutbox() {
        UnsafeDecision decision = new UnsafePolicy("skip").decide(FLAGGED);
        assertThat(decision.recordOnly()).isTrue();
        assertThat(decision.quarantined()).isFalse();
        assertThat(decision.policy()).isEqualTo("skip");
    }

    @Test
    void keepStoresInTheOutbox() {
        UnsafeDecision decision = new UnsafePolicy("KEEP").decide(FLAGGED);
        assertThat(decision.recordOnly()).isFalse();
        assertThat(decision.quarantined()).isFalse();
        assertThat(decision.unsafe()).isTrue();
    }

    @Test
    void aFlaggedImageWithNothingToFetchIsOnlyRecordedAndTheNoteSaysWhy() {
        UnsafeDecision quarantine = new UnsafePolicy("quarantine").decide(FLAGGED_EMPTY);
        assertThat(quarantine.recordOnly()).isTrue();
        assertThat(quarantine.quarantined()).as("recorded in the quarantine folder").isTrue();
        assertThat(quarantine.note()).contains("neither a URL nor the image");
        UnsafeDecision keep = new UnsafePolicy("keep").decide(FLAGGED_EMPTY);
        assertThat(keep.recordOnly()).isTrue();
        assertThat(keep.quarantined()).isFalse();
    }

    @Test
    void anUnknownPolicyStopsStartUpWithTheChoices() {
        assertThatThrownBy(() -> new UnsafePolicy("delete"))
                .hasMessage("ideogram.unsafe=delete is not valid; use quarantine (set unsafe images aside in"
                        + " ideogram.quarantine), skip (record only) or keep (store them in the outbox)");
    }
}
