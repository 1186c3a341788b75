package org.ideogramcamel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ideogramcamel.support.TestFolders;

/**
 * The app's home for one benchmark run, laid out as a user's (README: {@code routes/}, {@code config/} and the
 * jar's class-data archive where {@code config/jvm.options} names it), and the command line the README starts it
 * with. Every benchmark mode (throughput, several instances, start-up) starts the app through here.
 */
final class BenchHome {

    private BenchHome() {
    }

    /**
     * Copies {@code routes/} and {@code config/} into {@code work} and links the class-data archive that
     * {@code mvn package} made, relative to the run's home as {@code config/jvm.options} expects it.
     *
     * @return whether there was an archive to link
     */
    static boolean prepare(Path work) throws IOException {
        TestFolders.copy(Path.of("routes"), work.resolve("routes"));
        TestFolders.copy(Path.of("config"), work.resolve("config"));
        Path archive = Path.of("target", "ideogram-camel.jsa").toAbsolutePath();
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        Files.createSymbolicLink(Files.createDirectories(work.resolve("target")).resolve(archive.getFileName()),
                archive);
        return true;
    }

    /**
     * {@code @config/jvm.options} as the README starts the app ({@code bench.jvm-options-file} names another file
     * in the home, {@code none} leaves it out), then {@code bench.jvm-options}.
     */
    static List<String> jvmOptions(Path work) {
        List<String> options = new ArrayList<>();
        String file = System.getProperty("bench.jvm-options-file", "config/jvm.options");
        Path optionsFile = work.resolve(file);
        if (!"none".equals(file) && Files.isRegularFile(optionsFile)) {
            options.add("@" + optionsFile.toAbsolutePath());
        }
        String extra = System.getProperty("bench.jvm-options", "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return options;
    }

    /** {@code -jar target/ideogram-camel.jar}, or the test classpath ({@code bench.launch=classpath}, before the jar exists). */
    static List<String> launch() {
        return "classpath".equals(System.getProperty("bench.launch"))
                ? List.of("-cp", System.getProperty("java.class.path"), "org.ideogramcamel.app.IdeogramCamel")
                : List.of("-jar", Path.of("target", "ideogram-camel.jar").toAbsolutePath().toString());
    }
}
