package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.bench.LoopbackProvider;
import org.ideogramcamel.limit.FileJobAdmission;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A JSONL file longer than the bound on jobs of files (issue 18: memory flat however long the file): with
 * {@code ideogram.max-in-flight=2} the bound is max(100, 4 x 2) = 100 jobs, the file has 300 lines and the provider
 * ({@link LoopbackProvider}, predictions of 30 ms) takes 2 at a time. Every line is created once and stored, and
 * at no moment are more than 100 of the file's jobs live, as the app's own gauge of jobs in flight
 * ({@code ideogram.predictions.in.flight}: accepted and not yet ended) shows, sampled while the file runs.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate", "ideogram.max-in-flight=2",
            "ideogram.inbox=target/it/admission/inbox", "ideogram.outbox=target/it/admission/outbox",
            "ideogram.done=target/it/admission/done", "ideogram.failed=target/it/admission/failed",
            "ideogram.state=target/it/admission-state",
            "ideogram.providers.replicate.base-url={{sys:ideogram.test.admission-url}}/replicate/v1",
            "ideogram.providers.replicate.api-token=r8_admission",
            "camel.main.shutdown-timeout=2"
        })
class FileJobAdmissionRoutesTest {

    static final int LINES = 300;
    static final LoopbackProvider PROVIDER = new LoopbackProvider(Duration.ofMillis(30), 1024, 0, 1);

    static {
        System.setProperty("ideogram.test.admission-url", PROVIDER.baseUrl());
        TestFolders.delete(Path.of("target/it/admission-state"));
    }

    final TestFolders folders = new TestFolders("admission");

    @BeanInject
    CamelContext context;

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @Test
    void aJsonlFileLongerThanTheBoundRunsEveryLineOnceWithAtMostTheBoundLive() throws Exception {
        folders.clean();
        FileJobAdmission admission = context.getRegistry().lookupByNameAndType("fileJobAdmission",
                FileJobAdmission.class);
        assertThat(admission.bound()).as("max(100, 4 x ideogram.max-in-flight 2)").isEqualTo(100);
        MeterRegistry meters = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME,
                MeterRegistry.class);
        AtomicInteger mostLive = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        // every millisecond, not in a spin: the test runs on two cores beside the routes it watches
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                int live = (int) meters.get("ideogram.predictions.in.flight").gauge().value();
                mostLive.accumulateAndGet(live, Math::max);
                LockSupport.parkNanos(1_000_000);
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        folders.drop("long.jsonl", IntStream.rangeClosed(1, LINES)
                .mapToObj(i -> "{\"prompt\": \"line " + i + "\"}").collect(Collectors.joining("\n")));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(folders.inbox().resolve("long.jsonl")));
        sampling.set(false);
        sampler.join();

        Map<String, Long> creates = PROVIDER.createsByPrompt();
        assertThat(creates).as("one create per line").hasSize(LINES)
                .containsOnlyKeys(IntStream.rangeClosed(1, LINES).mapToObj(i -> "line " + i).toList());
        assertThat(creates.values()).allMatch(count -> count == 1L);
        assertThat(folders.files(folders.outbox()).stream().filter(f -> f.endsWith(".png"))).hasSize(LINES);
        assertThat(folders.files(folders.done())).containsExactly("long.jsonl");
        assertThat(folders.files(folders.clientErrors())).isEmpty();
        assertThat(folders.files(folders.serverErrors())).isEmpty();
        assertThat(mostLive.get()).as("jobs of the file live at once").isBetween(1, 100);
        assertThat(admission.peak()).as("the bound was reached: the file waited for admission").isEqualTo(100);
        assertThat(admission.admitted()).as("every admission given back once").isZero();
    }
}
