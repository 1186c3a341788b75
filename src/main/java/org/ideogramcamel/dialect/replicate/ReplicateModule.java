package org.ideogramcamel.dialect.replicate;

import java.time.Duration;

import org.ideogramcamel.dialect.BasicProviderModule;
import org.ideogramcamel.dialect.Credential;
import org.ideogramcamel.dialect.ProviderDialect;
import org.ideogramcamel.dialect.ProviderSettings;

/** Replicate: {@code ideogram.providers.replicate.*}, token from {@code REPLICATE_API_TOKEN}. */
public final class ReplicateModule extends BasicProviderModule {

    public static final String NAME = "replicate";
    static final Credential CREDENTIAL = new Credential("ideogram.providers.replicate.api-token",
            "REPLICATE_API_TOKEN");

    public ReplicateModule() {
        super(NAME, CREDENTIAL, ReplicateModels.TABLE);
    }

    @Override
    public ProviderDialect dialect(ProviderSettings settings) {
        return new ReplicateDialect(new ReplicateOptions(
                settings.baseUrl(NAME, "https://api.replicate.com/v1"),
                CREDENTIAL.value(settings).orElse(""),
                settings.text(ProviderSettings.key(NAME, "model"), "ideogram-v3-turbo"),
                preferWait(settings),
                ReplicateOptions.cancelAfter(settings.duration("ideogram.poll.deadline", Duration.ofMinutes(10)),
                        preferWait(settings))));
    }

    private static int preferWait(ProviderSettings settings) {
        return settings.integer(ProviderSettings.key(NAME, "prefer-wait"), 60, 0, 60);
    }
}
