package org.ideogramcamel.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The app as a user runs it, for tests that stop or kill it: its own JVM (the main class on the test classpath, so
 * it runs before the jar is built), started in a home laid out as a user's, its output in a log file of the home.
 */
public final class AppJvm {

    private AppJvm() {
    }

    /** Empties {@code home} and copies the project's {@code routes/} and {@code config/} into it, as a user's home. */
    public static Path freshHome(Path home) {
        TestFolders.delete(home);
        TestFolders.copy(Path.of("routes"), home.resolve("routes"));
        TestFolders.copy(Path.of("config"), home.resolve("config"));
        return home;
    }

    /**
     * Starts the app in {@code home} with these JVM options ({@code -Dkey=value}), standard output and error to
     * {@code log}.
     */
    public static Process start(Path home, Path log, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(options);
        command.add("org.ideogramcamel.app.IdeogramCamel");
        return new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }
}
