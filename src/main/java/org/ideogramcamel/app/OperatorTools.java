package org.ideogramcamel.app;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.spi.Registry;
import org.ideogramcamel.dialect.registry.Providers;
import org.ideogramcamel.deadletter.DeadLetterRecordFilter;
import org.ideogramcamel.deadletter.DeadLetterRetry;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.flow.DryRun;
import org.ideogramcamel.http.HttpRetry;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobValidator;
import org.ideogramcamel.job.Vocabulary;
import org.ideogramcamel.status.JobBoard;

/**
 * The beans behind the operator's safety tools (issue 17): the inbox's filter that leaves dead-letter records
 * alone, {@code POST /jobs?dry_run=true} and {@code POST /jobs/{id}/retry}. The same pieces serve the
 * {@code validate} and {@code retry} commands ({@link Commands}).
 */
final class OperatorTools {

    private OperatorTools() {
    }

    static void bind(Registry registry, Settings settings, JobReader reader, JobValidator validator,
            Dialects dialects) {
        registry.bind("deadLetterRecordFilter", new DeadLetterRecordFilter());
        registry.bind("dryRun", new DryRun(reader, validator, dialects, prices(settings)));
        JobBoard board = registry.lookupByNameAndType("jobBoard", JobBoard.class);
        registry.bind("httpRetry", new HttpRetry(board, new DeadLetterRetry(settings.folder("ideogram.inbox", "inbox")),
                channelFolders(settings)));
    }

    /** Each provider's {@code price-per-image}, where one is set. */
    static Map<String, BigDecimal> prices(Settings settings) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        for (String provider : Providers.names()) {
            String key = "ideogram.providers." + provider + ".price-per-image";
            settings.optional(key).ifPresent(value -> {
                try {
                    prices.put(provider, new BigDecimal(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key + "=" + value + " is not valid; expected an amount of 0"
                            + " or more such as 0.08");
                }
            });
        }
        return prices;
    }

    /** The dead-letter channels that are folders (the default {@code file:} URIs), server errors first. */
    static List<Path> channelFolders(Settings settings) {
        List<Path> folders = new ArrayList<>();
        Path failed = settings.folder("ideogram.failed", "failed");
        for (String channel : List.of("server-errors", "client-errors")) {
            String uri = settings.text("ideogram.deadletter." + channel + "-uri", "file:" + failed + "/" + channel);
            if (uri.startsWith("file:")) {
                String folder = uri.substring("file:".length());
                int query = folder.indexOf('?');
                folders.add(Path.of(query < 0 ? folder : folder.substring(0, query)));
            }
        }
        return folders;
    }
}
