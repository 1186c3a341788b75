package org.ideogramcamel.app;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.support.StubProvider;
import org.ideogramcamel.support.TestFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The launcher's commands, run as {@code bin/ideogram-camel validate|retry … --config <home>} runs them: validate
 * prints the request each job would send, credentials masked, and its cost, and sends nothing; retry puts a
 * folder's dead letters back into the home's inbox.
 */
class CommandsTest {

    @RegisterExtension
    static final StubProvider REPLICATE = new StubProvider();

    private final Path home = Path.of("target/it/commands/home").toAbsolutePath();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String homeProperty;

    @BeforeEach
    void layOutAHome() throws IOException {
        homeProperty = System.getProperty(IdeogramHome.KEY);
        TestFolders.delete(home);
        TestFolders.copy(Path.of("config"), home.resolve("config"));
        Files.writeString(home.resolve("config/application.properties"), "\nideogram.providers.replicate.base-url = "
                + REPLICATE.baseUrl() + "/v1\nideogram.providers.replicate.api-token = r8_commands_canary\n"
                + "ideogram.providers.replicate.price-per-image = 0.05\nideogram.providers.ideogram.price-per-image = 0.08\n",
                StandardOpenOption.APPEND);
    }

    @AfterEach
    void restoreTheHomeProperty() {
        // the commands set ideogram.home as the app does; later tests in this JVM must not inherit it
        if (homeProperty == null) {
            System.clearProperty(IdeogramHome.KEY);
        } else {
            System.setProperty(IdeogramHome.KEY, homeProperty);
        }
    }

    @Test
    void validatePrintsTheRequestWithTheCredentialMaskedAndTheCostAndSendsNothing() throws IOException {
        Path jobs = Files.createDirectories(home.resolve("jobs"));
        Files.writeString(jobs.resolve("fox.json"), "{\"prompt\": \"a red fox\", \"aspect_ratio\": \"16:9\"}");
        Files.writeString(jobs.resolve("two.json"), "{\"prompt\": \"two foxes\", \"num_images\": 2}");

        int status = run("validate", jobs.resolve("fox.json").toString(), jobs.resolve("two.json").toString(),
                "--provider", "replicate");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(jobs.resolve("fox.json") + " (job fox): valid for replicate")
                // the shipped default model on Replicate is Ideogram 3 Turbo, which makes one image per call
                .contains("\"url\" : \"" + REPLICATE.baseUrl() + "/v1/models/ideogram-ai/ideogram-v3-turbo/predictions\"")
                .contains("\"Authorization\" : \"Bearer ****\"")
                .contains("\"aspect_ratio\" : \"16:9\"")
                .contains("estimated cost: 1 image × 0.05 = 0.05")
                .contains("(job two): refused: num_images 2 is not sold for v3_turbo on replicate; use at most 1")
                .contains("nothing was sent; 1 refused")
                .doesNotContain("r8_commands_canary");
        assertThat(status).isEqualTo(1);
        REPLICATE.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void validateNeedsNoKey() throws IOException {
        Path jobs = Files.createDirectories(home.resolve("jobs"));
        Files.writeString(jobs.resolve("poster.txt"), "A jazz festival poster");

        int status = run("validate", jobs.resolve("poster.txt").toString(), "--provider", "ideogram");

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(job poster): valid for ideogram")
                .contains("\"Api-Key\" : \"****\"").contains("estimated cost: 1 image × 0.08 = 0.08");
        assertThat(status).isZero();
    }

    @Test
    void retryPutsTheChannelsJobsBackIntoTheHomesInbox() throws IOException {
        Path channel = Files.createDirectories(home.resolve("failed/server-errors"));
        Files.writeString(channel.resolve("fox.txt"), "a red fox");
        Files.writeString(channel.resolve("fox.txt.error.json"), "{\"reason\": \"replicate answered 503\","
                + " \"provider\": \"replicate\", \"failure\": \"server_error\"}");

        int status = run("retry", channel.toString());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("put back fox.txt as " + home.resolve("inbox/fox.json")
                + " (provider replicate)").contains("1 job put back into " + home.resolve("inbox") + ", 0 skipped");
        assertThat(new ObjectMapper().readTree(home.resolve("inbox/fox.json").toFile()).path("provider").asText())
                .isEqualTo("replicate");
    }

    @Test
    void aWrongProviderIsAUsageError() {
        assertThat(run("validate", "x.json", "--provider", "replicat")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("ideogram-camel validate: --provider"
                + " replicat is not valid; use one of offline replicate wavespeed ideogram pixazo");
    }

    @Test
    void helpAndVersionAreTheLaunchersOwn() {
        assertThat(Commands.infoRequested(new String[] {"--help"})).startsWith("Usage: ideogram-camel")
                .contains("retry <channel folder>").contains("validate FILE...");
        assertThat(Commands.infoRequested(new String[] {"--config", "/x", "--version"}))
                .matches("ideogram-camel \\S+");
        assertThat(Commands.infoRequested(new String[] {"--config", "/x"})).isNull();
    }

    private int run(String... args) {
        IdeogramHome.Launch launch = IdeogramHome.fromCommandLine(
                List.of(List.of("--config", home.toString()), List.of(args)).stream().flatMap(List::stream)
                        .toArray(String[]::new), Optional.empty(), java.util.Map.of());
        return Commands.run(launch, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
