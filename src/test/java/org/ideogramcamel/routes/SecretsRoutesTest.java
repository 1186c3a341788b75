package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ideogramcamel.support.StubProvider.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.IdeogramSeeds;
import org.ideogramcamel.support.PixazoSeeds;
import org.ideogramcamel.support.ReplicateSeeds;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.ideogramcamel.support.WaveSpeedSeeds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A recognisable key per provider, one for each credential header ({@code Authorization} for Replicate and
 * WaveSpeed, {@code Api-Key} for Ideogram, {@code Ocp-Apim-Subscription-Key} for Pixazo), goes through a
 * succeeding job and a rejected one per provider, plus one that fails after retries, with Camel and HttpClient
 * logging at DEBUG. Then every file the app wrote (images, sidecars, quarantine, dead-letter records, budget
 * state) and everything it logged is searched for the keys. Only the providers' own requests may carry them.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/secrets/inbox", "ideogram.outbox=target/it/secrets/outbox",
            "ideogram.done=target/it/secrets/done", "ideogram.failed=target/it/secrets/failed",
            "ideogram.state=target/it/secrets/state", "ideogram.quarantine=target/it/secrets/quarantine",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=" + SecretsRoutesTest.REPLICATE_KEY,
            "ideogram.providers.wavespeed.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/api/v3",
            "ideogram.providers.wavespeed.api-key=" + SecretsRoutesTest.WAVESPEED_KEY,
            "ideogram.providers.ideogram.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/ideogram",
            "ideogram.providers.ideogram.api-key=" + SecretsRoutesTest.IDEOGRAM_KEY,
            "ideogram.providers.pixazo.base-url=" + StubProvider.BASE_URL_PLACEHOLDER,
            "ideogram.providers.pixazo.subscription-key=" + SecretsRoutesTest.PIXAZO_KEY,
            "ideogram.providers.ideogram.price-per-image=0.08",
            "ideogram.poll.interval=50ms",
            "ideogram.retry.max-redeliveries=1", "ideogram.retry.initial-delay=50"
        })
class SecretsRoutesTest {

    static final String REPLICATE_KEY = "r8_CANARY_7f3a9c1e5b";
    static final String WAVESPEED_KEY = "ws_CANARY_2d8e6b0f4a";
    static final String IDEOGRAM_KEY = "ideo_CANARY_9c5a1e7d3b";
    static final String PIXAZO_KEY = "pz_CANARY_4b0f8d2c6e";
    static final List<String> KEYS = List.of(REPLICATE_KEY, WAVESPEED_KEY, IDEOGRAM_KEY, PIXAZO_KEY);

    static final String REPLICATE_CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    static final String WAVESPEED_CREATE = "/api/v3/ideogram-ai/ideogram-v2";
    static final String WAVESPEED_POLL = "/api/v3/predictions/ws1/result";
    static final String IDEOGRAM_CREATE = "/ideogram/generate";
    static final String PIXAZO_CREATE = "/ideogramV_2/v1/generate";
    static final Path LOG = Path.of("target/test-logs/app.log");

    /** Taken when the class loads, before Camel starts: its start-up summary prints every configured key. */
    static final long LOG_AT_CLASS_LOAD = logSize();

    @RegisterExtension
    static final StubProvider STUB = new StubProvider();
    final TestFolders folders = new TestFolders("secrets");

    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        Configurator.setLevel("org.apache.camel", Level.DEBUG);
        Configurator.setLevel("org.apache.hc.client5", Level.DEBUG);
        String ok = STUB.url("/files/ok.png");
        STUB.stubFor(get("/files/ok.png").willReturn(aResponse()
                .withBody(new PlaceholderRenderer().render("ok", null, null, 1, 1))));

        STUB.stubFor(post(REPLICATE_CREATE).withRequestBody(containing("good")).willReturn(json(201,
                ReplicateSeeds.prediction("ok1", "succeeded", ok, null))));
        STUB.stubFor(post(REPLICATE_CREATE).withRequestBody(containing("rejected")).willReturn(json(401,
                ReplicateSeeds.problem(401, "Unauthenticated", "Invalid token r8_CANA..."))));
        STUB.stubFor(post(REPLICATE_CREATE).withRequestBody(containing("broken")).willReturn(aResponse().withStatus(500)
                .withBody("upstream error")));

        STUB.stubFor(post(WAVESPEED_CREATE).withRequestBody(containing("good")).willReturn(json(200,
                WaveSpeedSeeds.task("ws1", "created", null))));
        STUB.stubFor(get(WAVESPEED_POLL).willReturn(json(200, WaveSpeedSeeds.completed("ws1", ok))));
        STUB.stubFor(post(WAVESPEED_CREATE).withRequestBody(containing("rejected")).willReturn(json(401,
                WaveSpeedSeeds.problem(401, "Invalid API key"))));

        // the second image is flagged unsafe: it lands in the quarantine folder, which is searched too
        STUB.stubFor(post(IDEOGRAM_CREATE).withRequestBody(containing("good")).willReturn(json(200,
                IdeogramSeeds.images(IdeogramSeeds.entry(ok, "1024x1024", true, 1),
                        IdeogramSeeds.entry(ok, "1024x1024", false, 2)))));
        STUB.stubFor(post(IDEOGRAM_CREATE).withRequestBody(containing("rejected")).willReturn(json(401,
                "{\"detail\": \"Invalid API key\"}")));

        STUB.stubFor(post(PIXAZO_CREATE).withRequestBody(containing("good")).willReturn(json(200,
                PixazoSeeds.answer(PixazoSeeds.generated(ok, true, 3)))));
        STUB.stubFor(post(PIXAZO_CREATE).withRequestBody(containing("rejected")).willReturn(json(401,
                PixazoSeeds.apim(401, PixazoSeeds.INVALID_KEY))));
    }

    private static long logSize() {
        try {
            return Files.exists(LOG) ? Files.size(LOG) : 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void quiet() {
        Configurator.setLevel("org.apache.camel", Level.INFO);
        Configurator.setLevel("org.apache.hc.client5", Level.WARN);
    }

    @Test
    void noKeyAppearsAnywhereButInItsOwnProvidersRequests() throws IOException {
        List<String> providers = List.of("replicate", "wavespeed", "ideogram", "pixazo");
        for (String provider : providers) {
            folders.drop(provider + "-good.json", "{\"prompt\": \"good\", \"provider\": \"" + provider + "\"}");
            folders.drop(provider + "-rejected.json", "{\"prompt\": \"rejected\", \"provider\": \"" + provider + "\"}");
        }
        folders.drop("replicate-broken.json", "{\"prompt\": \"broken\"}");
        for (String provider : providers) {
            folders.awaitProcessed(provider + "-good.json");
            folders.awaitProcessed(provider + "-rejected.json");
        }
        folders.awaitProcessed("replicate-broken.json");

        // each key reached its provider in its own header, so the search below is not vacuous
        STUB.verify(4, postRequestedFor(urlEqualTo(REPLICATE_CREATE))
                .withHeader("Authorization", equalTo("Bearer " + REPLICATE_KEY)));
        STUB.verify(2, postRequestedFor(urlEqualTo(WAVESPEED_CREATE))
                .withHeader("Authorization", equalTo("Bearer " + WAVESPEED_KEY)));
        STUB.verify(getRequestedFor(urlEqualTo(WAVESPEED_POLL))
                .withHeader("Authorization", equalTo("Bearer " + WAVESPEED_KEY)));
        STUB.verify(2, postRequestedFor(urlEqualTo(IDEOGRAM_CREATE)).withHeader("Api-Key", equalTo(IDEOGRAM_KEY))
                .withHeader("Authorization", absent()));
        STUB.verify(2, postRequestedFor(urlEqualTo(PIXAZO_CREATE))
                .withHeader("Ocp-Apim-Subscription-Key", equalTo(PIXAZO_KEY)).withHeader("Authorization", absent()));
        // and no request carried another provider's key, nor any key to the image host
        for (LoggedRequest request : STUB.findAll(anyRequestedFor(anyUrl()))) {
            String headers = request.getHeaders().toString();
            long keysCarried = KEYS.stream().filter(headers::contains).count();
            assertThat(keysCarried).as(request.getUrl()).isLessThanOrEqualTo(1);
            if (request.getUrl().startsWith("/files/")) {
                assertThat(keysCarried).as("download " + request.getUrl()).isZero();
            }
        }
        STUB.verify(5, getRequestedFor(urlPathMatching("/files/.*")));

        assertThat(folders.files(folders.outbox())).containsExactly(
                "ideogram-good-1.json", "ideogram-good-1.png", "pixazo-good-1.json", "pixazo-good-1.png",
                "replicate-good-1.json", "replicate-good-1.png", "wavespeed-good-1.json", "wavespeed-good-1.png");
        assertThat(folders.files(folders.quarantine())).containsExactly("ideogram-good-2.json", "ideogram-good-2.png");
        for (String provider : providers) {
            assertThat(folders.files(folders.clientErrors())).contains(provider + "-rejected.json.error.json");
        }
        assertThat(folders.files(folders.serverErrors())).contains("replicate-broken.json.error.json");

        List<Path> written;
        try (Stream<Path> files = Files.walk(Path.of("target/it/secrets"))) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written.stream().filter(p -> !p.toString().contains("state/journal/")))
                .as("8 outbox, 2 quarantine, 4 done, 5 records of 2 files, 1 budget file").hasSize(25)
                .anyMatch(p -> p.toString().contains("state/budget/"));
        assertThat(written).as("one journal entry per job").anyMatch(p -> p.toString().contains("state/journal/"));
        for (Path file : written) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String key : KEYS) {
                assertThat(content).as(file.toString()).doesNotContain(key);
            }
        }
        byte[] log = Files.readAllBytes(LOG);
        String thisTest = new String(log, (int) LOG_AT_CLASS_LOAD, (int) (log.length - LOG_AT_CLASS_LOAD),
                StandardCharsets.UTF_8);
        assertThat(thisTest).as("log lines written during this test, Camel's start-up summary included")
                .contains("dead-lettered").contains("DEBUG")
                .contains("ideogram.providers.replicate.api-token = xxxxxx")
                .contains("ideogram.providers.pixazo.subscription-key = xxxxxx");
        for (String key : KEYS) {
            assertThat(thisTest).as("log lines written during this test").doesNotContain(key);
        }
    }
}
