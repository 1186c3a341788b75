package org.ideogramcamel.deadletter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.ideogramcamel.PrettyJson;

/**
 * Puts dead-lettered jobs back into the inbox ({@code bin/ideogram-camel retry <channel folder>} and
 * {@code POST /jobs/{id}/retry}): each original input beside its {@code .error.json} record goes back on the
 * provider it failed on (a {@code .txt} job, which has no provider field, is put back as a {@code .json} job that
 * names it), with the options it had, unless another provider is asked for. The records themselves are never put
 * back. A job whose create may have been billed (outcome unknown) is not put back unless asked, since it may
 * cost a second time. The input and its record move to {@code <channel>/retried/} (never overwriting), the record
 * first, so a second retry can never send the same job twice.
 */
public final class DeadLetterRetry {

    static final String RECORD_SUFFIX = ".error.json";
    static final String RETRIED_FOLDER = "retried";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = new YAMLMapper();

    private final Path inbox;

    /** @param inbox where jobs are put back ({@code ideogram.inbox}) */
    public DeadLetterRetry(Path inbox) {
        this.inbox = inbox;
    }

    /**
     * What became of one dead-lettered input.
     *
     * @param input   the input in the channel
     * @param putBack the job file written to the inbox, or null when it was skipped
     * @param message one line for the operator
     */
    public record Outcome(Path input, Path putBack, String message) {

        public boolean retried() {
            return putBack != null;
        }
    }

    /**
     * Every dead-lettered input of a channel folder, in name order; records, images and sidecars held there are
     * not inputs and are left alone.
     *
     * @param provider       another provider for every job, or null for each job's own
     * @param unknownOutcome also put back jobs whose create may have been billed
     */
    public List<Outcome> retryFolder(Path channel, String provider, boolean unknownOutcome) {
        if (!Files.isDirectory(channel)) {
            throw new IllegalArgumentException(channel + " is not a folder; name a dead-letter channel such as"
                    + " failed/server-errors");
        }
        List<Outcome> outcomes = new ArrayList<>();
        try (Stream<Path> files = Files.list(channel)) {
            for (Path record : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = record.getFileName().toString();
                if (!name.endsWith(RECORD_SUFFIX) || isImageRecord(name)) {
                    continue;
                }
                Path input = channel.resolve(name.substring(0, name.length() - RECORD_SUFFIX.length()));
                outcomes.add(retry(input, record, provider, unknownOutcome));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + channel, e);
        }
        return outcomes;
    }

    /** The dead-lettered input named {@code inputName} in the first of the channels that holds its record. */
    public Optional<Outcome> retryInput(List<Path> channels, String inputName, String provider,
            boolean unknownOutcome) {
        for (Path channel : channels) {
            Path record = channel.resolve(inputName + RECORD_SUFFIX);
            if (Files.isRegularFile(record)) {
                return Optional.of(retry(channel.resolve(inputName), record, provider, unknownOutcome));
            }
        }
        return Optional.empty();
    }

    private Outcome retry(Path input, Path record, String provider, boolean unknownOutcome) {
        JsonNode fields;
        try {
            fields = JSON.readTree(record.toFile());
        } catch (IOException e) {
            return new Outcome(input, null, "skipped " + record.getFileName() + ": not a readable record ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        // a record that names its input (issue 17: none is overwritten, so it may be malformed-2.json) is believed
        String named = text(fields, "file");
        if (named != null && named.equals(Path.of(named).getFileName().toString())) {
            input = record.resolveSibling(named);
        }
        if (!Files.isRegularFile(input)) {
            return new Outcome(input, null, "skipped " + record.getFileName() + ": its input "
                    + input.getFileName() + " is not beside it");
        }
        if (isUnknownOutcome(fields) && !unknownOutcome) {
            return new Outcome(input, null, "skipped " + input.getFileName() + ": outcome unknown, its create may"
                    + " have been billed; check the provider's dashboard, then add --unknown-outcome to send it"
                    + " again");
        }
        String chosen = provider != null ? provider : text(fields, "provider");
        try {
            Job job = jobFor(input, chosen);
            // the record is claimed first: if anything below fails, the job is not put back twice
            Path retried = Files.createDirectories(input.getParent().resolve(RETRIED_FOLDER));
            Files.move(record, free(retried, record.getFileName().toString()));
            Path target = free(inbox, job.name());
            Path staging = Files.createDirectories(inbox).resolve("." + target.getFileName() + ".tmp");
            Files.write(staging, job.content());
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Files.move(input, free(retried, input.getFileName().toString()));
            return new Outcome(input, target, "put back " + input.getFileName() + " as " + target
                    + (job.provider() == null ? "" : " (provider " + job.provider() + ")"));
        } catch (IOException e) {
            return new Outcome(input, null, "skipped " + input.getFileName() + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    /** The job file to put back: its name in the inbox, its bytes and the provider it names. */
    private record Job(String name, byte[] content, String provider) {
    }

    /**
     * The input as a job on {@code provider}: a .txt prompt becomes a .json job that names it; a .json, .yaml or
     * one-line .jsonl job gets the provider field (as .json, so its job keeps its name). Without a provider to
     * name (the job was refused before one was chosen), or when the input cannot be read as a job, it goes back as
     * it was, and the inbox says again what is wrong with it.
     */
    static Job jobFor(Path input, String provider) throws IOException {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        byte[] content = Files.readAllBytes(input);
        if (provider == null || (extension.equals("jsonl")
                && new String(content, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count() != 1)) {
            return new Job(name, content, null);
        }
        ObjectNode fields = switch (extension) {
            case "txt" -> {
                ObjectNode prompt = JsonNodeFactory.instance.objectNode();
                prompt.put("prompt", new String(content, StandardCharsets.UTF_8).strip());
                yield prompt;
            }
            case "json", "jsonl" -> object(JSON, content);
            case "yaml", "yml" -> object(YAML, content);
            default -> null;
        };
        if (fields == null) {
            return new Job(name, content, null);
        }
        fields.put("provider", provider);
        return new Job(base + ".json", PrettyJson.MAPPER.writeValueAsBytes(fields), text(fields, "provider"));
    }

    private static ObjectNode object(ObjectMapper mapper, byte[] content) {
        try {
            return mapper.readTree(content) instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The record says the create may have been billed (older records without {@code failure}: by the reason). */
    static boolean isUnknownOutcome(JsonNode record) {
        String failure = text(record, "failure");
        if (failure != null) {
            return failure.equals(DeadLetterRecord.OUTCOME_UNKNOWN);
        }
        String reason = text(record, "reason");
        return reason != null && (reason.startsWith("outcome unknown") || reason.startsWith("images lost"));
    }

    /** {@code <file>.image-<n>.error.json}: one image of a job that was paid for failed; its job is not resent. */
    static boolean isImageRecord(String name) {
        return name.matches(".*\\.image-\\d+\\" + RECORD_SUFFIX);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    /** {@code folder/name}, or {@code name-2.ext}, {@code name-3.ext} … when taken: nothing is overwritten. */
    static Path free(Path folder, String name) {
        Path candidate = folder.resolve(name);
        String base = name;
        String extension = "";
        int dot = name.endsWith(RECORD_SUFFIX) ? name.length() - RECORD_SUFFIX.length() : name.lastIndexOf('.');
        if (dot > 0) {
            base = name.substring(0, dot);
            extension = name.substring(dot);
        }
        for (int n = 2; Files.exists(candidate) || Files.exists(folder.resolve("." + candidate.getFileName()
                + ".tmp")); n++) {
            candidate = folder.resolve(base + "-" + n + extension);
        }
        return candidate;
    }
}
