package org.ideogramcamel.dialect.ideogram;

import org.ideogramcamel.dialect.BasicProviderModule;
import org.ideogramcamel.dialect.Credential;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderSettings;

/** Ideogram's own API: {@code ideogram.providers.ideogram.*}, key from {@code IDEOGRAM_API_KEY}. */
public final class IdeogramModule extends BasicProviderModule {

    public static final String NAME = "ideogram";
    static final Credential CREDENTIAL = new Credential("ideogram.providers.ideogram.api-key", "IDEOGRAM_API_KEY");

    public IdeogramModule() {
        super(NAME, CREDENTIAL, IdeogramModels.TABLE);
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
