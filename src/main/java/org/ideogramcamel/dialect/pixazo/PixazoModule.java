package org.ideogramcamel.dialect.pixazo;

import org.ideogramcamel.dialect.CapabilityTable;
import org.ideogramcamel.dialect.Credential;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderModule;
import org.ideogramcamel.dialect.ProviderSettings;

/** The Pixazo gateway: {@code ideogram.providers.pixazo.*}, key from {@code PIXAZO_SUBSCRIPTION_KEY}. */
public final class PixazoModule implements ProviderModule {

    public static final String NAME = "pixazo";
    static final Credential CREDENTIAL = new Credential("ideogram.providers.pixazo.subscription-key",
            "PIXAZO_SUBSCRIPTION_KEY");

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
        return PixazoModels.TABLE;
    }

    @Override
    public ProviderDialect dialect(ProviderSettings settings) {
        return new PixazoDialect(new PixazoOptions(
                settings.baseUrl(NAME, "https://gateway.pixazo.ai"),
                CREDENTIAL.value(settings).orElse(""),
                settings.text(ProviderSettings.key(NAME, "model"), "v2")));
    }
}
