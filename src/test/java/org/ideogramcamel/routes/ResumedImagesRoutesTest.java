package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.StubProvider.json;
import static org.ideogramcamel.support.WaveSpeedSeeds.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.KilledRun;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A prediction resumed after a kill whose images the killed run had partly stored, through the real routes against
 * a WaveSpeed stub (its answers flag images unsafe): the store that got an image says so, so the image is neither
 * downloaded nor stored a second time, and the job still ends in done. Image 1 (safe) was not stored before the
 * kill and is downloaded once; image 2 (flagged unsafe) was, where ideogram.unsafe sent it.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=wavespeed",
            "ideogram.inbox=target/it/resumed/inbox", "ideogram.outbox=target/it/resumed/outbox",
            "ideogram.state=target/it/resumed/state", "ideogram.quarantine=target/it/resumed/quarantine",
            "ideogram.done=target/it/resumed/done", "ideogram.failed=target/it/resumed/failed",
            "ideogram.providers.wavespeed.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/api/v3",
            "ideogram.providers.wavespeed.api-key=ws_TEST_key_42",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=200ms", "ideogram.poll.deadline=5s",
            "ideogram.retry.max-redeliveries=1", "ideogram.retry.initial-delay=50"
        })
class ResumedImagesRoutesTest {

    static final String CREATE = "/api/v3/ideogram-ai/ideogram-v2";
    static final String ID = "7a1b9c2a7d5e4f60a1b2c3d4e5f60718";
    static final String POLL = "/api/v3/predictions/" + ID + "/result";
    static final byte[] PNG = new PlaceholderRenderer().render("safe", null, "1:1", 1, 7);
    static final byte[] UNSAFE_PNG = new PlaceholderRenderer().render("flagged", null, "1:1", 2, 8);
    static final String PROMPT = "{\"prompt\": \"a beach\"}";

    @RegisterExtension
    static final StubProvider WAVESPEED = new StubProvider();
    final TestFolders folders = new TestFolders("resumed");

    @BeanInject
    CamelContext context;

    @BeforeEach
    void aKilledRunCreatedThePrediction() {
        folders.clean();
        WAVESPEED.stubFor(get("/files/one.png").willReturn(aResponse().withBody(PNG)));
        WAVESPEED.stubFor(get("/files/two.png").willReturn(aResponse().withBody(UNSAFE_PNG)));
        WAVESPEED.stubFor(get(POLL).willReturn(json(200, task(ID, "completed",
                List.of(WAVESPEED.url("/files/one.png"), WAVESPEED.url("/files/two.png")), List.of(false, true), ""))));
        KilledRun.createdBeforeTheKill(Path.of("target/it/resumed/state"), "wavespeed", "beach.json", PROMPT, ID);
    }

    @Test
    void anUnsafeImageAlreadyQuarantinedIsNotDownloadedAndQuarantinedAgain() throws IOException {
        storedBeforeTheKill(folders.quarantine(), "quarantine");

        folders.drop("beach.json", PROMPT);
        folders.awaitProcessed("beach.json");

        assertPolledNotCreatedAndOnlyImageOneDownloaded();
        assertThat(folders.files(folders.quarantine())).containsExactly("beach-2.json", "beach-2.png");
        assertThat(folders.files(folders.outbox())).containsExactly("beach-1.json", "beach-1.png");
        assertThat(TestFolders.bytes(folders.outbox().resolve("beach-1.png"))).isEqualTo(PNG);
        assertThat(folders.files(folders.done())).containsExactly("beach.json");
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(imagesStored()).isEqualTo(1));
    }

    /** The resumed prediction was not created again, and only the image not stored before the kill was fetched. */
    static void assertPolledNotCreatedAndOnlyImageOneDownloaded() {
        WAVESPEED.verify(0, postRequestedFor(urlEqualTo(CREATE)));
        WAVESPEED.verify(1, getRequestedFor(urlEqualTo("/files/one.png")));
        WAVESPEED.verify(0, getRequestedFor(urlEqualTo("/files/two.png")));
    }

    /** ideogram.unsafe=keep: a flagged image stored in the outbox is one of the job's images, like a safe one. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.unsafe=keep"})
    class KeepingUnsafeImages {

        @Test
        void anUnsafeImageAlreadyKeptInTheOutboxIsNotDownloadedAgainAndCountsAsStored() throws IOException {
            storedBeforeTheKill(folders.outbox(), "keep");

            folders.drop("beach.json", PROMPT);
            folders.awaitProcessed("beach.json");

            assertPolledNotCreatedAndOnlyImageOneDownloaded();
            assertThat(folders.files(folders.outbox()))
                    .containsExactly("beach-1.json", "beach-1.png", "beach-2.json", "beach-2.png");
            assertThat(folders.files(folders.quarantine())).isEmpty();
            assertThat(folders.files(folders.done())).containsExactly("beach.json");
            // both images are the job's results: the one found in the outbox counts as stored, not set aside
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(imagesStored()).isEqualTo(2));
        }
    }

    /** Image 2 (flagged unsafe) and its sidecar as a killed run left them, where ideogram.unsafe sent them. */
    static void storedBeforeTheKill(Path folder, String policy) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve("beach-2.png"), UNSAFE_PNG);
        Files.writeString(folder.resolve("beach-2.json"), """
                {"job": "beach", "source_file": "beach.json", "provider": "wavespeed", "prediction_id": "%s",
                 "image": 2, "file": "beach-2.png", "is_image_safe": false, "unsafe_policy": "%s",
                 "content_type": "image/png", "bytes": %d}""".formatted(ID, policy, UNSAFE_PNG.length));
    }

    /** The ideogram_images_stored counter a dashboard reads for WaveSpeed. */
    double imagesStored() {
        Counter counter = context.getRegistry()
                .lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class)
                .find("ideogram.images.stored").tag("provider", "wavespeed").counter();
        return counter == null ? 0 : counter.count();
    }
}
