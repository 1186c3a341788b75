package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;
import static org.ideogramcamel.support.StubProvider.json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.job.StoredImage;
import org.ideogramcamel.store.S3Metadata;
import org.ideogramcamel.support.KilledRun;
import org.ideogramcamel.support.S3Stub;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * ideogram.store=s3 against a real S3 API on loopback (S3Proxy, in-process), with the real routes and config and a
 * Replicate stub as the provider: objects, bytes, keys and metadata as a user reads them back from the bucket,
 * an S3 outage that loses nothing, and request-reply callers getting s3:// locations.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/s3/inbox", "ideogram.outbox=target/it/s3/outbox",
            "ideogram.done=target/it/s3/done", "ideogram.failed=target/it/s3/failed",
            "ideogram.state=target/it/s3/state", "ideogram.quarantine=target/it/s3/quarantine",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_TEST_token_42",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=200ms", "ideogram.poll.deadline=5s",
            "ideogram.retry.max-redeliveries=2", "ideogram.retry.initial-delay=50", "ideogram.retry.max-delay=200",
            "ideogram.store=s3",
            "ideogram.s3.bucket=" + S3Stub.BUCKET,
            "ideogram.s3.endpoint-override=" + S3Stub.URL_PLACEHOLDER,
            "ideogram.s3.force-path-style=true",
            "ideogram.s3.access-key=" + S3Stub.ACCESS_KEY,
            "ideogram.s3.secret-key=" + S3Stub.SECRET_KEY
        })
class S3StoreRoutesTest {

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final String ID = "2jycc2v9nnrmc0crap5tv5zaxr";
    static final byte[] PNG = new PlaceholderRenderer().render("stub image", null, "1:1", 1, 7);
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    @RegisterExtension
    static final S3Stub S3 = new S3Stub();

    final TestFolders folders = new TestFolders("s3");

    @Produce
    ProducerTemplate template;

    @BeforeEach
    void reset() throws Exception {
        folders.clean();
        S3.start();
        S3.clear();
        REPLICATE.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
        REPLICATE.stubFor(post(CREATE).willReturn(json(201,
                prediction(ID, "succeeded", REPLICATE.url("/files/one.png"), null))));
    }

    static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    @Test
    void aDroppedFileEndsAsImageAndSidecarObjectsWithMetadata() throws Exception {
        String prompt = "Ein Leuchtturm über der Klippe — dusk";
        folders.drop("lighthouse.json", "{\"prompt\": \"" + prompt + "\", \"seed\": 1234}");
        folders.awaitProcessed("lighthouse.json");

        String image = today() + "/lighthouse-1.png";
        String sidecarKey = today() + "/lighthouse-1.json";
        assertThat(S3.keys()).containsExactly(sidecarKey, image);
        ResponseBytes<GetObjectResponse> object = S3.object(image);
        assertThat(object.asByteArray()).isEqualTo(PNG);
        assertThat(object.response().contentType()).isEqualTo("image/png");
        assertThat(object.response().contentLength()).isEqualTo(PNG.length);
        Map<String, String> metadata = object.response().metadata();
        assertThat(metadata).containsEntry("job", "lighthouse").containsEntry("provider", "replicate")
                .containsEntry("model", "ideogram-ai/ideogram-v2-turbo").containsEntry("seed", "1234")
                .containsEntry("prediction-id", ID);
        assertThat(metadata.get("prompt")).startsWith("=?UTF-8?B?");
        assertThat(S3Metadata.decode(metadata.get("prompt"))).isEqualTo(prompt);

        ResponseBytes<GetObjectResponse> sidecarObject = S3.object(sidecarKey);
        assertThat(sidecarObject.response().contentType()).isEqualTo("application/json");
        JsonNode sidecar = JSON.readTree(sidecarObject.asByteArray());
        assertThat(sidecar.path("prompt").asText()).isEqualTo(prompt);
        assertThat(sidecar.path("file").asText()).isEqualTo("lighthouse-1.png");
        assertThat(sidecar.path("prediction_id").asText()).isEqualTo(ID);
        assertThat(sidecar.path("sha256").asText()).isEqualTo(sha256(PNG));
        assertThat(sidecar.path("bytes").asLong()).isEqualTo(PNG.length);
        assertThat(sidecarObject.asUtf8String()).doesNotContain(S3Stub.SECRET_KEY).doesNotContain("r8_TEST");

        assertThat(folders.files(folders.done())).containsExactly("lighthouse.json");
        assertThat(folders.files(folders.outbox())).isEmpty();
        assertThat(folders.files(spool())).isEmpty();
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
    }

    @Test
    void anExistingObjectIsNeverOverwritten() {
        byte[] earlier = "an earlier image".getBytes(StandardCharsets.UTF_8);
        S3.put(today() + "/fox-1.png", earlier);

        folders.drop("fox.txt", "a red fox");
        folders.awaitProcessed("fox.txt");

        assertThat(S3.keys()).containsExactly(today() + "/fox-1-2.json", today() + "/fox-1-2.png",
                today() + "/fox-1.png");
        assertThat(S3.object(today() + "/fox-1.png").asByteArray()).isEqualTo(earlier);
        assertThat(S3.object(today() + "/fox-1-2.png").asByteArray()).isEqualTo(PNG);
    }

    @Test
    void anS3OutageLosesNothingAndTheStoreRecoversWhenS3IsBack() throws Exception {
        S3.stop();
        folders.drop("outage.json", "{\"prompt\": \"paid for, must not be lost\"}");
        folders.awaitProcessed("outage.json");

        // the image was downloaded and created once: retries uploaded from the held bytes
        REPLICATE.verify(1, postRequestedFor(urlEqualTo(CREATE)));
        REPLICATE.verify(1, getRequestedFor(urlEqualTo("/files/one.png")));
        assertThat(folders.files(folders.serverErrors())).containsExactly("outage-1.json", "outage-1.png",
                "outage.json", "outage.json.image-1.error.json");
        assertThat(TestFolders.bytes(folders.serverErrors().resolve("outage-1.png"))).isEqualTo(PNG);
        JsonNode sidecar = TestFolders.json(folders.serverErrors().resolve("outage-1.json"));
        assertThat(sidecar.path("file").asText()).isEqualTo("outage-1.png");
        assertThat(sidecar.path("sha256").asText()).isEqualTo(sha256(PNG));
        JsonNode record = TestFolders.errorRecord(folders.serverErrors(), "outage.json.image-1");
        String reason = record.path("reason").asText();
        assertThat(reason).doesNotContain("\n").contains("S3").contains("'" + S3Stub.BUCKET + "'")
                .contains("ideogram.s3.endpoint-override").contains("kept in this channel")
                .doesNotContain(S3Stub.SECRET_KEY).doesNotContain(S3Stub.ACCESS_KEY);
        assertThat(record.path("channel").asText()).isEqualTo("server-errors");
        assertThat(record.path("image").asInt()).isEqualTo(1);
        assertThat(record.path("attempts").asInt()).isEqualTo(3);
        assertThat(folders.files(folders.done())).isEmpty();
        assertThat(folders.files(spool())).isEmpty();

        S3.start();
        folders.drop("after.txt", "S3 is back");
        folders.awaitProcessed("after.txt");
        assertThat(S3.keys()).containsExactly(today() + "/after-1.json", today() + "/after-1.png");
        assertThat(folders.files(folders.done())).containsExactly("after.txt");
    }

    @Test
    void requestReplyCallersGetS3Locations() throws Exception {
        List<?> reply = template.requestBodyAndHeaders("direct:ideogram-generate", "A jazz festival poster",
                Map.of("IdeogramJobName", "poster", "IdeogramProvider", "offline"), List.class);

        assertThat(reply).hasSize(1);
        StoredImage stored = (StoredImage) reply.get(0);
        assertThat(stored.location()).isEqualTo("s3://" + S3Stub.BUCKET + "/" + today() + "/poster-1.png");
        assertThat(stored.sidecar()).isEqualTo("s3://" + S3Stub.BUCKET + "/" + today() + "/poster-1.json");
        assertThat(stored.contentType()).isEqualTo("image/png");
        byte[] bytes = S3.object(today() + "/poster-1.png").asByteArray();
        assertThat(stored.sha256()).isEqualTo(sha256(bytes));
        assertThat(stored.bytes()).isEqualTo(bytes.length);
        assertThat(S3.object(today() + "/poster-1.png").response().metadata())
                .containsEntry("prompt", "A jazz festival poster").containsEntry("provider", "offline");
    }

    @Test
    void anImageUploadedJustBeforeTheKillIsNeitherDownloadedNorUploadedAgainOnResume() {
        // the killed run had uploaded both objects but not yet journaled the job stored
        KilledRun.createdBeforeTheKill(java.nio.file.Path.of("target/it/s3/state"), "replicate", "lamp.txt", "a lamp",
                "p-lamp");
        S3.put(today() + "/lamp-1.json", ("{\"job\": \"lamp\", \"source_file\": \"lamp.txt\", \"image\": 1,"
                + " \"file\": \"lamp-1.png\", \"is_image_safe\": true, \"provider\": \"replicate\","
                + " \"prediction_id\": \"p-lamp\", \"content_type\": \"image/png\", \"bytes\": " + PNG.length + "}")
                .getBytes(StandardCharsets.UTF_8));
        S3.put(today() + "/lamp-1.png", PNG);
        REPLICATE.stubFor(get("/v1/predictions/p-lamp").willReturn(json(200,
                prediction("p-lamp", "succeeded", REPLICATE.url("/files/one.png"), null))));

        folders.drop("lamp.txt", "a lamp");
        folders.awaitProcessed("lamp.txt");

        REPLICATE.verify(0, postRequestedFor(urlEqualTo(CREATE)));
        REPLICATE.verify(1, getRequestedFor(urlEqualTo("/v1/predictions/p-lamp")));
        REPLICATE.verify(0, getRequestedFor(urlEqualTo("/files/one.png")));
        assertThat(S3.keys()).containsExactly(today() + "/lamp-1.json", today() + "/lamp-1.png");
        assertThat(folders.files(folders.done())).containsExactly("lamp.txt");
        assertThat(folders.files(folders.serverErrors())).isEmpty();
    }

    private java.nio.file.Path spool() {
        return java.nio.file.Path.of("target/it/s3/state/s3-spool");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void readinessChecksTheSpoolImagesAreUploadedFromNotTheOutbox() {
        // images never touch the outbox with ideogram.store=s3: an unwritable spool is what would fail them
        HealthCheck check = template.getCamelContext().getRegistry()
                .lookupByNameAndType("ideogramFoldersCheck", HealthCheck.class);
        HealthCheck.Result ready = check.call();

        assertThat(ready.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(ready.getMessage()).contains("inbox readable, S3 spool folder writable, quarantine folder writable");
        assertThat(ready.getDetails()).containsEntry("s3-spool", spool().toAbsolutePath().toString())
                .containsKey("quarantine").doesNotContainKey("outbox");
    }
}
