package org.ideogramcamel.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator wants to see first in the log: which build runs, from which home, with which configuration.
 * Every {@code ideogram.*} key is listed with its effective value (after -D, environment and defaults); a
 * credential shows only whether it is set, and secrets inside endpoint URIs are masked.
 */
public final class StartupBanner {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.config");
    // the key's last part names a credential (api-token, secret-key, shared-secret …); key-template does not
    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(token|key|secret|password|passphrase|credential)$");

    private StartupBanner() {
    }

    /** The build's version: the jar manifest's Implementation-Version, else the one Maven wrote at build time. */
    public static String version() {
        String fromManifest = StartupBanner.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        try (InputStream in = StartupBanner.class.getResourceAsStream("/org/ideogramcamel/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        return "unknown";
    }

    /** True for keys whose value is a credential (api-token, api-key, subscription-key, secret-key …). */
    public static boolean isSecret(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        return SECRET_KEY.matcher(last).matches();
    }

    /** The value as it may be shown: a credential as (set)/(not set), secrets in a URI's query masked. */
    public static String shown(String key, String value) {
        if (isSecret(key)) {
            return value == null || value.isBlank() ? "(not set)" : "(set)";
        }
        if (value == null) {
            return "(not set)";
        }
        return value.contains(":") ? URISupport.sanitizeUri(value) : value;
    }

    /** The lines of the effective configuration: {@code key = value}, sorted by key. */
    public static List<String> effectiveConfiguration(CamelContext context, Settings settings,
            Map<String, String> credentials) {
        TreeSet<String> keys = new TreeSet<>(credentials.keySet());
        context.getPropertiesComponent().loadProperties(k -> k.startsWith("ideogram."))
                .stringPropertyNames().forEach(keys::add);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("ideogram."))
                .forEach(keys::add);
        keys.removeIf(k -> k.startsWith("ideogram.test."));
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            if (credentials.containsKey(key)) {
                lines.add(key + " = " + credentials.get(key));
                continue;
            }
            String value;
            try {
                value = settings.optional(key).orElse(null);
            } catch (RuntimeException e) {
                value = "(unresolvable: " + e.getMessage() + ")";
            }
            lines.add(key + " = " + shown(key, value));
        }
        return lines;
    }

    /**
     * Logs the banner. {@code credentials} maps each provider's credential key to what may be said of it,
     * e.g. {@code (set, from REPLICATE_API_TOKEN)}.
     */
    public static void log(CamelContext context, Settings settings, Path home, Map<String, String> credentials) {
        LOG.info("ideogram-camel {} (Apache Camel {}, Java {}), home {}", version(), context.getVersion(),
                System.getProperty("java.version"), home);
        LOG.info("effective configuration (credentials show only whether they are set):");
        for (String line : effectiveConfiguration(context, settings, credentials)) {
            LOG.info("  {}", line);
        }
    }
}
