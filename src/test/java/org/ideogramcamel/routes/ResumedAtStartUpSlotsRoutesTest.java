package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.ideogramcamel.routes.ResumedSlotsRoutesTest.PREDICTIONS;
import static org.ideogramcamel.routes.ResumedSlotsRoutesTest.RESUMED;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.limit.ProviderGate;
import org.ideogramcamel.support.KilledRun;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The restart itself, through the real routes against a Replicate stub capped at two predictions in flight: the
 * killed run's batch file is still in the inbox, its last two lines created (their predictions still run at the
 * provider) and thirty lines before them never sent. Read again at start, the file's jobs run in parallel in line
 * order, so thirty creates reach the provider gate before the two resumed lines are taken up: the predictions
 * left running must count from the start, or two creates would join them at the provider.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/resumed-startup/inbox", "ideogram.outbox=target/it/resumed-startup/outbox",
            "ideogram.state=target/it/resumed-startup/state",
            "ideogram.done=target/it/resumed-startup/done", "ideogram.failed=target/it/resumed-startup/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_restart",
            "ideogram.providers.replicate.prefer-wait=0",
            "ideogram.providers.replicate.max-in-flight=2",
            "ideogram.poll.interval=50ms", "ideogram.poll.max-interval=100ms"
        })
class ResumedAtStartUpSlotsRoutesTest {

    @BeanInject
    ProviderGate gate;

    static final Path STATE = Path.of("target/it/resumed-startup/state");
    static final int NEW_LINES = 30;

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    static final TestFolders FOLDERS = new TestFolders("resumed-startup");

    /** Before the app starts (camel-test-main starts it before each test): what the killed run left behind. */
    @BeforeAll
    static void leftByAKilledRunDuringABusyBatch() {
        FOLDERS.clean();
        StringBuilder batch = new StringBuilder();
        for (int i = 1; i <= NEW_LINES; i++) {
            batch.append("{\"prompt\": \"new prompt ").append(i).append("\"}\n");
        }
        for (int i = 1; i <= RESUMED.size(); i++) {
            String line = "{\"prompt\": \"resumed prompt " + i + "\"}";
            batch.append(line).append('\n');
            KilledRun.createdLine(STATE, "replicate", "batch.jsonl", NEW_LINES + i, line, "resumed prompt " + i,
                    RESUMED.get(i - 1));
        }
        FOLDERS.drop("batch.jsonl", batch.toString());
    }

    /** Right after the start; the intake's first look at the inbox is 100 ms after it. */
    @BeforeEach
    void stubs() {
        ResumedSlotsRoutesTest.stubTheProvider(REPLICATE, NEW_LINES);
    }

    @Test
    void predictionsLeftRunningCountFromTheStartAheadOfTheCreatesOfTheirBatch() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> RESUMED.stream().allMatch(id ->
                !REPLICATE.findAll(getRequestedFor(urlEqualTo(PREDICTIONS + id))).isEmpty()));
        ResumedSlotsRoutesTest.finishTheResumedOnceTheNewJobsWait(REPLICATE, gate, NEW_LINES);

        List<String> images = new ArrayList<>();
        for (int i = 1; i <= NEW_LINES + RESUMED.size(); i++) {
            images.add("batch-" + i + "-1.png");
        }
        ResumedSlotsRoutesTest.assertTheCapHeldAndEveryImageLanded(REPLICATE, FOLDERS, images, NEW_LINES);
    }
}
