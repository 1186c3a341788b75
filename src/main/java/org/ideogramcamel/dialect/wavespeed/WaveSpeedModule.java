package org.ideogramcamel.dialect.wavespeed;

import org.ideogramcamel.dialect.BasicProviderModule;
import org.ideogramcamel.dialect.Credential;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderSettings;

/** WaveSpeedAI: {@code ideogram.providers.wavespeed.*}, key from {@code WAVESPEED_API_KEY}. */
public final class WaveSpeedModule extends BasicProviderModule {

    public static final String NAME = "wavespeed";
    static final Credential CREDENTIAL = new Credential("ideogram.providers.wavespeed.api-key", "WAVESPEED_API_KEY");

    public WaveSpeedModule() {
        super(NAME, CREDENTIAL, WaveSpeedModels.TABLE);
    }

    @Override
    public ProviderDialect dialect(ProviderSettings settings) {
        return new WaveSpeedDialect(new WaveSpeedOptions(
                settings.baseUrl(NAME, "https://api.wavespeed.ai/api/v3"),
                CREDENTIAL.value(settings).orElse(""),
                settings.text(ProviderSettings.key(NAME, "model"), "ideogram-v3-turbo"),
                settings.flag(ProviderSettings.key(NAME, "base64-output"), false)));
    }
}
