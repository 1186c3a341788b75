package org.ideogramcamel.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;

/**
 * The folder the app works from: {@code config/application.properties}, {@code routes/} and the default
 * {@code inbox}, {@code outbox}, {@code done}, {@code failed} and {@code state} folders are found relative to it,
 * so the jar runs the same from any working directory. Chosen by {@code --config <dir>}, else
 * {@code -Dideogram.home=<dir>}, else the environment variable {@code IDEOGRAM_HOME}, else the working directory.
 */
public final class IdeogramHome {

    public static final String KEY = "ideogram.home";
    static final String ENVIRONMENT_VARIABLE = "IDEOGRAM_HOME";
    static final String CONFIG_FILE = "config/application.properties";

    /** Folder keys that are resolved against the home when they are relative. */
    static final List<String> FOLDER_KEYS = List.of("ideogram.inbox", "ideogram.outbox", "ideogram.done",
            "ideogram.failed", "ideogram.state", "ideogram.unprocessed", "ideogram.quarantine");

    private IdeogramHome() {
    }

    /** The home and the arguments left for Camel Main once {@code --config <dir>} is taken out. */
    public record Launch(Path home, String[] camelArgs) {

        public Path configFile() {
            return home.resolve(CONFIG_FILE);
        }
    }

    /**
     * Reads {@code --config <dir>} (or {@code --config=<dir>}) from the command line, then the system property and
     * the environment variable. Throws with a one-line reason when {@code --config} has no folder after it.
     */
    public static Launch fromCommandLine(String[] args, Optional<String> systemProperty,
            Map<String, String> environment) {
        String chosen = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config")) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    throw new IllegalArgumentException("--config needs a folder: the one that holds config/ and"
                            + " routes/, e.g. --config /opt/ideogram-camel");
                }
                chosen = args[++i];
            } else if (arg.startsWith("--config=")) {
                chosen = arg.substring("--config=".length());
            } else {
                rest.add(arg);
            }
        }
        if (chosen == null) {
            chosen = systemProperty.filter(v -> !v.isBlank())
                    .orElseGet(() -> Optional.ofNullable(environment.get(ENVIRONMENT_VARIABLE))
                            .filter(v -> !v.isBlank()).orElse("."));
        }
        return new Launch(Path.of(chosen).toAbsolutePath().normalize(), rest.toArray(String[]::new));
    }

    /** The home as configured ({@code ideogram.home}), else the working directory; always absolute. */
    public static Path of(Settings settings) {
        return Path.of(settings.text(KEY, ".")).toAbsolutePath().normalize();
    }

    /**
     * Rewrites each relative folder key as an absolute path under the home, as an override property, so every
     * consumer of the key (the file consumer's {@code file:{{ideogram.inbox}}}, the dead-letter URIs built from
     * {@code {{ideogram.failed}}}, the beans) sees the same folder whatever the working directory is.
     */
    public static Path anchorFolders(PropertiesComponent properties, Settings settings) {
        Path home = of(settings);
        for (String key : FOLDER_KEYS) {
            settings.optional(key).ifPresent(value -> properties.addOverrideProperty(key,
                    home.resolve(value).normalize().toString()));
        }
        return home;
    }
}
