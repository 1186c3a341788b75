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
 * deduplicated (a bus that redelivers should use Camel's idempotent consumer).
 */
public final class JournalKeys {

    static final String MESSAGE_PREFIX = "message-";

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

    /** Keys become file names: only these characters are ever used. */
    static boolean isWellFormed(String key) {
        return key != null && key.matches("[A-Za-z0-9-]{1,120}");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
