package org.ideogramcamel.deadletter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.support.SynchronizationAdapter;
import org.ideogramcamel.FreeNames;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.store.HeldImage;

/**
 * Picks the names a dead letter's files get in their channel, so that none overwrites an earlier one: dead letters
 * are evidence and paid work. The channel's folder is that of its endpoint ({@code ideogram.deadletter.*-uri}) when
 * that is a {@code file:} endpoint; any other endpoint gets the plain names. A name chosen here and not yet written
 * is spoken for until its exchange ends, so two failures of the same name at the same moment get two names.
 */
class DeadLetterNames {

    private final Set<Path> spokenFor = ConcurrentHashMap.newKeySet();

    /**
     * The name of the failed job's input in the channel ({@code name}, or {@code name-2.ext} …) such that neither it
     * nor its record ({@code recordSuffix}, e.g. {@code .error.json}) exists there. Chosen once per job and channel:
     * each failed image of a job puts its record beside the one copy of its input.
     */
    String input(Exchange exchange, String channel, String name, String recordSuffix, JobProgress progress) {
        Path folder = folder(exchange, channel);
        if (folder == null) {
            return name;
        }
        if (progress == null) {
            return pick(exchange, folder, name, recordSuffix);
        }
        return progress.deadLetterName(channel, c -> pick(exchange, folder, name, recordSuffix));
    }

    /** An image held for the channel and its sidecar: {@code <job>-<n>.<ext>} and {@code <job>-<n>.json}, or -2 … */
    String[] heldImage(Exchange exchange, String channel, HeldImage held) {
        String imageName = held.name();
        String extension = "." + held.format().extension();
        String base = imageName.substring(0, imageName.length() - extension.length());
        Path folder = folder(exchange, channel);
        if (folder != null) {
            synchronized (this) {
                base = FreeNames.freeBase(folder, base, name -> spokenFor.contains(folder.resolve(name)), extension,
                        ".json");
                speakFor(exchange, folder, List.of(base + extension, base + ".json"));
            }
        }
        return new String[] {base + extension, base + ".json"};
    }

    private synchronized String pick(Exchange exchange, Path folder, String name, String recordSuffix) {
        String chosen = FreeNames.freeName(folder, name, n -> spokenFor.contains(folder.resolve(n)), recordSuffix,
                ".error.json");
        speakFor(exchange, folder, List.of(chosen, chosen + recordSuffix, chosen + ".error.json"));
        return chosen;
    }

    private void speakFor(Exchange exchange, Path folder, List<String> names) {
        List<Path> paths = new ArrayList<>();
        names.forEach(n -> paths.add(folder.resolve(n)));
        spokenFor.addAll(paths);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                // written by now (or never will be): the folder itself says the name is taken
                paths.forEach(spokenFor::remove);
            }
        });
    }

    /** The channel's folder when its endpoint writes files, else null. */
    private static Path folder(Exchange exchange, String channel) {
        String uri = exchange.getContext().resolvePropertyPlaceholders("{{ideogram.deadletter." + channel + "-uri}}");
        Endpoint endpoint = exchange.getContext().getEndpoint(uri);
        return endpoint instanceof FileEndpoint file ? file.getFile().toPath().toAbsolutePath() : null;
    }
}
