package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded defaults a new user runs first: the offline provider from config/application.properties (no
 * key, no network) through the same routes, producing real PNG placeholders of the asked shape.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.inbox=target/it/offline/inbox", "ideogram.outbox=target/it/offline/outbox",
            "ideogram.state=target/it/offline/state",
            "ideogram.done=target/it/offline/done", "ideogram.failed=target/it/offline/failed"
        })
class OfflineRoutesTest {

    final TestFolders folders = new TestFolders("offline");

    @BeforeEach
    void reset() {
        folders.clean();
    }

    @Test
    void theDefaultProviderDrawsPlaceholdersOfTheAskedShape() throws IOException {
        folders.drop("wide.yaml", "prompt: a wide landscape\naspect_ratio: \"16:9\"\nnum_images: 2\n");
        folders.awaitProcessed("wide.yaml");

        assertThat(folders.files(folders.outbox()))
                .containsExactly("wide-1.json", "wide-1.png", "wide-2.json", "wide-2.png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                TestFolders.bytes(folders.outbox().resolve("wide-2.png"))));
        assertThat(image.getWidth()).isEqualTo(512);
        assertThat(image.getHeight()).isEqualTo(288);
        JsonNode sidecar = TestFolders.json(folders.outbox().resolve("wide-1.json"));
        assertThat(sidecar.path("provider").asText()).isEqualTo("offline");
        assertThat(sidecar.path("model").asText()).isEqualTo("placeholder");
        assertThat(folders.files(folders.done())).containsExactly("wide.yaml");
    }

    @Test
    void describeWorksOfflineToo() throws IOException {
        Files.createDirectories(folders.inbox().resolve("images"));
        Files.write(folders.inbox().resolve("images/cat.png"), new PlaceholderRenderer().render("cat", null, null, 1, 1));
        folders.drop("cat.json", "{\"operation\": \"describe\", \"image\": \"images/cat.png\"}");
        folders.awaitProcessed("cat.json");

        assertThat(folders.files(folders.outbox())).containsExactly("cat.description.json", "cat.description.txt");
        assertThat(TestFolders.bytes(folders.outbox().resolve("cat.description.txt"))).asString()
                .contains("cat.png").contains("offline provider");
        assertThat(TestFolders.json(folders.outbox().resolve("cat.description.json")).path("descriptions").size())
                .isEqualTo(1);
    }
}
