package org.ideogramcamel.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder store (outbox or quarantine) finding, by sidecar, what a killed run wrote for one image. */
class FolderImageLookupTest {

    static final LocalDate TODAY = LocalDate.now();

    @TempDir
    Path folder;

    @Test
    void anImageIsFoundByItsSidecarUnderWhateverNameItGot() throws IOException {
        write("fox-1", "p-earlier", 1, "fox-1.png", true, null);
        write("fox-1-2", "p-2", 1, "fox-1-2.png", true, null);

        EarlierImage found = find("p-2", 1).orElseThrow();

        assertThat(found.outcome()).isEqualTo(EarlierImage.Outcome.STORED);
        assertThat(found.location()).isEqualTo(folder.resolve("fox-1-2.png").toString());
        assertThat(found.stored().sidecar()).isEqualTo(folder.resolve("fox-1-2.json").toString());
    }

    @Test
    void whatBecameOfAnUnsafeImageIsWhatItsSidecarSays() throws IOException {
        write("fox-1", "p-2", 1, "fox-1.png", false, "keep");
        write("fox-2", "p-2", 2, "fox-2.png", false, "quarantine");
        write("fox-3", "p-2", 3, null, false, "skip");

        assertThat(find("p-2", 1).orElseThrow().outcome()).isEqualTo(EarlierImage.Outcome.STORED);
        assertThat(find("p-2", 2).orElseThrow().outcome()).isEqualTo(EarlierImage.Outcome.QUARANTINED);
        EarlierImage skipped = find("p-2", 3).orElseThrow();
        assertThat(skipped.outcome()).isEqualTo(EarlierImage.Outcome.RECORDED_ONLY);
        assertThat(skipped.location()).isEqualTo(folder.resolve("fox-3.json").toString());
    }

    @Test
    void aSidecarWhoseImageNeverLandedDoesNotCount() throws IOException {
        write("fox-1", "p-2", 1, "fox-1.png", true, null);
        Files.delete(folder.resolve("fox-1.png"));

        assertThat(find("p-2", 1)).isEmpty();
        assertThat(new FolderImageStore(folder.resolve("missing")).find(new PredictionImage("fox", "p-2", 1, TODAY)))
                .isEmpty();
    }

    java.util.Optional<EarlierImage> find(String predictionId, int image) throws IOException {
        return new FolderImageStore(folder).find(new PredictionImage("fox", predictionId, image, TODAY));
    }

    void write(String base, String predictionId, int image, String file, boolean safe, String policy)
            throws IOException {
        if (file != null) {
            Files.write(folder.resolve(file), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        }
        Files.writeString(folder.resolve(base + ".json"), """
                {"job": "fox", "image": %d, "file": %s, "is_image_safe": %s, "unsafe_policy": %s,
                 "prediction_id": "%s", "content_type": "image/png", "bytes": 4}""".formatted(image,
                file == null ? "null" : "\"" + file + "\"", safe, policy == null ? "null" : "\"" + policy + "\"",
                predictionId));
    }
}
