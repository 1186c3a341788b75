package org.ideogramcamel.job;

/** A job that must not be sent: its one-line message names the field, the value and what is allowed. */
public class InvalidJobException extends RuntimeException {

    private static final int MAX_REASON_CHARS = 400;

    public InvalidJobException(String reason) {
        super(oneLine(reason), null, false, false);
    }

    /** A reason is one line however odd the input it quotes: line breaks become spaces, length is capped. */
    static String oneLine(String reason) {
        String line = reason.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " ");
        return line.length() > MAX_REASON_CHARS ? line.substring(0, MAX_REASON_CHARS - 1) + "…" : line;
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
