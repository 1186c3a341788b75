package org.ideogramcamel.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ideogramcamel.support.FreePorts;
import org.ideogramcamel.support.TestFolders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each start-up mistake of issue 17 stops the app, started as a user starts it (its own JVM, the main class,
 * a home with the shipped config/ and routes/), with one line on stderr that names the key, no stack trace, and
 * exit status 2. A second instance on the same state folder is refused naming the first one's pid; one with its
 * own state folder starts beside it.
 */
class StartupChecksTest {

    private static final Path ROOT = Path.of("target/it/startup-checks").toAbsolutePath();
    private final Path home = ROOT.resolve("home");
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void layOutAHome() {
        TestFolders.delete(ROOT);
        TestFolders.copy(Path.of("config"), home.resolve("config"));
        TestFolders.copy(Path.of("routes"), home.resolve("routes"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aBaseUrlWithoutASchemeStopsStartUpNamingTheKeyAndTheValue() throws Exception {
        Refusal refusal = refused(List.of("-Dideogram.provider=replicate", "-Dideogram.providers.replicate.api-token=r8_x",
                "-Dideogram.providers.replicate.base-url=api.replicate.com/v1"), Map.of());
        assertThat(refusal.line()).isEqualTo("ideogram-camel: ideogram.providers.replicate.base-url=api.replicate.com/v1"
                + " is not a URL with an http(s) scheme and a host; use a URL such as https://api.replicate.com/v1");
    }

    @Test
    void aBaseUrlWithASpaceStopsStartUpNamingTheKey() throws Exception {
        Refusal refusal = refused(List.of("-Dideogram.providers.wavespeed.base-url=https://api. wavespeed.ai/api/v3"),
                Map.of());
        assertThat(refusal.line()).startsWith("ideogram-camel: ideogram.providers.wavespeed.base-url="
                + "https://api. wavespeed.ai/api/v3 is not a valid URL (Illegal character in authority");
    }

    @Test
    void theDefaultProviderWithoutItsCredentialStopsStartUpNamingTheKeyToSet() throws Exception {
        Refusal refusal = refused(List.of("-Dideogram.provider=wavespeed"), Map.of());
        assertThat(refusal.line()).isEqualTo("ideogram-camel: ideogram.provider=wavespeed has no credential: set"
                + " WAVESPEED_API_KEY or ideogram.providers.wavespeed.api-key (or ideogram.allow-missing-credentials=true"
                + " to start anyway, when jobs name another provider)");
    }

    @Test
    void aMisspeltKeyFromAnySourceStopsStartUpWithTheNearestKnownKey() throws Exception {
        assertThat(refused(List.of("-Dideogram.providr=replicate"), Map.of()).line())
                .isEqualTo("ideogram-camel: unknown key ideogram.providr; did you mean ideogram.provider? (the"
                        + " README's Configuration table lists every key)");
        assertThat(refused(List.of(), Map.of("IDEOGRAM_MAX_INFLIGHT", "4")).line())
                .startsWith("ideogram-camel: unknown environment variable IDEOGRAM_MAX_INFLIGHT; did you mean"
                        + " IDEOGRAM_MAX_IN_FLIGHT?");
        Files.writeString(home.resolve("config/application.properties"), "\nideogram.poll.intervall = 1s\n",
                StandardOpenOption.APPEND);
        assertThat(refused(List.of(), Map.of()).line()).startsWith("ideogram-camel: unknown key"
                + " ideogram.poll.intervall; did you mean ideogram.poll.interval?");
    }

    @Test
    void aManagementOrHttpPortInUseStopsStartUp() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Refusal refusal = refused(List.of("-Dideogram.management.port=" + taken.getLocalPort()), Map.of());
            assertThat(refusal.line()).startsWith("ideogram-camel: ideogram.management.port=" + taken.getLocalPort()
                    + ": cannot listen on 127.0.0.1:" + taken.getLocalPort());

            refusal = refused(List.of("-Dideogram.management.port=" + FreePorts.freePort(),
                    "-Dideogram.http.enabled=true", "-Dideogram.http.port=" + taken.getLocalPort()), Map.of());
            assertThat(refusal.line()).startsWith("ideogram-camel: ideogram.http.port=" + taken.getLocalPort()
                    + ": cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aSecondInstanceOnTheSameStateFolderIsRefusedNamingTheFirstOnesPid() throws Exception {
        Process first = start(List.of("-Dideogram.management.port=" + FreePorts.freePort()), Map.of(), "first");
        awaitStarted(first, "first");
        assertThat(Files.readString(home.resolve("state/instance.lock")).strip())
                .isEqualTo(Long.toString(first.pid()));

        Refusal second = refused(List.of("-Dideogram.management.port=" + FreePorts.freePort()), Map.of());
        assertThat(second.line()).isEqualTo("ideogram-camel: ideogram.state=" + home.resolve("state") + " is in use"
                + " by another running instance (pid " + first.pid() + "); stop it first, or give this instance a state"
                + " folder of its own with ideogram.state (instances sharing one inbox each need their own)");

        // a cluster member with its own state folder, sharing the inbox, is not affected
        Process own = start(List.of("-Dideogram.management.port=" + FreePorts.freePort(), "-Dideogram.state=state-2"),
                Map.of(), "own");
        awaitStarted(own, "own");

        // a lock left by a killed instance does not block the next start
        first.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        Process next = start(List.of("-Dideogram.management.port=" + FreePorts.freePort()), Map.of(), "next");
        awaitStarted(next, "next");
    }

    private record Refusal(int status, String line, String output) {
    }

    /** Starts the app, expects it to stop by itself, and checks the one-line, exit-2, no-stack-trace contract. */
    private Refusal refused(List<String> options, Map<String, String> environment) throws Exception {
        Process process = start(options, environment, "refused");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the app stops by itself").isTrue();
        String errors = Files.readString(ROOT.resolve("refused.err"), StandardCharsets.UTF_8).strip();
        String output = Files.readString(ROOT.resolve("refused.out"), StandardCharsets.UTF_8);
        assertThat(errors).as("one line on stderr").doesNotContain("\n");
        assertThat(errors + output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(output).doesNotContain(") started in");
        assertThat(process.exitValue()).isEqualTo(2);
        return new Refusal(process.exitValue(), errors, output);
    }

    private Process start(List<String> options, Map<String, String> environment, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1"));
        command.addAll(options);
        command.addAll(List.of("org.ideogramcamel.app.IdeogramCamel", "--config", home.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(ROOT.resolve(name + ".out").toFile()).redirectError(ROOT.resolve(name + ".err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("IDEOGRAM_") || k.endsWith("_API_TOKEN")
                || k.endsWith("_API_KEY") || k.endsWith("_SUBSCRIPTION_KEY"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void awaitStarted(Process process, String name) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> !process.isAlive()
                || Files.readString(ROOT.resolve(name + ".out")).contains(") started in"));
        assertThat(process.isAlive()).as(name + " runs").isTrue();
    }
}
