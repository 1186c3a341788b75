package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.support.ReplicateSeeds.prediction;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ideogram.max-in-flight bounds how many jobs talk to the provider at once, pending predictions wait without
 * holding a thread, and a stuck prediction does not hold up the jobs behind it.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate", "ideogram.max-in-flight=3",
            "ideogram.inbox=target/it/concurrency/inbox", "ideogram.outbox=target/it/concurrency/outbox",
            "ideogram.state=target/it/concurrency/state",
            "ideogram.done=target/it/concurrency/done", "ideogram.failed=target/it/concurrency/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_concurrency",
            "ideogram.poll.interval=100ms", "ideogram.poll.backoff=1.0", "ideogram.poll.deadline=4s"
        })
class ConcurrencyRoutesTest {

    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v2-turbo/predictions";
    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    final TestFolders folders = new TestFolders("concurrency");


    @BeforeEach
    void reset() {
        folders.clean();
        // prompts containing "stuck" never finish; every other prompt succeeds at once
        REPLICATE.stubFor(post(CREATE).withRequestBody(containing("stuck"))
                .willReturn(json(prediction("slow", "starting", null, null))));
        REPLICATE.stubFor(get("/v1/predictions/slow").willReturn(json(prediction("slow", "processing", null, null))));
        REPLICATE.stubFor(post("/v1/predictions/slow/cancel").willReturn(json(prediction("slow", "canceled", null, null))));
        REPLICATE.stubFor(post(CREATE).withRequestBody(containing("quick"))
                .willReturn(json(prediction("fast", "succeeded", REPLICATE.url("/files/q.png"), null))));
        REPLICATE.stubFor(get("/files/q.png")
                .willReturn(aResponse().withBody(new PlaceholderRenderer().render("q", null, null, 1, 1))));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void noMoreThanMaxInFlightPredictionsAndNoThreadSleepsWhileTheyWait() throws InterruptedException {
        folders.drop("stuck.jsonl", IntStream.rangeClosed(1, 6)
                .mapToObj(i -> "{\"prompt\": \"stuck " + i + "\"}").collect(Collectors.joining("\n")));

        await().atMost(Duration.ofSeconds(3)).until(() -> creates() == 3);
        Thread.sleep(800); // several poll intervals: the other three must still be waiting for a slot
        assertThat(creates()).isEqualTo(3);
        assertThat(sleepingCamelThreads()).as("threads parked in a delay while predictions are pending").isEmpty();
    }

    @Test
    void aStuckPredictionDoesNotHoldUpTheJobsBehindIt() {
        folders.drop("stuck.json", "{\"prompt\": \"stuck forever\"}");
        folders.drop("quick.jsonl", IntStream.rangeClosed(1, 5)
                .mapToObj(i -> "{\"prompt\": \"quick " + i + "\"}").collect(Collectors.joining("\n")));

        folders.awaitProcessed("quick.jsonl");

        assertThat(folders.files(folders.outbox())).hasSize(10);
        assertThat(folders.files(folders.done())).containsExactly("quick.jsonl");
        assertThat(folders.files(folders.inbox())).as("the stuck job is still polling").contains("stuck.json");
    }

    private static int creates() {
        return REPLICATE.findAll(postRequestedFor(urlEqualTo(CREATE))).size();
    }

    /** Camel threads blocked inside a delay or redelivery sleep: there must be none with asyncDelayed. */
    private static List<String> sleepingCamelThreads() {
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
        return Arrays.stream(threads)
                .filter(t -> t.getThreadName().startsWith("Camel"))
                // a synchronous delay sleeps in DelayProcessorSupport.sleep -> Thread.sleep; a scheduled
                // continuation merely runs on a "Delay" thread and is fine
                .filter(t -> Arrays.stream(t.getStackTrace()).anyMatch(f ->
                        (f.getClassName().endsWith("DelayProcessorSupport") && f.getMethodName().equals("sleep"))
                                || (f.getClassName().equals("java.lang.Thread") && f.getMethodName().startsWith("sleep"))))
                .map(ThreadInfo::getThreadName)
                .toList();
    }
}
