package org.ideogramcamel.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.ideogramcamel.job.JobSource;

/**
 * Journal keys. A file job's key is the SHA-256 of its file name, line and content, so the same file read again
 * after a crash, or dropped again later, maps to the same entry; a JSONL line is keyed on its own line, so an
 * edited line runs again while unchanged lines do not. A message job gets a fresh key: messages are never
 * deduplicated (a bus that redelivers should use Camel's idempotent consumer), except a keyed message (a Kafka job's
 * {@code id}), whose key is derived from its id so the same id maps to the same entry on every delivery.
 */
public final class JournalKeys {

    static final String MESSAGE_PREFIX = "message-";
    /** Keyed messages are messages too (never read from the inbox), so their keys share the message prefix. */
    static final String ID_PREFIX = MESSAGE_PREFIX + "id-";

    private JournalKeys() {
    }

    public static String ofFile(JobSource source) {
        MessageDigest sha256 = sha256();
        sha256.update(source.fileName().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(String.valueOf(source.line() == null ? 0 : source.line()).getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(source.content() == null ? new byte[0] : source.content());
        return HexFormat.of().formatHex(sha256.digest()) + "-" + (source.line() == null ? 0 : source.line());
    }

    public static String ofMessage() {
        return MESSAGE_PREFIX + UUID.randomUUID();
    }

    /**
     * The key of a message that carries its own idempotency key (a Kafka job's {@code id}): the SHA-256 of the id,
     * so any id (any length, any character) becomes a well-formed key, and the same id always the same key.
     */
    public static String ofId(String id) {
        return ID_PREFIX + HexFormat.of().formatHex(sha256().digest(id.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the key is a keyed message's ({@link #ofId}). */
    public static boolean isKeyed(String key) {
        return key != null && key.startsWith(ID_PREFIX);
    }

    /** Keys become file names: only these characters are ever used. */
    static boolean isWellFormed(String key) {
        // [A-Za-z0-9-]{1,120}, tested without a regular expression: it runs on every journal read and write
        if (key == null || key.isEmpty() || key.length() > 120) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
