package org.ideogramcamel.dialect.offline;

import java.util.List;
import java.util.Set;

import org.ideogramcamel.dialect.BasicProviderModule;
import org.ideogramcamel.dialect.CapabilityTable;
import org.ideogramcamel.dialect.ModelCapabilities;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderSettings;
import org.ideogramcamel.job.Vocabulary;

/** The offline provider: placeholder images rendered locally, no key, no network, free, every option taken. */
public final class OfflineModule extends BasicProviderModule {

    public static final String NAME = "offline";
    private static final CapabilityTable TABLE = new CapabilityTable(NAME, List.of(new ModelCapabilities(
            "placeholder", "placeholder", Set.copyOf(Vocabulary.OPERATIONS), Vocabulary.ASPECT_RATIOS,
            Vocabulary.STYLES, Set.of(), Vocabulary.MAX_IMAGES, Vocabulary.MAX_STYLE_REFERENCES,
            java.math.BigDecimal.ZERO, null)));

    public OfflineModule() {
        super(NAME, null, TABLE);
    }

    @Override
    public ProviderDialect dialect(ProviderSettings settings) {
        return new OfflineDialect();
    }
}
