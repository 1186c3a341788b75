package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.support.ManagementPort;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator points a readiness probe and Prometheus at: after an offline job, /observe/health is UP and
 * lists the app's readiness checks, and /observe/metrics counts the job and its image.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.inbox=target/it/observability/inbox", "ideogram.outbox=target/it/observability/outbox",
            "ideogram.done=target/it/observability/done", "ideogram.failed=target/it/observability/failed",
            "ideogram.state=target/it/observability/state", "ideogram.quarantine=target/it/observability/quarantine",
            "ideogram.management.port=" + ManagementPort.PLACEHOLDER
        })
class ObservabilityRoutesTest implements CamelContextAware {

    private CamelContext context;

    @RegisterExtension
    static final ManagementPort MANAGEMENT = new ManagementPort();

    private static final ObjectMapper JSON = new ObjectMapper();
    final TestFolders folders = new TestFolders("observability");

    @BeforeEach
    void reset() {
        folders.clean();
    }

    @Test
    void healthAndMetricsAnswerAfterAJob() throws Exception {
        folders.drop("lighthouse.json", "{\"prompt\": \"a lighthouse\", \"num_images\": 2}");
        folders.drop("broken.json", "{\"prompt\": \"a typo\", \"aspect-ratio\": \"16:9\"}");
        folders.awaitProcessed("lighthouse.json");
        folders.awaitProcessed("broken.json");

        HttpResponse<String> health = MANAGEMENT.get("/observe/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(checkNames(body)).contains("ideogram-provider-credentials", "ideogram-folders");

        HttpResponse<String> ready = MANAGEMENT.get("/observe/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(checkNames(JSON.readTree(ready.body())))
                .contains("ideogram-provider-credentials", "ideogram-folders");

        HttpResponse<String> metrics = MANAGEMENT.get("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        String text = metrics.body();
        assertThat(value(text, "ideogram_jobs_received_total{provider=\"offline\"}")).isEqualTo(2.0);
        assertThat(value(text, "ideogram_jobs_succeeded_total{provider=\"offline\"}")).isEqualTo(1.0);
        assertThat(value(text, "ideogram_images_stored_total{provider=\"offline\"}")).isEqualTo(2.0);
        assertThat(value(text, "ideogram_jobs_failed_total{provider=\"offline\",reason=\"invalid\"}")).isEqualTo(1.0);
        assertThat(value(text, "ideogram_predictions_in_flight")).isEqualTo(0.0);
        assertThat(value(text, "ideogram_create_to_stored_seconds_count")).isEqualTo(1.0);
        assertThat(value(text, "ideogram_polls_per_prediction_count")).isEqualTo(1.0);
        assertThat(value(text, "ideogram_spend_today")).isEqualTo(0.0);
        // the job's name is never a label: one time series per job would swamp Prometheus
        assertThat(text).doesNotContain("lighthouse");
    }

    @Test
    void routeReloadIsOffOutsideDevMode() {
        assertThat(context.hasService(RouteWatcherReloadStrategy.class)).isNull();
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    private static List<String> checkNames(JsonNode health) {
        return health.path("checks").findValuesAsText("name");
    }

    /** The value of one sample line of the Prometheus text format, labels written as Micrometer sorts them. */
    static double value(String scrape, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("sample %s in%n%s", sample, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
