package org.ideogramcamel.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official Replicate JavaScript client, installed for the side-by-side benchmark: the Node project in
 * {@code src/test/node/replicate-batch/} (its {@code package.json} pins {@code replicate} 1.4.0, its committed
 * {@code package-lock.json} the whole tree) copied to {@code target/bench/replicate-batch/} and installed there with
 * {@code npm ci} at benchmark time, so that a build ({@code mvn verify}, CI) never needs Node or npm.
 */
final class OfficialClient {

    static final Path SOURCE = Path.of("src", "test", "node", "replicate-batch");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    final Path dir;
    final String node;
    final String nodeVersion;
    final String replicateVersion;

    private OfficialClient(Path dir, String node, String nodeVersion, String replicateVersion) {
        this.dir = dir;
        this.node = node;
        this.nodeVersion = nodeVersion;
        this.replicateVersion = replicateVersion;
    }

    /** What the results table's client column says: "official replicate 1.4.0 (node v20.20.2)". */
    String label() {
        return "official replicate " + replicateVersion + " (node " + nodeVersion + ")";
    }

    /**
     * Installs the client under {@code target/bench/replicate-batch/}, or says in one line why it cannot (no node,
     * no npm, the install failed) and returns null: the side-by-side runs are then skipped, the app's still run.
     */
    static OfficialClient install() {
        String node = System.getProperty("bench.node", "node");
        String npm = System.getProperty("bench.npm", "npm");
        String nodeVersion = firstLine(List.of(node, "--version"), Path.of("."), 30);
        if (nodeVersion == null || !nodeVersion.startsWith("v")) {
            System.out.println("official client skipped: no Node.js (`" + node + " --version` failed); install Node 18+"
                    + " or pass -Dbench.node=<path to node>");
            return null;
        }
        if (firstLine(List.of(npm, "--version"), Path.of("."), 30) == null) {
            System.out.println("official client skipped: no npm (`" + npm + " --version` failed); pass -Dbench.npm=<path>");
            return null;
        }
        Path dir = Path.of("target", "bench", "replicate-batch").toAbsolutePath();
        try {
            Files.createDirectories(dir);
            for (String file : List.of("package.json", "package-lock.json", "batch.mjs")) {
                Files.copy(SOURCE.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            // exactly the committed lock; from npm's cache when it has the packages, else from the registry
            Process install = new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund", "--prefer-offline")
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("npm-ci.log").toFile()).start();
            if (!install.waitFor(5, TimeUnit.MINUTES)) {
                install.destroyForcibly();
                System.out.println("official client skipped: `npm ci` in " + dir + " took over 5 minutes (see npm-ci.log)");
                return null;
            }
            if (install.exitValue() != 0) {
                System.out.println("official client skipped: `npm ci` in " + dir + " exited with " + install.exitValue()
                        + " (see npm-ci.log there; the registry or npm's cache must serve the packages of "
                        + SOURCE.resolve("package-lock.json") + ")");
                return null;
            }
            Matcher m = VERSION.matcher(Files.readString(dir.resolve("node_modules/replicate/package.json")));
            return new OfficialClient(dir, node, nodeVersion, m.find() ? m.group(1) : "?");
        } catch (IOException e) {
            System.out.println("official client skipped: cannot install it in " + dir + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String firstLine(List<String> command, Path dir, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out.lines().findFirst().orElse("");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
