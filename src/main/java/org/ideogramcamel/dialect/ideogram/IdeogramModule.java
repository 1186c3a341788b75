package org.ideogramcamel.dialect.ideogram;

import org.ideogramcamel.dialect.CapabilityTable;
import org.ideogramcamel.dialect.Credential;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderModule;
import org.ideogramcamel.dialect.ProviderSettings;

/** Ideogram's own API: {@code ideogram.providers.ideogram.*}, key from {@code IDEOGRAM_API_KEY}. */
public final class IdeogramModule implements ProviderModule {

    public static final String NAME = "ideogram";
    static final Credential CREDENTIAL = new Credential("ideogram.providers.ideogram.api-key", "IDEOGRAM_API_KEY");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Credential credential() {
        return CREDENTIAL;
    }

    @Override
    public CapabilityTable capabilities() {
        return IdeogramModels.TABLE;
    }

    @Override
    public ProviderDialect dialect(ProviderSettings settings) {
        return new IdeogramDialect(new IdeogramOptions(
                settings.baseUrl(NAME, "https://api.ideogram.ai"),
                CREDENTIAL.value(settings).orElse(""),
                settings.text(ProviderSettings.key(NAME, "auth-header"), "Api-Key"),
                settings.text(ProviderSettings.key(NAME, "model"), "V_3_TURBO")));
    }
}
