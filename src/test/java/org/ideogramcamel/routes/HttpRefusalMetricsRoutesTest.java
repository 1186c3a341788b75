package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.support.HttpCaller;
import org.ideogramcamel.support.ManagementPort;
import org.ideogramcamel.support.TestFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job POST /jobs refuses with 400 was counted as received; it counts as failed too, as an invalid job from the
 * inbox does (issue 17), so received = succeeded + failed holds for HTTP jobs.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "ideogram.http.enabled=true", "ideogram.http.port=0",
            "ideogram.inbox=target/it/http-refusal/inbox", "ideogram.outbox=target/it/http-refusal/outbox",
            "ideogram.done=target/it/http-refusal/done", "ideogram.failed=target/it/http-refusal/failed",
            "ideogram.state=target/it/http-refusal/state", "ideogram.quarantine=target/it/http-refusal/quarantine",
            "ideogram.management.port=" + ManagementPort.PLACEHOLDER
        })
class HttpRefusalMetricsRoutesTest implements CamelContextAware {

    @RegisterExtension
    static final ManagementPort MANAGEMENT = new ManagementPort();

    private CamelContext context;

    @Test
    void aJobRefusedWith400CountsAsFailedInvalid() {
        new TestFolders("http-refusal").clean();
        HttpCaller http = new HttpCaller(context);

        HttpCaller.Answer refused = http.postJob("{\"prompt\": \"a typo\", \"aspect-ratio\": \"16:9\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(http.postJob("{\"prompt\": \"no such style\", \"style\": \"cubist\"}").status()).isEqualTo(400);

        String metrics = MANAGEMENT.get("/observe/metrics").body();
        assertThat(ObservabilityRoutesTest.value(metrics, "ideogram_jobs_received_total{provider=\"offline\"}"))
                .isEqualTo(2.0);
        assertThat(ObservabilityRoutesTest.value(metrics,
                "ideogram_jobs_failed_total{provider=\"offline\",reason=\"invalid\"}")).isEqualTo(2.0);
        assertThat(ObservabilityRoutesTest.value(metrics, "ideogram_predictions_in_flight")).isEqualTo(0.0);
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }
}
