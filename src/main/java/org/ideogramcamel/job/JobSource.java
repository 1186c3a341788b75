package org.ideogramcamel.job;

/**
 * Where a job came from: kept with the job so a dead-letter record can hold the original input.
 *
 * @param fileName the prompt file's name ({@code lighthouse.json}), or a synthetic name for messages
 * @param jobName  the name output files are derived from ({@code lighthouse}, {@code batch-3} for a JSONL line)
 * @param line     the 1-based line of a JSONL file, or null
 * @param content  the original bytes of the job (the whole file, or the one JSONL line)
 */
public record JobSource(String fileName, String jobName, Integer line, byte[] content) {

    /** The name a dead-letter record stores the original input under. */
    public String recordName() {
        if (line == null) {
            return fileName;
        }
        return jobName + ".jsonl";
    }
}
