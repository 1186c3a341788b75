package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.support.HttpCaller;
import org.ideogramcamel.support.HttpCaller.Answer;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With ideogram.http.shared-secret set, only callers that send it in X-Ideogram-Secret get through. */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.http.enabled=true", "ideogram.http.port=0", "ideogram.http.shared-secret=s3cret-of-the-bus",
            "ideogram.inbox=target/it/http-secret/inbox", "ideogram.outbox=target/it/http-secret/outbox", "ideogram.state=target/it/http-secret/state",
            "ideogram.done=target/it/http-secret/done", "ideogram.failed=target/it/http-secret/failed"
        })
class HttpSharedSecretRoutesTest {

    final TestFolders folders = new TestFolders("http-secret");

    @BeanInject
    CamelContext context;

    HttpCaller http;

    @BeforeEach
    void reset() {
        folders.clean();
        http = new HttpCaller(context);
    }

    @Test
    void callersWithoutTheSecretAreRefusedAndNothingIsQueued() {
        Answer missing = http.postJob("{\"prompt\": \"a fox\"}");
        Answer wrong = http.postJob("{\"prompt\": \"a fox\"}", "X-Ideogram-Secret", "s3cret-of-the-bu");
        Answer statusWithout = http.get("/jobs/anything");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("Content-Type")).isEqualTo("application/json");
        assertThat(missing.json().path("error").asText()).startsWith("missing or wrong X-Ideogram-Secret header");
        assertThat(missing.response().body()).doesNotContain("s3cret");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(statusWithout.status()).isEqualTo(401);
        // held for a while: a refused job wrongly queued would only be stored later, through the queue
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(folders.files(folders.outbox())).isEmpty());
    }

    @Test
    void callersWithTheSecretGetTheirJobDone() {
        Answer accepted = http.postJob("{\"prompt\": \"a fox\"}", "X-Ideogram-Secret", "s3cret-of-the-bus");

        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.json().path("id").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> http.get("/jobs/" + id,
                "X-Ideogram-Secret", "s3cret-of-the-bus").json().path("state").asText(), "stored"::equals);
        assertThat(folders.files(folders.outbox())).containsExactly("http-" + id + "-1.json", "http-" + id + "-1.png");
    }
}
