package org.ideogramcamel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * The one rule by which nothing a user may need is ever overwritten: a file whose name is taken gets a numeric
 * suffix before its extension ({@code lighthouse-1.png} → {@code lighthouse-1-2.png}, {@code malformed.json} →
 * {@code malformed-2.json}), and files that belong together (an image and its sidecar, an input and its
 * {@code .error.json} record) share the suffix. The outbox, the quarantine, {@code done/} and every dead-letter
 * folder use it.
 */
public final class FreeNames {

    private FreeNames() {
    }

    /**
     * {@code wanted}, {@code wanted-2}, {@code wanted-3} …: the first base for which no {@code base + ending} exists
     * in {@code folder}, for every ending ({@code ".png", ".json"} for an image and its sidecar).
     */
    public static String freeBase(Path folder, String wanted, String... endings) {
        return freeBase(folder, wanted, name -> false, endings);
    }

    /**
     * As {@link #freeBase(Path, String, String...)}, also skipping the names {@code taken} says are spoken for (chosen
     * by another thread and not written yet).
     */
    public static String freeBase(Path folder, String wanted, Predicate<String> taken, String... endings) {
        String base = wanted;
        for (int n = 2; isTaken(folder, base, taken, endings); n++) {
            base = wanted + "-" + n;
        }
        return base;
    }

    /**
     * A free name for the file {@code name} ({@code malformed.json}, or {@code malformed-2.json} …), such that none
     * of its companions ({@code name + ending}, e.g. {@code ".error.json"}) exists either.
     */
    public static String freeName(Path folder, String name, Predicate<String> taken, String... companionEndings) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String[] endings = new String[companionEndings.length + 1];
        endings[0] = extension;
        for (int i = 0; i < companionEndings.length; i++) {
            endings[i + 1] = extension + companionEndings[i];
        }
        return freeBase(folder, stem, taken, endings) + extension;
    }

    /** {@link #freeName(Path, String, Predicate, String...)} with nothing spoken for. */
    public static String freeName(Path folder, String name, String... companionEndings) {
        return freeName(folder, name, n -> false, companionEndings);
    }

    private static boolean isTaken(Path folder, String base, Predicate<String> taken, String... endings) {
        for (String ending : endings) {
            String name = base + ending;
            if (taken.test(name) || Files.exists(folder.resolve(name))) {
                return true;
            }
        }
        return false;
    }
}
