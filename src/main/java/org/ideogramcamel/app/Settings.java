package org.ideogramcamel.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.TimeUtils;

/**
 * Reads {@code ideogram.*} keys from Camel's properties component, so {@code config/application.properties},
 * {@code -Dkey=value} and the environment-variable form ({@code IDEOGRAM_MAX_IN_FLIGHT}) all apply.
 *
 * <p>Every read says which key was wrong and what it expects, because a typo in a config file is the most
 * common start-up failure a user meets.
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    PropertiesComponent properties() {
        return properties;
    }

    public Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String text(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public Path folder(String key, String fallback) {
        return Path.of(text(key, fallback));
    }

    /**
     * A URL key (a provider's base URL, an endpoint override): it must be http or https with a host, so a value
     * such as {@code api.replicate.com/v1} (no scheme) or one with a space stops start-up naming the key and the
     * value, instead of starting and failing every job later.
     */
    public URI url(String key, String fallback) {
        String value = text(key, fallback);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not a valid URL (" + e.getReason()
                    + " at index " + e.getIndex() + "); use a URL such as " + fallback);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(key + "=" + value + " is not a URL with an http(s) scheme and a host;"
                    + " use a URL such as " + fallback);
        }
        return uri;
    }

    public int integer(String key, int fallback, int min, int max) {
        int value = parse(key, fallback, Integer::parseInt, "a whole number");
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    key + "=" + value + " is out of range; set it between " + min + " and " + max);
        }
        return value;
    }

    public long bytes(String key, long fallback) {
        return parse(key, fallback, Long::parseLong, "a number of bytes");
    }

    public double decimal(String key, double fallback) {
        return parse(key, fallback, Double::parseDouble, "a decimal number such as 1.5");
    }

    public boolean flag(String key, boolean fallback) {
        return optional(key).map(v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(key + "=" + v + " is not valid; use true or false");
            }
            return Boolean.parseBoolean(v);
        }).orElse(fallback);
    }

    public Duration duration(String key, Duration fallback) {
        return optional(key).map(v -> {
            try {
                return Duration.ofMillis(TimeUtils.toMilliSeconds(v));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        key + "=" + v + " is not a duration; use milliseconds or a form like 500ms, 2s, 10m");
            }
        }).orElse(fallback);
    }

    private <T> T parse(String key, T fallback, Function<String, T> parser, String expected) {
        return optional(key).map(v -> {
            try {
                return parser.apply(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key + "=" + v + " is not valid; expected " + expected);
            }
        }).orElse(fallback);
    }
}
