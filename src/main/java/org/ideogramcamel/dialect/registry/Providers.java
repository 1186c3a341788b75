package org.ideogramcamel.dialect.registry;

import java.util.List;
import java.util.Locale;

import org.ideogramcamel.dialect.ModelCapabilities;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderModule;
import org.ideogramcamel.dialect.ProviderSettings;
import org.ideogramcamel.dialect.ideogram.IdeogramModule;
import org.ideogramcamel.dialect.offline.OfflineModule;
import org.ideogramcamel.dialect.pixazo.PixazoModule;
import org.ideogramcamel.dialect.replicate.ReplicateModule;
import org.ideogramcamel.dialect.wavespeed.WaveSpeedModule;
import org.ideogramcamel.job.JobCatalog;
import org.ideogramcamel.job.Vocabulary;

/**
 * The providers this build offers: the one list. The job format's provider names, the configuration's
 * {@code ideogram.providers.<name>.*}, the banner's credentials and the JSON Schema's provider list all derive
 * from it. Adding a provider is its package under {@code dialect/} and one line here.
 */
public final class Providers implements JobCatalog {

    public static final List<ProviderModule> MODULES = List.of(
            new OfflineModule(),
            new ReplicateModule(),
            new WaveSpeedModule(),
            new IdeogramModule(),
            new PixazoModule());

    public static final Providers CATALOG = new Providers();

    private Providers() {
    }

    public static List<String> names() {
        return MODULES.stream().map(ProviderModule::name).toList();
    }

    /** Every provider's dialect, its options read from the configuration. */
    public static List<ProviderDialect> dialects(ProviderSettings settings) {
        return MODULES.stream().map(module -> module.dialect(settings)).toList();
    }

    @Override
    public List<String> providers() {
        return names();
    }

    /**
     * A canonical or aliased model word ({@code v3}), else a provider's own name for a model; null when no
     * provider knows the word.
     */
    @Override
    public String canonicalModel(String word) {
        String lower = word.strip().toLowerCase(Locale.ROOT);
        if (Vocabulary.MODELS.contains(lower)) {
            return Vocabulary.MODEL_ALIASES.getOrDefault(lower, lower);
        }
        return MODULES.stream().filter(m -> !m.name().equals(OfflineModule.NAME))
                .flatMap(m -> m.capabilities().rows().stream())
                .filter(row -> row.word().toLowerCase(Locale.ROOT).equals(lower)).map(ModelCapabilities::model)
                .findFirst().orElse(null);
    }
}
