package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.ReplicateSeeds;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Jobs that name a source image or mask: the files are read only from inside the inbox (no path, link or
 * absolute name leads out of it), must be images, and reach the provider as the job named them.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/source-images/inbox", "ideogram.outbox=target/it/source-images/outbox",
            "ideogram.state=target/it/source-images/state",
            "ideogram.done=target/it/source-images/done", "ideogram.failed=target/it/source-images/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_source_images",
            "ideogram.max-image-size=100000"
        })
class SourceImageRoutesTest {

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    static final byte[] PHOTO = new PlaceholderRenderer().render("photo", null, "1:1", 1, 3);
    static final byte[] MASK = new PlaceholderRenderer().render("mask", null, "1:1", 1, 4);
    final TestFolders folders = new TestFolders("source-images");


    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        Files.createDirectories(folders.inbox().resolve("images"));
        Files.write(folders.inbox().resolve("images/photo.png"), PHOTO);
        Files.write(folders.inbox().resolve("images/mask.png"), MASK);
        Files.writeString(folders.inbox().resolve("images/notes.png"), "not really a png");
        Files.write(folders.inbox().resolve("images/huge.png"), new byte[200_000]);
        Path outside = Path.of("target/it/source-images/outside.png");
        Files.write(outside, PHOTO);
        Files.createSymbolicLink(folders.inbox().resolve("images/link.png"), outside.toAbsolutePath());
        REPLICATE.stubFor(post(CREATE).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(ReplicateSeeds.prediction("edit1", "succeeded", REPLICATE.url("/files/out.png"), null))));
        REPLICATE.stubFor(get("/files/out.png").willReturn(aResponse().withBody(PHOTO)));
    }

    @Test
    void editSendsTheImageAndMaskFromInsideTheInbox() throws IOException {
        folders.drop("fix.json", """
                {"operation": "edit", "prompt": "a red door", "image": "images/photo.png", "mask": "images/mask.png"}""");
        folders.awaitProcessed("fix.json");

        assertThat(folders.files(folders.outbox())).containsExactly("fix-1.json", "fix-1.png");
        JsonNode body = new ObjectMapper().readTree(
                REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE))).get(0).getBodyAsString());
        assertThat(dataUri(body.path("input").path("image").asText())).isEqualTo(PHOTO);
        assertThat(dataUri(body.path("input").path("mask").asText())).isEqualTo(MASK);
        assertThat(body.path("input").path("prompt").asText()).isEqualTo("a red door");
        JsonNode sidecar = TestFolders.json(folders.outbox().resolve("fix-1.json"));
        assertThat(sidecar.path("options").path("operation").asText()).isEqualTo("edit");
        assertThat(sidecar.path("options").path("image").asText()).isEqualTo("photo.png");
        assertThat(folders.files(folders.inbox().resolve("images"))).contains("photo.png", "mask.png");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "escape.json  | ../outside.png           | leaves the inbox",
        "deep.json    | images/../../outside.png | leaves the inbox",
        "absolute.json| /etc/hostname            | is an absolute path",
        "missing.json | images/nope.png          | does not exist in the inbox",
        "notimage.json| images/notes.png         | is not a PNG, JPEG, WebP or GIF image",
        "link.json    | images/link.png          | is a link that leaves the inbox",
        "big.json     | images/huge.png          | over the 100000-byte limit (ideogram.max-image-size)"
    })
    void sourceImagesThatAreNotSafeToReadAreRefusedWithoutACall(String file, String image, String reason) {
        folders.drop(file, "{\"operation\": \"edit\", \"prompt\": \"x\", \"image\": \"" + image
                + "\", \"mask\": \"images/mask.png\"}");
        folders.awaitProcessed(file);

        JsonNode record = TestFolders.json(folders.clientErrors().resolve(file + ".error.json"));
        assertThat(record.path("reason").asText()).startsWith("image: ").contains(reason);
        REPLICATE.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void operationsReplicateDoesNotOfferAreRefused() {
        folders.drop("remix.json", "{\"operation\": \"remix\", \"prompt\": \"x\", \"image\": \"images/photo.png\"}");
        folders.drop("describe.json", "{\"operation\": \"describe\", \"image\": \"images/photo.png\"}");
        folders.awaitProcessed("remix.json");
        folders.awaitProcessed("describe.json");

        assertThat(TestFolders.json(folders.clientErrors().resolve("remix.json.error.json")).path("reason").asText())
                .isEqualTo("replicate: operation remix is not offered; replicate offers generate, edit;"
                        + " use the ideogram or pixazo provider");
        assertThat(TestFolders.json(folders.clientErrors().resolve("describe.json.error.json")).path("reason").asText())
                .startsWith("replicate: operation describe is not offered");
        REPLICATE.verify(0, anyRequestedFor(anyUrl()));
    }

    private static byte[] dataUri(String uri) {
        assertThat(uri).startsWith("data:image/png;base64,");
        return Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
    }
}
