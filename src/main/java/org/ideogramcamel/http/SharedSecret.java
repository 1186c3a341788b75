package org.ideogramcamel.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The optional secret a caller of the HTTP intake must send in {@value #HEADER}. Compared in constant time (both
 * sides are hashed first, so neither the length nor the content leaks through timing). Never logged.
 */
public final class SharedSecret {

    public static final String HEADER = "X-Ideogram-Secret";

    private final byte[] expectedDigest;

    /** @param secret the configured secret, or null/empty for none (every request is let through) */
    public SharedSecret(String secret) {
        this.expectedDigest = secret == null || secret.isEmpty() ? null : sha256(secret);
    }

    public boolean isRequired() {
        return expectedDigest != null;
    }

    public boolean admits(String presented) {
        if (expectedDigest == null) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return isRequired() ? "SharedSecret[set]" : "SharedSecret[none]";
    }
}
