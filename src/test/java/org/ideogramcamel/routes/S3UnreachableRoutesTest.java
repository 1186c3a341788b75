package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.support.FreePorts;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ideogram.store=s3 pointed at a port where nothing listens, from the very start: the app still starts (no bucket
 * check at start-up), and the image it made goes to server-errors with its bytes after the retries.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.inbox=target/it/s3-down/inbox", "ideogram.outbox=target/it/s3-down/outbox",
            "ideogram.done=target/it/s3-down/done", "ideogram.failed=target/it/s3-down/failed",
            "ideogram.state=target/it/s3-down/state",
            "ideogram.retry.max-redeliveries=1", "ideogram.retry.initial-delay=50", "ideogram.retry.max-delay=100",
            "ideogram.store=s3", "ideogram.s3.bucket=nowhere",
            "ideogram.s3.endpoint-override={{sys:ideogram.test.closed-s3-url}}", "ideogram.s3.force-path-style=true",
            "ideogram.s3.access-key=AKIDCLOSED", "ideogram.s3.secret-key=closed-secret"
        })
class S3UnreachableRoutesTest {

    static {
        // a port that was free a moment ago and is closed now: connections are refused
        System.setProperty("ideogram.test.closed-s3-url", "http://127.0.0.1:" + FreePorts.freePort());
    }

    final TestFolders folders = new TestFolders("s3-down");

    @org.apache.camel.BeanInject
    CamelContext context;

    @BeforeEach
    void reset() {
        folders.clean();
    }

    @Test
    void theAppStartsAndTheImageIsKeptInServerErrors() throws Exception {
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
        assertThat(context.getRouteController().getRouteStatus("store-s3")).isEqualTo(ServiceStatus.Started);

        folders.drop("cliff.txt", "a cliff at dawn");
        folders.awaitProcessed("cliff.txt");

        assertThat(folders.files(folders.serverErrors())).containsExactly("cliff-1.json", "cliff-1.png", "cliff.txt",
                "cliff.txt.image-1.error.json");
        byte[] image = TestFolders.bytes(folders.serverErrors().resolve("cliff-1.png"));
        JsonNode sidecar = TestFolders.json(folders.serverErrors().resolve("cliff-1.json"));
        assertThat(sidecar.path("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)));
        assertThat(sidecar.path("prompt").asText()).isEqualTo("a cliff at dawn");
        JsonNode record = TestFolders.errorRecord(folders.serverErrors(), "cliff.txt.image-1");
        assertThat(record.path("attempts").asInt()).isEqualTo(2);
        assertThat(record.path("reason").asText()).contains("bucket 'nowhere'").contains("Connection refused")
                .doesNotContain("closed-secret");
        assertThat(folders.files(folders.done())).isEmpty();
        assertThat(folders.files(folders.outbox())).isEmpty();
    }
}
