package org.ideogramcamel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.ideogramcamel.support.ReplicateSeeds;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Drops the whole bad-input corpus ({@code src/test/resources/bad-inputs}) into the inbox of the running app
 * together with good files: every bad file ends as a dead-letter record with its one-line reason, the provider
 * receives nothing for it, and the good files are still turned into images.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.provider=replicate",
            "ideogram.inbox=target/it/bad-input/inbox", "ideogram.outbox=target/it/bad-input/outbox",
            "ideogram.state=target/it/bad-input/state",
            "ideogram.done=target/it/bad-input/done", "ideogram.failed=target/it/bad-input/failed",
            "ideogram.providers.replicate.base-url=" + StubProvider.BASE_URL_PLACEHOLDER + "/v1",
            "ideogram.providers.replicate.api-token=r8_bad_input",
            "ideogram.max-file-size=65536"
        })
class BadInputRoutesTest {

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();
    static final Path CORPUS = Path.of("src/test/resources/bad-inputs");
    final TestFolders folders = new TestFolders("bad-input");


    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        // the corpus's source-image cases name images/photo.png, which exists, beside paths that must be refused
        Files.createDirectories(folders.inbox().resolve("images"));
        Files.write(folders.inbox().resolve("images/photo.png"), new PlaceholderRenderer().render("photo", null, null, 1, 1));
        REPLICATE.stubFor(post("/v1/models/ideogram-ai/ideogram-v2-turbo/predictions").willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(ReplicateSeeds.prediction("good1", "succeeded", REPLICATE.url("/files/good.png"), null))));
        REPLICATE.stubFor(get("/files/good.png").willReturn(aResponse()
                .withBody(new PlaceholderRenderer().render("good", null, null, 1, 1))));
    }

    @Test
    void everyBadFileBecomesARecordAndCostsNothingWhileGoodFilesAreServed() throws IOException {
        Map<String, String> expected = expectedReasons();
        folders.drop("good-first.txt", "a good prompt before the bad ones");
        for (String name : expected.keySet()) {
            folders.drop(name, Files.readAllBytes(CORPUS.resolve(name)));
        }
        byte[] huge = new byte[200_000];
        Arrays.fill(huge, (byte) 'a');
        folders.drop("huge.txt", huge);
        folders.drop("good-last.json", "{\"prompt\": \"a good prompt after the bad ones\"}");

        for (String name : expected.keySet()) {
            folders.awaitProcessed(name);
        }
        folders.awaitProcessed("huge.txt");
        folders.awaitProcessed("good-last.json");
        folders.awaitProcessed("good-first.txt");

        for (Map.Entry<String, String> bad : expected.entrySet()) {
            List<String> records = recordsFor(bad.getKey());
            assertThat(records).as("dead-letter records for " + bad.getKey()).isNotEmpty();
            for (String record : records) {
                JsonNode json = TestFolders.json(folders.clientErrors().resolve(record));
                String reason = json.path("reason").asText();
                assertThat(reason).as(record).doesNotContain("\n").doesNotContain("\r").hasSizeLessThan(420);
                assertThat(json.path("channel").asText()).isEqualTo("client-errors");
            }
            if (!bad.getKey().endsWith(".jsonl")) {
                JsonNode json = TestFolders.json(folders.clientErrors().resolve(bad.getKey() + ".error.json"));
                assertThat(json.path("reason").asText()).as(bad.getKey()).contains(bad.getValue());
                assertThat(TestFolders.bytes(folders.clientErrors().resolve(bad.getKey())))
                        .as("original of " + bad.getKey()).isEqualTo(Files.readAllBytes(CORPUS.resolve(bad.getKey())));
            }
        }
        JsonNode huge2 = TestFolders.json(folders.clientErrors().resolve("huge.txt.error.json"));
        assertThat(huge2.path("reason").asText()).contains("200000 bytes").contains("ideogram.max-file-size");
        assertThat(TestFolders.bytes(folders.clientErrors().resolve("huge.txt"))).isEqualTo(huge);

        assertThat(folders.files(folders.outbox()))
                .containsExactly("good-first-1.json", "good-first-1.png", "good-last-1.json", "good-last-1.png");
        assertThat(folders.files(folders.done())).containsExactly("good-first.txt", "good-last.json");
        REPLICATE.verify(2, postRequestedFor(urlEqualTo("/v1/models/ideogram-ai/ideogram-v2-turbo/predictions")));
        assertThat(REPLICATE.findAll(anyRequestedFor(anyUrl()))).hasSize(4);
        assertThat(folders.files(folders.inbox())).containsExactly("images");
    }

    @Test
    void aJsonlFileWithGoodAndBadLinesIsServedLineByLine() throws IOException {
        folders.drop("mixed.jsonl", Files.readAllBytes(Path.of("src/test/resources/mixed-inputs/mixed.jsonl")));
        folders.awaitProcessed("mixed.jsonl");

        assertThat(folders.files(folders.outbox()))
                .containsExactly("mixed-1-1.json", "mixed-1-1.png", "mixed-4-1.json", "mixed-4-1.png");
        assertThat(folders.files(folders.clientErrors())).containsExactly(
                "mixed-2.jsonl", "mixed-2.jsonl.error.json", "mixed-3.jsonl", "mixed-3.jsonl.error.json",
                "mixed-5.jsonl", "mixed-5.jsonl.error.json");
        assertThat(TestFolders.errorRecord(folders.clientErrors(), "mixed-2.jsonl").path("reason").asText())
                .contains("style: 'watercolour' is not allowed");
        assertThat(TestFolders.errorRecord(folders.clientErrors(), "mixed-3.jsonl").path("reason").asText())
                .contains("malformed JSON");
        assertThat(TestFolders.errorRecord(folders.clientErrors(), "mixed-5.jsonl").path("reason").asText())
                .contains("num_images: 9 is not allowed");
        assertThat(TestFolders.errorRecord(folders.clientErrors(), "mixed-5.jsonl").path("source_line").asInt())
                .isEqualTo(5);
        assertThat(TestFolders.bytes(folders.clientErrors().resolve("mixed-3.jsonl"))).asString()
                .contains("this line is not JSON");
        REPLICATE.verify(2, postRequestedFor(urlEqualTo("/v1/models/ideogram-ai/ideogram-v2-turbo/predictions")));
        assertThat(folders.files(folders.done())).containsExactly("mixed.jsonl");
    }

    private List<String> recordsFor(String name) {
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) + "-" : name;
        return folders.files(folders.clientErrors()).stream()
                .filter(f -> (f.startsWith(base) || f.startsWith(name)) && f.endsWith(".error.json")).toList();
    }

    private static Map<String, String> expectedReasons() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(CORPUS.resolve("EXPECTED.tsv"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String[] parts = line.split("\t", 2);
                expected.put(parts[0], parts[1]);
            }
        }
        return expected;
    }
}
