package org.ideogramcamel.job;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.ideogramcamel.OneLine;

/**
 * Turns the bytes of a prompt file into job tickets: {@code .txt} (the whole file is the prompt), {@code .json}
 * and {@code .yaml}/{@code .yml} (one job), {@code .jsonl} (one job per line). Anything unreadable becomes a
 * ticket with a one-line reason instead of an exception, so one bad line never sinks the rest of a file.
 */
public class JobReader {

    private final long maxBytes;
    private final ObjectMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ObjectMapper yaml = new YAMLMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    public JobReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** A file too large to read: refused without loading it. */
    public JobTicket oversized(String fileName, long size) {
        return JobTicket.unreadable(new JobSource(fileName, baseName(fileName), null, null),
                "file is " + size + " bytes, over the " + maxBytes + "-byte limit (ideogram.max-file-size)");
    }

    public List<JobTicket> read(String fileName, byte[] content) {
        String jobName = baseName(fileName);
        JobSource whole = new JobSource(fileName, jobName, null, content);
        if (content.length > maxBytes) {
            return List.of(oversized(fileName, content.length));
        }
        String text;
        try {
            text = decode(content);
        } catch (IllegalArgumentException e) {
            return List.of(JobTicket.unreadable(whole, e.getMessage()));
        }
        String extension = extension(fileName);
        return switch (extension) {
            case "txt" -> List.of(fromText(whole, text));
            case "json" -> List.of(fromJson(whole, text, "a .json file"));
            case "yaml", "yml" -> List.of(fromYaml(whole, text));
            case "jsonl" -> fromJsonLines(fileName, jobName, text);
            default -> List.of(JobTicket.unreadable(whole, "unsupported file type '" + fileName
                    + "'; use .txt, .json, .yaml, .yml or .jsonl"));
        };
    }

    /**
     * A job that arrived in a message rather than a file: a Map, JSON text, YAML text, or plain text that is
     * the prompt itself. Text is a YAML job only when it parses to a mapping of job fields, so a prompt such as
     * "Sign: open late" stays a prompt.
     */
    public JobTicket readMessage(String jobName, Object body) {
        if (body instanceof Map<?, ?> map) {
            ObjectNode fields = json.valueToTree(map);
            return JobTicket.readable(messageSource(jobName, fields.toString().getBytes(StandardCharsets.UTF_8)),
                    fields);
        }
        byte[] bytes = body instanceof byte[] raw ? raw
                : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
        if (bytes == null) {
            String type = body == null ? "an empty body" : "a " + body.getClass().getSimpleName();
            return JobTicket.unreadable(messageSource(jobName, new byte[0]), "the message holds " + type
                    + "; send JSON or YAML text, a Map, or the prompt as text");
        }
        JobSource source = messageSource(jobName, bytes);
        return withText(source, bytes, "message", "send a job or a prompt", text -> {
            if (text.strip().startsWith("{")) {
                return fromJson(source, text, "a JSON job");
            }
            JobTicket yamlJob = fromYaml(source, text);
            if (yamlJob.isReadable() && looksLikeAJob(yamlJob.fields())) {
                return yamlJob;
            }
            return fromText(source, text);
        });
    }

    /**
     * A job that must be JSON, such as the body of {@code POST /jobs}: one JSON object, nothing else. Unlike
     * {@link #readMessage} a body that is not JSON is refused rather than taken for a prompt, because a client
     * that meant to send JSON and sent something broken must hear about it before anything is paid for.
     */
    public JobTicket readJson(String jobName, byte[] body) {
        JobSource source = messageSource(jobName, body);
        return withText(source, body, "the body", "send a JSON job such as {\"prompt\": \"...\"}",
                text -> fromJson(source, text, "a JSON job"));
    }

    /**
     * Reads a message's or body's bytes as text and hands it on, or refuses them with a reason: over
     * ideogram.max-file-size, not UTF-8, or blank. {@code what} names the input in the reason.
     */
    private JobTicket withText(JobSource source, byte[] bytes, String what, String emptyHint,
            Function<String, JobTicket> then) {
        if (bytes.length > maxBytes) {
            return JobTicket.unreadable(source, what + " is " + bytes.length + " bytes, over the " + maxBytes
                    + "-byte limit (ideogram.max-file-size)");
        }
        String text;
        try {
            text = decode(bytes);
        } catch (IllegalArgumentException e) {
            return JobTicket.unreadable(source, e.getMessage().replace("file", what.replace("the ", "")));
        }
        if (text.isBlank()) {
            return JobTicket.unreadable(source, what + " is empty; " + emptyHint);
        }
        return then.apply(text);
    }

    private static boolean looksLikeAJob(ObjectNode fields) {
        java.util.Iterator<String> names = fields.fieldNames();
        while (names.hasNext()) {
            if (!JobValidator.FIELDS.contains(names.next())) {
                return false;
            }
        }
        return fields.size() > 0;
    }

    private static JobSource messageSource(String jobName, byte[] content) {
        return new JobSource(jobName + ".json", jobName, null, content);
    }

    private JobTicket fromText(JobSource source, String text) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("prompt", text.strip());
        return JobTicket.readable(source, fields);
    }

    private JobTicket fromJson(JobSource source, String text, String what) {
        if (text.isBlank()) {
            return JobTicket.unreadable(source, "file is empty; write a JSON object such as {\"prompt\": \"...\"}");
        }
        try {
            return objectOrProblem(source, json.readTree(text), what);
        } catch (JsonProcessingException e) {
            return JobTicket.unreadable(source, "malformed JSON" + where(e) + ": " + OneLine.of(e.getOriginalMessage(), 200));
        }
    }

    private List<JobTicket> fromJsonLines(String fileName, String jobName, String text) {
        List<JobTicket> tickets = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int number = i + 1;
            JobSource source = new JobSource(fileName, jobName + "-" + number, number,
                    line.getBytes(StandardCharsets.UTF_8));
            tickets.add(fromJson(source, line, "each .jsonl line"));
        }
        if (tickets.isEmpty()) {
            JobSource whole = new JobSource(fileName, jobName, null, text.getBytes(StandardCharsets.UTF_8));
            tickets.add(JobTicket.unreadable(whole, "file has no jobs; write one JSON object per line"));
        }
        return tickets;
    }

    private JobTicket fromYaml(JobSource source, String text) {
        if (text.isBlank()) {
            return JobTicket.unreadable(source, "file is empty; write a YAML mapping such as 'prompt: ...'");
        }
        try {
            String refusal = refuseUnsafeYaml(text);
            if (refusal != null) {
                return JobTicket.unreadable(source, refusal);
            }
            return objectOrProblem(source, yaml.readTree(text), "a YAML job");
        } catch (JsonProcessingException e) {
            return JobTicket.unreadable(source, "malformed YAML" + where(e) + ": " + OneLine.of(e.getOriginalMessage(), 200));
        } catch (RuntimeException e) {
            return JobTicket.unreadable(source, "malformed YAML: " + OneLine.of(String.valueOf(e.getMessage()), 200));
        }
    }

    /**
     * Anchors, aliases and tags have no use in a job and are how YAML bombs and object-instantiation tricks
     * work, so a job that uses them is refused outright; so is a second document.
     */
    private String refuseUnsafeYaml(String text) throws JsonProcessingException {
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            YAMLParser yamlParser = (YAMLParser) parser;
            int depth = 0;
            int documents = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (yamlParser.isCurrentAlias() || yamlParser.getObjectId() != null) {
                    return "YAML anchors and aliases are not allowed in a job; write each value out";
                }
                if (yamlParser.getTypeId() != null) {
                    return "YAML tags such as " + InvalidJobException.shown("!" + yamlParser.getTypeId())
                            + " are not allowed in a job";
                }
                if (depth == 0) {
                    documents++;
                    if (documents > 1) {
                        return "a YAML file holds one job; put several jobs in a .jsonl file";
                    }
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JobTicket objectOrProblem(JobSource source, JsonNode node, String what) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JobTicket.unreadable(source, what + " must hold one job object; found nothing");
        }
        if (!node.isObject()) {
            return JobTicket.unreadable(source, what + " must be one job object; found "
                    + describe(node) + (!node.isArray() ? "" : what.equals("a JSON job") ? " (send one job per message)"
                    : " (put several jobs in a .jsonl file, one per line)"));
        }
        return JobTicket.readable(source, (ObjectNode) node);
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static String decode(byte[] content) {
        for (byte b : content) {
            if (b == 0) {
                throw new IllegalArgumentException("file is binary (it contains NUL bytes); write UTF-8 text");
            }
        }
        int offset = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("file is not valid UTF-8 text; save it as UTF-8");
        }
    }

    private static String where(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }


    /** The job name a prompt file gives: its name without folders and without its extension. */
    public static String baseName(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
