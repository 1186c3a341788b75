package org.ideogramcamel;

import java.util.regex.Pattern;

/**
 * Text that goes into a reason, a record or a log line as one line: every run of white space or line breaks
 * (including the Unicode separators a log viewer would also break on) becomes one space, and long text is cut.
 */
public final class OneLine {

    /** How much of a provider's own message a record keeps. */
    public static final int PROVIDER_MESSAGE_CHARS = 500;

    private static final Pattern BREAKS = Pattern.compile("[\\s\\u0085\\u2028\\u2029]+");

    private OneLine() {
    }

    /** A provider's message, at most {@value #PROVIDER_MESSAGE_CHARS} characters. */
    public static String of(String text) {
        return of(text, PROVIDER_MESSAGE_CHARS);
    }

    public static String of(String text, int maxChars) {
        String line = text == null ? "" : BREAKS.matcher(text).replaceAll(" ").strip();
        return line.length() > maxChars ? line.substring(0, maxChars - 1) + "…" : line;
    }
}
