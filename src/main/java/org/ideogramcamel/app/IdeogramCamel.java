package org.ideogramcamel.app;

import org.apache.camel.main.Main;

/**
 * Starts Camel Main with the routes in {@code routes/} and the configuration in {@code config/}, both read from
 * the working directory so a user edits them without recompiling.
 */
public final class IdeogramCamel {

    private IdeogramCamel() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        main.configure().addConfiguration(IdeogramConfiguration.class);
        main.run(args);
    }
}
