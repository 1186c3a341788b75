package org.ideogramcamel.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * Starts Camel Main with the routes in {@code routes/} and the configuration in {@code config/}, both read from
 * the app's home so a user edits them without recompiling. The home is {@code --config <dir>},
 * {@code -Dideogram.home=<dir>}, {@code IDEOGRAM_HOME}, or the working directory (see {@link IdeogramHome}).
 */
public final class IdeogramCamel {

    private IdeogramCamel() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // before anything loads Camel's thread factory, which reads it once
        VirtualThreads.enableByDefault(System.getProperties(), Runtime.version().feature());
        String info = Commands.infoRequested(args);
        if (info != null) {
            System.out.println(info);
            return;
        }
        IdeogramHome.Launch launch;
        try {
            launch = IdeogramHome.fromCommandLine(args, Optional.ofNullable(System.getProperty(IdeogramHome.KEY)),
                    System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("ideogram-camel: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path config = launch.configFile();
        if (!Files.isRegularFile(config)) {
            System.err.println("ideogram-camel: " + config + " not found; run from the folder that holds config/ and"
                    + " routes/, or point --config (or -Dideogram.home, IDEOGRAM_HOME) at it");
            System.exit(2);
            return;
        }
        if (Commands.isCommand(launch.camelArgs())) {
            System.exit(Commands.run(launch, System.out, System.err));
            return;
        }
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + config);
        // a system property, as it must win over a -Dideogram.home that --config replaces
        System.setProperty(IdeogramHome.KEY, launch.home().toString());
        if (devProfile(config)) {
            // Camel's dev profile implies ideogram.dev (route reload) unless the user set ideogram.dev themselves
            main.addInitialProperty("ideogram.dev", "true");
        }
        main.configure().addConfiguration(IdeogramConfiguration.class);
        try {
            main.run(launch.camelArgs());
        } catch (Exception e) {
            // a start-up mistake (a key, a port, the state folder in use ...): one line, no stack trace
            System.err.println("ideogram-camel: " + StartupFailure.reason(e));
            LoggerFactory.getLogger(IdeogramCamel.class).debug("start-up failed", e);
            System.exit(StartupFailure.exitStatus(e));
        }
    }

    /** Camel's profile is {@code dev}: -Dcamel.main.profile, CAMEL_MAIN_PROFILE or the config file say so. */
    static boolean devProfile(Path config) throws IOException {
        String profile = System.getProperty("camel.main.profile", System.getenv("CAMEL_MAIN_PROFILE"));
        if (profile == null) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(config)) {
                file.load(in);
            }
            profile = file.getProperty("camel.main.profile");
        }
        return profile != null && profile.trim().equals("dev");
    }
}
