package org.ideogramcamel.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.ideogramcamel.CamelHeaders;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.deadletter.DeadLetterRecord;
import org.ideogramcamel.job.FileOutcome;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobSource;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.job.StoredImage;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.journal.JournalKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route-facing steps of {@code routes/intake-kafka.camel.yaml}. A record's value is the same JSON job as
 * {@code POST /jobs} plus a required {@code id}, the job's idempotency key; the record becomes a ticket named after
 * the id, the record's offset is committed once the job is journaled, and the job's outcome (stored with its
 * locations, failed with the dead-letter reason, or a duplicate of an earlier delivery) is published keyed by the id.
 */
public class KafkaIntake {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.kafka");
    /** Exchange property: where the job's record came from (topic, partition, offset), for its outcome. */
    public static final String RECORD = "IdeogramKafkaRecord";
    /** The id field of a Kafka job; it is not a job field, so it is taken out before validation. */
    public static final String ID_FIELD = "id";
    static final int MAX_ID_LENGTH = 256;
    private static final Pattern NAMEABLE_ID = Pattern.compile("[A-Za-z0-9._-]{1,90}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobReader reader;
    private final boolean enabled;
    /** When this run began: a journal entry written since belongs to a job this run took from the topic itself. */
    private final Instant startedAt = Instant.now();

    public KafkaIntake(JobReader reader, boolean enabled) {
        this.reader = reader;
        this.enabled = enabled;
    }

    /** Where a job's record was read: named in its outcome, so a message without a usable id can be found. */
    public record Origin(String topic, Integer partition, Long offset) {
    }

    /**
     * Route step, first for every record: its value becomes a ticket, unreadable (with the reason) when it is not a
     * JSON job or has no usable {@code id}; the job is named {@code kafka-<id>}. The record's headers are dropped
     * here (but Camel's own, which hold the manual commit), so none of them travels on with the job.
     */
    public JobTicket read(Exchange exchange) {
        Message message = exchange.getMessage();
        Origin origin = new Origin(message.getHeader(KafkaConstants.TOPIC, String.class),
                message.getHeader(KafkaConstants.PARTITION, Integer.class),
                message.getHeader(KafkaConstants.OFFSET, Long.class));
        byte[] value = message.getBody(byte[].class);
        CamelHeaders.keepOnly(message);
        exchange.setProperty(RECORD, origin);
        exchange.setProperty(ExchangeKeys.FILE_OUTCOME, new FileOutcome());
        return ticket(exchange, value == null ? new byte[0] : value, recordName(origin));
    }

    /**
     * Route step of the start-up resume: a keyed job the journal shows unfinished is read again from its original
     * message, as if it had just arrived, so it takes the Kafka intake's path and its outcome is published.
     */
    public JobTicket reread(Exchange exchange) {
        JournalEntry entry = exchange.getMessage().getBody(JournalEntry.class);
        byte[] value = entry.sourceContent() == null ? new byte[0]
                : entry.sourceContent().getBytes(StandardCharsets.UTF_8);
        exchange.setProperty(RECORD, new Origin(null, null, null));
        exchange.setProperty(ExchangeKeys.FILE_OUTCOME, new FileOutcome());
        return ticket(exchange, value, entry.job());
    }

    /** Route predicate of the start-up resume: a keyed job is taken up by this intake when it is on. */
    public boolean takesUp(Exchange exchange) {
        JournalEntry entry = exchange.getMessage().getBody(JournalEntry.class);
        return enabled && entry != null && JournalKeys.isKeyed(entry.key());
    }

    /**
     * Route predicate of the start-up resume: the entry was left by an earlier run. One written since this run began
     * is a job the consumer took from the topic a moment ago and is running now: taking it up as well would only
     * publish a second outcome for it.
     */
    public boolean isFromEarlierRun(Exchange exchange) {
        JournalEntry entry = exchange.getMessage().getBody(JournalEntry.class);
        return entry != null && entry.lastWritten().isBefore(startedAt);
    }

    private JobTicket ticket(Exchange exchange, byte[] value, String unnamed) {
        JobTicket read = reader.readJson(unnamed, value);
        if (!read.isReadable()) {
            return read;
        }
        ObjectNode fields = read.fields();
        JsonNode idNode = fields.remove(ID_FIELD);
        String id = idNode != null && (idNode.isTextual() || idNode.isIntegralNumber()) ? idNode.asText() : null;
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            String problem = idNode == null ? "the message has no \"id\""
                    : "\"id\" must be a string or a whole number of 1 to " + MAX_ID_LENGTH + " characters (got "
                            + OneLine.of(idNode.toString()) + ")";
            return JobTicket.unreadable(read.source(), problem + "; every Kafka job needs its own id, the key"
                    + " that keeps a redelivered message from being paid twice");
        }
        exchange.setProperty(ExchangeKeys.MESSAGE_ID, id);
        String name = jobName(id);
        return JobTicket.readable(new JobSource(name + ".json", name, null, value), fields);
    }

    /** {@code kafka-<id>} when the id makes a file name; else {@code kafka-<first 16 hex of its SHA-256>}. */
    static String jobName(String id) {
        if (NAMEABLE_ID.matcher(id).matches()) {
            return "kafka-" + id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "kafka-" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recordName(Origin origin) {
        String topic = origin.topic() == null ? "record" : origin.topic().replaceAll("[^A-Za-z0-9._-]", "_");
        return "kafka-" + topic + "-" + origin.partition() + "-" + origin.offset();
    }

    /**
     * Route step, last for every record, once its job is journaled (or dead-lettered): the record's offset is
     * committed, synchronously and on the consumer's own thread, so the partition's next record is read after it.
     */
    public void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT,
                KafkaManualCommit.class);
        if (commit != null) {
            commit.commit();
        }
    }

    /**
     * Route step: the job's outcome as a JSON record keyed by its id: {@code stored} with the images' locations and
     * metadata, {@code failed} with the dead-letter reason, or {@code duplicate} (an earlier delivery of the id was
     * stored, failed, or is running now).
     */
    public String outcome(Exchange exchange) throws JsonProcessingException {
        String id = exchange.getProperty(ExchangeKeys.MESSAGE_ID, String.class);
        JobProgress progress = exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class);
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        DeadLetterRecord deadLetter = exchange.getProperty(ExchangeKeys.DEAD_LETTER, DeadLetterRecord.class);
        String duplicate = exchange.getProperty(ExchangeKeys.DUPLICATE, String.class);
        Exception escaped = exchange.getException();

        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("id", id);
        List<Map<String, Object>> images = new ArrayList<>();
        String reason = null;
        if (duplicate != null) {
            outcome.put("state", "duplicate");
            reason = duplicate;
        } else if (escaped == null && progress != null && progress.isComplete()) {
            outcome.put("state", "stored");
            progress.results().forEach(image -> images.add(describe(image)));
        } else {
            outcome.put("state", "failed");
            reason = progress != null && !progress.reason().isEmpty() ? progress.reason()
                    : deadLetter != null ? deadLetter.reason()
                    : escaped != null ? OneLine.of(escaped.getMessage())
                    : "the job ended without storing anything";
            outcome.put("dead_letter_channel", deadLetter == null ? null : deadLetter.channel());
        }
        outcome.put("job", job != null ? job.name() : ticket == null ? null : ticket.source().jobName());
        outcome.put("provider", job == null ? null : job.provider());
        outcome.put("images", images);
        outcome.put("reason", reason);
        Origin origin = exchange.getProperty(RECORD, Origin.class);
        if (origin != null && origin.topic() != null) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("topic", origin.topic());
            source.put("partition", origin.partition());
            source.put("offset", origin.offset());
            outcome.put("source", source);
        }
        outcome.put("finished_at", Instant.now().toString());

        Message message = exchange.getMessage();
        CamelHeaders.keepOnly(message);
        message.removeHeader(KafkaConstants.MANUAL_COMMIT);
        if (id != null) {
            message.setHeader(KafkaConstants.KEY, id);
        }
        String body = JSON.writeValueAsString(outcome);
        message.setBody(body);
        return body;
    }

    /** Route step when the outcome could not be published (the broker stayed unreachable past the producer's retries). */
    public void outcomeLost(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("the outcome of Kafka job {} could not be published to its topic: {}",
                exchange.getProperty(ExchangeKeys.MESSAGE_ID, String.class),
                failure == null ? "unknown failure" : OneLine.of(String.valueOf(failure.getMessage())));
    }

    private static Map<String, Object> describe(StoredImage image) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("location", image.location());
        described.put("sidecar", image.sidecar());
        described.put("content_type", image.contentType());
        described.put("bytes", image.bytes());
        described.put("sha256", image.sha256());
        return described;
    }
}
