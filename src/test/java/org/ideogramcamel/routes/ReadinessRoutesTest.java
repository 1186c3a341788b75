package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.support.ManagementPort;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A readiness probe must keep traffic away from an instance that would fail every job: Replicate as the default
 * provider without a token, started anyway with ideogram.allow-missing-credentials=true, is not ready (503), and
 * says which key to set. Liveness stays UP: restarting would
 * not bring the token.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.inbox=target/it/readiness/inbox", "ideogram.outbox=target/it/readiness/outbox", "ideogram.state=target/it/readiness/state",
            "ideogram.done=target/it/readiness/done", "ideogram.failed=target/it/readiness/failed",
            "ideogram.quarantine=target/it/readiness/quarantine",
            "ideogram.provider=replicate",
            // without it the app refuses to start at all (StartupChecksTest); with it, readiness says DOWN
            "ideogram.allow-missing-credentials=true",
            "ideogram.management.port=" + ManagementPort.PLACEHOLDER
        })
class ReadinessRoutesTest {

    @RegisterExtension
    static final ManagementPort MANAGEMENT = new ManagementPort();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replicateWithoutATokenIsNotReady() throws Exception {
        assumeTrue(System.getenv("REPLICATE_API_TOKEN") == null, "REPLICATE_API_TOKEN is set in this environment");

        HttpResponse<String> ready = MANAGEMENT.get("/observe/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        JsonNode credentials = null;
        JsonNode folders = null;
        for (JsonNode check : body.path("checks")) {
            if (check.path("name").asText().equals("ideogram-provider-credentials")) {
                credentials = check;
            } else if (check.path("name").asText().equals("ideogram-folders")) {
                folders = check;
            }
        }
        // the folder store with unsafe images quarantined (the defaults): the outbox and the quarantine folder
        assertThat(folders).isNotNull();
        assertThat(folders.path("status").asText()).isEqualTo("UP");
        assertThat(folders.path("message").asText())
                .isEqualTo("inbox readable, outbox writable, quarantine folder writable");
        assertThat(credentials).isNotNull();
        assertThat(credentials.path("status").asText()).isEqualTo("DOWN");
        assertThat(credentials.path("message").asText())
                .contains("ideogram.providers.replicate.api-token").contains("REPLICATE_API_TOKEN");

        HttpResponse<String> live = MANAGEMENT.get("/observe/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
    }
}
