package org.ideogramcamel.dialect.pixazo;

import org.ideogramcamel.dialect.BasicProviderModule;
import org.ideogramcamel.dialect.Credential;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderSettings;

/** The Pixazo gateway: {@code ideogram.providers.pixazo.*}, key from {@code PIXAZO_SUBSCRIPTION_KEY}. */
public final class PixazoModule extends BasicProviderModule {

    public static final String NAME = "pixazo";
    static final Credential CREDENTIAL = new Credential("ideogram.providers.pixazo.subscription-key",
            "PIXAZO_SUBSCRIPTION_KEY");

    public PixazoModule() {
        super(NAME, CREDENTIAL, PixazoModels.TABLE);
    }

    @Override
    public ProviderDialect dialect(ProviderSettings settings) {
        return new PixazoDialect(new PixazoOptions(
                settings.baseUrl(NAME, "https://gateway.pixazo.ai"),
                CREDENTIAL.value(settings).orElse(""),
                settings.text(ProviderSettings.key(NAME, "model"), "v2")));
    }
}
