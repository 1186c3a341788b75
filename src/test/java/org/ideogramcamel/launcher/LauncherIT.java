package org.ideogramcamel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.ideogramcamel.support.FreePorts;
import org.ideogramcamel.support.TestFolders;

/**
 * Runs the packaged jar the way an operator does: {@code bin/ideogram-camel --config <home>} from an unrelated
 * working directory. Routes, configuration and folders must come from the home; the banner names the version
 * and masks credentials; health answers on the management port.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin/ideogram-camel").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("target/ideogram-camel.jsa").toAbsolutePath();
    private static final Path ROOT = Path.of("target/it/launcher").toAbsolutePath();
    private final Path home = ROOT.resolve("home");
    private final Path elsewhere = ROOT.resolve("elsewhere");
    private final Path log = ROOT.resolve("app.log");
    private Process app;

    @BeforeEach
    void layOutAHome() throws IOException {
        TestFolders.delete(ROOT);
        Files.createDirectories(elsewhere);
        TestFolders.copy(Path.of("config"), home.resolve("config"));
        TestFolders.copy(Path.of("routes"), home.resolve("routes"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(40, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    @Test
    void runsFromAnotherDirectoryWithItsHomeGivenByConfig() throws Exception {
        int port = FreePorts.freePort();
        // the home's jvm.options is read, and JAVA_OPTS overrides it
        Files.writeString(home.resolve("config/jvm.options"),
                "-Dideogram.progress.interval=7s\n-Dideogram.poll.interval=300ms\n", StandardOpenOption.APPEND);
        app = launch(List.of("--config", home.toString()), "-Dideogram.management.port=" + port
                + " -Dideogram.providers.replicate.api-token=r8_LAUNCHER_CANARY_123 -Dideogram.poll.interval=400ms");

        await().atMost(Duration.ofSeconds(90)).until(() -> logText().contains("Started intake-files"));
        Files.createDirectories(home.resolve("inbox"));
        Path staging = Files.writeString(home.resolve("lighthouse.json.tmp"), "{\"prompt\": \"a lighthouse\"}");
        Files.move(staging, home.resolve("inbox/lighthouse.json"), StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(home.resolve("outbox/lighthouse-1.png")));

        assertThat(home.resolve("outbox/lighthouse-1.json")).exists();
        assertThat(home.resolve("done/lighthouse.json")).exists();
        try (Stream<Path> created = Files.list(elsewhere)) {
            assertThat(created).as("nothing is written to the working directory").isEmpty();
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"").contains("ideogram-folders");

        String text = logText();
        assertThat(text).containsPattern("ideogram-camel \\d+\\.\\d+\\.\\d+\\S* \\(Apache Camel 4\\.")
                .contains("home " + home)
                .contains("ideogram.providers.replicate.api-token = (set)")
                .contains("ideogram.inbox = " + home.resolve("inbox"))
                .contains("ideogram.progress.interval = 7s")
                .contains("ideogram.poll.interval = 400ms")
                .contains("stored 1 image for lighthouse.json in")
                .doesNotContain("LAUNCHER_CANARY");
    }

    @Test
    void startsFromTheClassDataArchiveThePackageMade() throws Exception {
        assumeFalse(Boolean.getBoolean("cds.skip"), "built with -Dcds.skip=true: no archive to start from");
        assertThat(ARCHIVE).as("mvn package trains the jar and leaves its archive beside it").isRegularFile();
        // -Xshare:on refuses to start unless the archive maps: made for this jar, by this JDK, found from elsewhere
        app = launch(List.of("--config", home.toString()), "-Xshare:on -Dideogram.management.enabled=false");

        await().atMost(Duration.ofSeconds(90)).until(() -> !app.isAlive() || logText().contains(") started in"));
        assertThat(logText()).contains("Apache Camel 4.18.0 (ideogram-camel) started in")
                .doesNotContain("[warning][cds]").doesNotContain("shared archive");
    }

    @Test
    void aJarWithoutAnArchiveBesideItStartsInSilence() throws Exception {
        // a jar on its own (a distribution shipped without the archive): jvm.options names one that is not there
        Path jar = Files.copy(Path.of("target/ideogram-camel.jar"), Files.createDirectories(ROOT.resolve("lib"))
                .resolve("ideogram-camel.jar"));
        app = launch(List.of("--config", home.toString()), "-Dideogram.management.enabled=false", jar);

        await().atMost(Duration.ofSeconds(90)).until(() -> !app.isAlive() || logText().contains(") started in"));
        assertThat(logText()).contains("Apache Camel 4.18.0 (ideogram-camel) started in").doesNotContain("[cds");
    }

    @Test
    void aHomeWithoutConfigurationIsRefusedInOneLine() throws Exception {
        app = launch(List.of("--config", elsewhere.toString()), "");
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).isEqualTo(2);
        assertThat(logText().strip()).startsWith("ideogram-camel: " + elsewhere.resolve("config/application.properties")
                + " not found").doesNotContain("\n");
    }

    @Test
    void helpAndVersionAreTheLaunchersOwnNotCamelMains() throws Exception {
        app = launch(List.of("--help"), "");
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).isZero();
        assertThat(logText()).startsWith("Usage: ideogram-camel [--config <home>]").contains("ideogram-camel retry")
                .contains("ideogram-camel validate FILE...").doesNotContain("Unknown option");

        app = launch(List.of("--version"), "");
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).isZero();
        assertThat(logText().strip()).matches("ideogram-camel \\d+\\.\\d+\\.\\d+\\S*");
    }

    private Process launch(List<String> args, String javaOpts) throws IOException {
        return launch(args, javaOpts, null);
    }

    /** @param jar the jar to start (IDEOGRAM_JAR), or null for the build's, found by the launcher */
    private Process launch(List<String> args, String javaOpts, Path jar) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("bash", LAUNCHER.toString()),
                args.stream()).toList()).directory(elsewhere.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_OPTS", javaOpts);
        // the JDK that made the class-data archive (-Dcds.java, else the one that runs Maven)
        String java = System.getProperty("cds.java", "");
        builder.environment().put("JAVA_HOME", java.isBlank() ? System.getProperty("java.home")
                : Path.of(java).toAbsolutePath().getParent().getParent().toString());
        builder.environment().remove("IDEOGRAM_HOME");
        if (jar == null) {
            builder.environment().remove("IDEOGRAM_JAR");
        } else {
            builder.environment().put("IDEOGRAM_JAR", jar.toString());
        }
        builder.environment().remove("REPLICATE_API_TOKEN");
        return builder.start();
    }

    private String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
