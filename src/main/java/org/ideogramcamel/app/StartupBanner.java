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
import org.apache.camel.StartupListener;
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
     * The short summary the start-up log ends with, once every route runs and every port is bound: what runs, where
     * files go, where to reach it. {@code credential} says whether the default provider's credential is set (never its
     * value); {@code s3} describes the bucket when images go to S3, else null.
     */
    public static List<String> readySummary(Settings settings, String provider, String credential, String s3) {
        List<String> lines = new ArrayList<>();
        lines.add("ready: provider " + provider + ("offline".equals(provider)
                ? " (placeholder images rendered locally, no key needed)" : ", credential " + credential));
        String failed = settings.folder("ideogram.failed", "failed").toAbsolutePath().toString();
        lines.add("ready: prompt files from " + folder(settings, "ideogram.inbox", "inbox") + "; images to "
                + (s3 != null ? "S3 " + s3 : folder(settings, "ideogram.outbox", "outbox")) + "; done "
                + folder(settings, "ideogram.done", "done") + "; failed " + failed
                + " (client-errors, server-errors, unprocessed); state " + folder(settings, "ideogram.state", "state"));
        String http = settings.flag("ideogram.http.enabled", false)
                ? "HTTP intake " + url(settings, "ideogram.http", "8080") + "/jobs" : "HTTP intake off";
        String management = settings.flag("ideogram.management.enabled", true)
                ? "health " + url(settings, "ideogram.management", "9876") + "/observe/health, metrics /observe/metrics"
                : "health and metrics off";
        lines.add("ready: " + http + "; " + management);
        return lines;
    }

    /** Logs {@link #readySummary} once the context has started (the last lines of the start-up log). */
    public static void logWhenReady(CamelContext context, Settings settings, String provider, String credential,
            String s3) {
        List<String> lines = readySummary(settings, provider, credential, s3);
        try {
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                    // before the routes start: too early to say ready
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                    lines.forEach(LOG::info);
                }
            });
        } catch (Exception e) {
            lines.forEach(LOG::info); // cannot happen before start; the summary is informative only
        }
    }

    private static String folder(Settings settings, String key, String fallback) {
        return settings.folder(key, fallback).toAbsolutePath().toString();
    }

    private static String url(Settings settings, String prefix, String port) {
        String host = settings.text(prefix + ".host", "127.0.0.1");
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.text(prefix + ".port", port);
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
