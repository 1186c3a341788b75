package org.ideogramcamel.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.ideogramcamel.support.S3Stub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The S3 store finding, in a real S3 API (S3Proxy), what a killed run uploaded for one image. */
class S3ImageLookupTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    static final LocalDate YESTERDAY = TODAY.minusDays(1);

    @RegisterExtension
    static final S3Stub S3 = new S3Stub();

    final S3ImageStore store = store();

    @BeforeEach
    void emptyBucket() {
        S3.clear();
    }

    @Test
    void anImageUploadedJustBeforeMidnightIsFoundUnderTheDayOfItsCreate() throws Exception {
        upload(YESTERDAY + "/fox-1", "p-1", 1);

        EarlierImage found = store.find(new PredictionImage("fox", "p-1", 1, YESTERDAY)).orElseThrow();

        assertThat(found.outcome()).isEqualTo(EarlierImage.Outcome.STORED);
        assertThat(found.location()).isEqualTo("s3://" + S3Stub.BUCKET + "/" + YESTERDAY + "/fox-1.png");
        assertThat(found.stored().sidecar()).isEqualTo("s3://" + S3Stub.BUCKET + "/" + YESTERDAY + "/fox-1.json");
        assertThat(store.find(new PredictionImage("fox", "p-1", 1, TODAY))).isEmpty();
    }

    @Test
    void onlyTheObjectsOfThatPredictionAndImageCountAndTheImageMustBeThere() throws Exception {
        upload(TODAY + "/fox-1", "p-earlier", 1); // the same file dropped before: another prediction
        upload(TODAY + "/fox-1-2", "p-2", 1);
        upload(TODAY + "/fox-2", "p-2", 2);
        S3.put(TODAY + "/fox-3.json", sidecar("p-2", 3)); // killed between the sidecar and the image

        assertThat(store.find(new PredictionImage("fox", "p-2", 1, TODAY))).get()
                .extracting(EarlierImage::location).isEqualTo("s3://" + S3Stub.BUCKET + "/" + TODAY + "/fox-1-2.png");
        assertThat(store.find(new PredictionImage("fox", "p-2", 3, TODAY))).isEmpty();
        assertThat(store.find(new PredictionImage("fox", "p-3", 1, TODAY))).isEmpty();
    }

    static void upload(String base, String predictionId, int image) {
        S3.put(base + ".json", sidecar(predictionId, image));
        S3.put(base + ".png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    static byte[] sidecar(String predictionId, int image) {
        return ("{\"job\": \"fox\", \"image\": " + image + ", \"file\": \"fox-" + image + ".png\", \"is_image_safe\": true,"
                + " \"prediction_id\": \"" + predictionId + "\", \"content_type\": \"image/png\", \"bytes\": 4}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static S3ImageStore store() {
        S3Options options = new S3Options(S3Stub.BUCKET, "us-east-1", URI.create(System.getProperty(S3Stub.URL_PROPERTY)),
                true, S3Stub.ACCESS_KEY, S3Stub.SECRET_KEY, S3KeyTemplate.parse(S3KeyTemplate.DEFAULT));
        var client = S3Clients.build(options);
        return new S3ImageStore(options, () -> client, null,
                Clock.fixed(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60), ZoneOffset.UTC));
    }
}
