package org.ideogramcamel.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.ideogramcamel.dialect.registry.Providers;

/**
 * Every {@code ideogram.*} key the app reads, in one place, so a misspelt key ({@code ideogram.providr}) stops
 * start-up with the nearest known key instead of being ignored. A feature that adds a key adds it here: a plain
 * key to {@link #KEYS}, an option every provider has to {@link #PROVIDER_OPTIONS}, an option of one provider to
 * {@link #PROVIDER_OWN_OPTIONS}.
 */
public final class KnownKeys {

    /** Keys that are not per provider. */
    static final List<String> KEYS = List.of(
            "ideogram.home", "ideogram.provider", "ideogram.max-in-flight", "ideogram.max-file-size",
            "ideogram.max-image-size", "ideogram.allow-missing-credentials", "ideogram.failover",
            "ideogram.failover.open-after", "ideogram.failover.probe-after",
            // folders
            "ideogram.inbox", "ideogram.outbox", "ideogram.done", "ideogram.failed", "ideogram.unprocessed",
            "ideogram.state", "ideogram.quarantine",
            // state and cluster
            "ideogram.state.store", "ideogram.state.jdbc.url", "ideogram.state.jdbc.user",
            "ideogram.state.jdbc.password", "ideogram.state.jdbc.pool-size", "ideogram.state.lease",
            "ideogram.state.sweep-interval", "ideogram.inbox.read-lock",
            "ideogram.instance-id",
            "ideogram.kafka.enabled", "ideogram.kafka.brokers", "ideogram.kafka.topic", "ideogram.kafka.group-id",
            "ideogram.kafka.outcomes-topic",
            // stores
            "ideogram.store", "ideogram.s3.bucket", "ideogram.s3.region", "ideogram.s3.endpoint-override",
            "ideogram.s3.force-path-style", "ideogram.s3.access-key", "ideogram.s3.secret-key",
            "ideogram.s3.key-template", "ideogram.unsafe",
            // jobs
            "ideogram.dedupe", "ideogram.dedupe.window",
            "ideogram.poll.interval", "ideogram.poll.backoff", "ideogram.poll.max-interval", "ideogram.poll.deadline",
            "ideogram.retry.max-redeliveries", "ideogram.retry.initial-delay", "ideogram.retry.max-delay",
            "ideogram.retry.unknown-outcome",
            "ideogram.deadletter.client-errors-uri", "ideogram.deadletter.server-errors-uri",
            "ideogram.budget.max-spend", "ideogram.budget.max-images", "ideogram.budget.recheck-interval",
            // intake and operations
            "ideogram.http.enabled", "ideogram.http.host", "ideogram.http.port", "ideogram.http.shared-secret",
            "ideogram.management.enabled", "ideogram.management.host", "ideogram.management.port",
            "ideogram.progress.interval", "ideogram.dev");

    /** {@code ideogram.providers.<provider>.<option>} for every provider. */
    static final List<String> PROVIDER_OPTIONS = List.of("max-in-flight", "cluster-max-in-flight",
            "requests-per-minute", "price-per-image");

    /** {@code ideogram.providers.<provider>.<option>} for one provider (its URL, credential and model). */
    static final Map<String, List<String>> PROVIDER_OWN_OPTIONS = Map.of(
            "replicate", List.of("base-url", "api-token", "model", "prefer-wait"),
            "wavespeed", List.of("base-url", "api-key", "model", "base64-output"),
            "ideogram", List.of("base-url", "api-key", "auth-header", "model"),
            "pixazo", List.of("base-url", "subscription-key", "model"));

    /** Hooks the tests set as system properties; never read by the app itself. */
    static final String TEST_PREFIX = "ideogram.test.";

    /**
     * Environment variables that start with {@code IDEOGRAM_} but are not keys: the Ideogram provider's own key
     * and the launcher's jar.
     */
    static final List<String> OTHER_VARIABLES = List.of("IDEOGRAM_API_KEY", "IDEOGRAM_JAR");

    private KnownKeys() {
    }

    /** Every known key, sorted, per-provider options spelt out for each provider. */
    public static List<String> all() {
        TreeSet<String> all = new TreeSet<>(KEYS);
        for (String provider : Providers.names()) {
            PROVIDER_OPTIONS.forEach(option -> all.add("ideogram.providers." + provider + "." + option));
            PROVIDER_OWN_OPTIONS.getOrDefault(provider, List.of())
                    .forEach(option -> all.add("ideogram.providers." + provider + "." + option));
        }
        return List.copyOf(all);
    }

    public static boolean isKnown(String key) {
        return key.startsWith(TEST_PREFIX) || all().contains(key);
    }

    /**
     * Whether an {@code IDEOGRAM_*} environment variable stands for a known key ({@code IDEOGRAM_MAX_IN_FLIGHT} for
     * {@code ideogram.max-in-flight}), or is one of the variables that are not keys ({@link #OTHER_VARIABLES}).
     */
    public static boolean isKnownVariable(String variable) {
        return OTHER_VARIABLES.contains(variable) || all().stream().anyMatch(k -> variableOf(k).equals(variable));
    }

    /** The environment-variable form of a key: upper case, dots and dashes as underscores. */
    public static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The known key closest to {@code key} (edit distance), for a "did you mean" hint. */
    public static Optional<String> nearest(String key) {
        return all().stream().min(Comparator.comparingInt((String known) -> distance(key, known))
                .thenComparing(Comparator.naturalOrder()));
    }

    /** The known key closest to an unknown environment variable, in its variable form. */
    public static Optional<String> nearestVariable(String variable) {
        List<String> variables = new ArrayList<>();
        all().forEach(k -> variables.add(variableOf(k)));
        return variables.stream().min(Comparator.comparingInt((String known) -> distance(variable, known))
                .thenComparing(Comparator.naturalOrder()));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
