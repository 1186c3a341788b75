package org.ideogramcamel.job;

import org.ideogramcamel.OneLine;

/** A job that must not be sent: its one-line message names the field, the value and what is allowed. */
public class InvalidJobException extends RuntimeException {

    private static final int MAX_REASON_CHARS = 400;

    public InvalidJobException(String reason) {
        // a reason is one line however odd the input it quotes: breaks become spaces, length is capped
        super(OneLine.of(reason, MAX_REASON_CHARS), null, false, false);
    }

    /** A user's value as it appears inside a reason: quoted, control characters escaped, at most 60 chars. */
    public static String shown(String value) {
        StringBuilder out = new StringBuilder("'");
        value.codePoints().limit(60).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(value.codePointCount(0, value.length()) > 60 ? "…'" : "'").toString();
    }
}
