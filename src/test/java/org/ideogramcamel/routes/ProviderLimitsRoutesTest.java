package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.bench.LoopbackProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Provider limits with the real routes against {@link LoopbackProvider} (predictions of 50 ms, small images):
 * the in-flight limit adapts to 429 answers, per-provider caps bound what is in flight, and
 * requests-per-minute counts every call.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/limits/inbox", "ideogram.outbox=target/it/limits/outbox",
            "ideogram.done=target/it/limits/done", "ideogram.failed=target/it/limits/failed",
            "ideogram.state=target/it/limits-state",
            "ideogram.providers.replicate.base-url={{sys:ideogram.test.loopback-url}}/replicate/v1",
            "ideogram.providers.replicate.api-token=r8_limits",
            "ideogram.providers.wavespeed.base-url={{sys:ideogram.test.loopback-url}}/wavespeed/api/v3",
            "ideogram.providers.wavespeed.api-key=ws_limits",
            "camel.main.shutdown-timeout=2"
        })
class ProviderLimitsRoutesTest {

    static final LoopbackProvider PROVIDER = new LoopbackProvider(Duration.ofMillis(50), 4096, 0, 1);

    static {
        System.setProperty("ideogram.test.loopback-url", PROVIDER.baseUrl());
        // the journals of earlier runs: the rate-limited jobs below are left unfinished on purpose, and a journal
        // resumes unfinished jobs at the next start
        TestFolders.delete(Path.of("target/it/limits-state"));
        TestFolders.delete(Path.of("target/it/limits-rated-state"));
    }

    final TestFolders folders = new TestFolders("limits");

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @BeforeEach
    void reset() {
        folders.clean();
        PROVIDER.resetCounters();
        PROVIDER.setInFlightLimit(0);
    }

    static String jobs(int count, String provider) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"prompt\": \"job " + i + "\", \"provider\": \"" + provider + "\"}")
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aProviderThatRefusesBeyondFiveInFlightGetsEveryJobAndFewRefusals() {
        // max-in-flight is 16, the provider takes 5: the module must find that out from the 429s
        PROVIDER.setInFlightLimit(5);

        folders.drop("batch.jsonl", jobs(200, "replicate"));
        folders.awaitProcessed("batch.jsonl");

        assertThat(folders.files(folders.outbox()).stream().filter(f -> f.endsWith(".png"))).hasSize(200);
        assertThat(folders.files(folders.clientErrors())).isEmpty();
        assertThat(folders.files(folders.serverErrors())).isEmpty();
        assertThat(folders.files(folders.done())).containsExactly("batch.jsonl");
        long refused = PROVIDER.tooManyRequests.sum();
        assertThat(refused).as("at least one 429 is needed to learn the limit").isPositive();
        assertThat((double) refused / PROVIDER.providerRequests()).as("share of requests answered 429 (%d of %d;"
                + " creates %d, polls %d)", refused, PROVIDER.providerRequests(), PROVIDER.creates.sum(),
                PROVIDER.polls.sum())
                .isLessThanOrEqualTo(0.10);
    }

    /** A cap for one provider below the general max-in-flight. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.providers.replicate.max-in-flight=2"})
    class WithAProviderCap {

        @Test
        void noMoreThanTheProvidersCapRunAtOnce() {
            folders.drop("capped.jsonl", jobs(20, "replicate"));
            folders.awaitProcessed("capped.jsonl");

            assertThat(folders.files(folders.outbox()).stream().filter(f -> f.endsWith(".png"))).hasSize(20);
            assertThat(PROVIDER.peakInFlight()).isEqualTo(2);
            assertThat(PROVIDER.tooManyRequests.sum()).isZero();
        }
    }

    /** WaveSpeed limited to 4 requests a minute: creates and polls alike. */
    @Nested
    @CamelMainTest(properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.providers.wavespeed.requests-per-minute=4", "ideogram.poll.interval=20ms",
        // its jobs stay unfinished (over the limit); a journal of their own keeps the other classes from resuming them
        "ideogram.state=target/it/limits-rated-state"})
    class WithARequestsPerMinuteLimit {

        @Test
        void pollsCountAgainstTheLimitToo() throws InterruptedException {
            // 3 jobs need 3 creates and at least 3 polls: only 4 requests may go out in the first minute
            folders.drop("rated.jsonl", jobs(3, "wavespeed"));

            await().atMost(Duration.ofSeconds(5)).until(() -> PROVIDER.providerRequests() >= 4);
            Thread.sleep(1500);
            assertThat(PROVIDER.providerRequests()).isEqualTo(4);
            assertThat(PROVIDER.polls.sum()).as("a poll took one of the four").isPositive();
            assertThat(folders.files(folders.done())).isEmpty();
        }
    }
}
