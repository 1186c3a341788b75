package org.ideogramcamel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What the several-instances benchmark reads from the loopback provider: which prompt was created how often and by
 * which credential (a prompt created twice was paid twice), and Replicate's list of recent predictions, which an
 * instance taking over a killed one's unanswered create searches.
 */
class LoopbackProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void countsCreatesPerPromptAndCredentialAndListsThemNewestFirstSinceAMoment() throws Exception {
        try (LoopbackProvider stub = new LoopbackProvider(Duration.ofMillis(200), 1000, 0, 1)) {
            Instant before = Instant.now();
            String first = create(stub, "r8_a", "a lighthouse");
            create(stub, "r8_b", "a lighthouse");
            String third = create(stub, "r8_b", "a \"quoted\" harbour");

            assertThat(stub.createsByPrompt()).isEqualTo(Map.of("a lighthouse", 2L, "a \"quoted\" harbour", 1L));
            assertThat(stub.createsByCredential()).isEqualTo(Map.of("r8_a", 1L, "r8_b", 2L));

            JsonNode page = list(stub, before);
            assertThat(page.path("results")).hasSize(3);
            JsonNode newest = page.path("results").get(0);
            assertThat(newest.path("id").asText()).isEqualTo(third);
            assertThat(newest.path("model").asText()).isEqualTo("ideogram-ai/ideogram-v3-turbo");
            assertThat(newest.path("input").path("prompt").asText()).isEqualTo("a \"quoted\" harbour");
            assertThat(page.path("results").get(2).path("id").asText()).isEqualTo(first);
            assertThat(list(stub, Instant.now().plusSeconds(60)).path("results")).isEmpty();
        }
    }

    private String create(LoopbackProvider stub, String token, String prompt) throws Exception {
        String body = JSON.createObjectNode().set("input", JSON.createObjectNode().put("prompt", prompt)
                .put("aspect_ratio", "1:1")).toString();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stub.replicateBaseUrl()
                + "/models/ideogram-ai/ideogram-v3-turbo/predictions")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("id").asText();
    }

    private JsonNode list(LoopbackProvider stub, Instant after) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stub.replicateBaseUrl()
                + "/predictions?created_after=" + URLEncoder.encode(after.toString(), StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
