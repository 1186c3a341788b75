package org.ideogramcamel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one mapper for the JSON files a person opens: sidecars, dead-letter records, journal entries, the day's
 * spend. Indented, so they read well in an editor; shared, because a configured ObjectMapper is thread-safe and
 * costly to build.
 */
public final class PrettyJson {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PrettyJson() {
    }
}
