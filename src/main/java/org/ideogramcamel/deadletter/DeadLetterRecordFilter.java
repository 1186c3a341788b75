package org.ideogramcamel.deadletter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's file filter: a dead-letter record ({@code *.error.json}) moved into the inbox with its job is not a
 * job. It is left where it is, not read and not dead-lettered again ({@code x.error.json.error.json}), with one
 * log line per file that says how to retry instead.
 */
public class DeadLetterRecordFilter implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.intake");
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory() || !file.getFileName().endsWith(DeadLetterRetry.RECORD_SUFFIX)) {
            return true;
        }
        if (reported.add(file.getAbsoluteFilePath())) {
            LOG.warn("ignored {}: a dead-letter record, not a job; it stays in the inbox. To retry dead-lettered"
                    + " jobs use: bin/ideogram-camel retry failed/server-errors", file.getAbsoluteFilePath());
        }
        return false;
    }
}
