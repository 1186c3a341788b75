package org.ideogramcamel.store;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.ideogramcamel.PrettyJson;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store's answer to "what did a killed run already upload for this image?". It lists the keys
 * {@code ideogram.s3.key-template} gives the image (any extension, any {@code -2} … suffix) and reads the sidecar
 * beside each: only a sidecar naming the same job, prediction and image, with its image object present, counts.
 *
 * <p>Listing by the template's prefix, rather than guessing keys with HEAD requests, finds the image whatever its
 * format and suffix in one request per day. With {@code {date}} in the template the image may have been stored on
 * any day from the create to today (a kill just before midnight), so each of those days is listed, newest first.
 */
final class S3ImageLookup {

    /** A prediction resumed after this long has expired URLs anyway; older days are not listed. */
    static final int MAX_DAYS = 31;

    private final S3Options options;
    private final Supplier<S3Client> client;
    private final Clock clock;

    S3ImageLookup(S3Options options, Supplier<S3Client> client, Clock clock) {
        this.options = options;
        this.client = client;
        this.clock = clock;
    }

    Optional<EarlierImage> find(PredictionImage wanted) throws IOException {
        LocalDate today = LocalDate.now(clock);
        LocalDate first = today;
        if (options.keyTemplate().isDated() && wanted.since() != null && wanted.since().isBefore(today)) {
            first = wanted.since().isBefore(today.minusDays(MAX_DAYS)) ? today.minusDays(MAX_DAYS) : wanted.since();
        }
        Set<String> listed = new HashSet<>();
        for (LocalDate day = today; !day.isBefore(first); day = day.minusDays(1)) {
            String prefix = options.keyTemplate().keyPrefix(day, wanted.job());
            if (!listed.add(prefix)) {
                continue; // {date} after the prefix: every day lists the same keys
            }
            Optional<EarlierImage> found = findOn(day, prefix, wanted);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<EarlierImage> findOn(LocalDate day, String prefix, PredictionImage wanted) throws IOException {
        Pattern imageKeys = options.keyTemplate().imageKeys(day, wanted.job(), wanted.index());
        Set<String> keys = list(prefix);
        for (String key : keys) {
            Matcher matcher = imageKeys.matcher(key);
            if (!matcher.matches()) {
                continue;
            }
            String extension = options.keyTemplate().hasExtension() ? matcher.group("ext") : "";
            if (extension.equals("json")) {
                continue; // a sidecar, when the template ends in .{ext}
            }
            String sidecarKey = S3KeyTemplate.sidecarKey(key, extension);
            if (!keys.contains(sidecarKey)) {
                continue;
            }
            JsonNode sidecar = PrettyJson.MAPPER.readTree(client.get().getObjectAsBytes(
                    request -> request.bucket(options.bucket()).key(sidecarKey)).asByteArray());
            if (Sidecars.describes(sidecar, wanted)) {
                return Optional.of(Sidecars.earlier(sidecar, options.location(key), options.location(sidecarKey)));
            }
        }
        return Optional.empty();
    }

    /** The keys under the prefix (every page), sorted so that the same bucket always gives the same answer. */
    private Set<String> list(String prefix) {
        return client.get().listObjectsV2Paginator(request -> request.bucket(options.bucket()).prefix(prefix))
                .contents().stream().map(S3Object::key).collect(Collectors.toCollection(TreeSet::new));
    }
}
