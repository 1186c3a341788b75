package org.ideogramcamel.dialect;

/**
 * The part every provider's module shares: its name, credential and capability table, given once. A provider
 * package extends it with its own values and says how its dialect is made from the configuration.
 */
public abstract class BasicProviderModule implements ProviderModule {

    private final String name;
    private final Credential credential;
    private final CapabilityTable capabilities;

    /** {@code credential} is null for a provider that needs none (offline). */
    protected BasicProviderModule(String name, Credential credential, CapabilityTable capabilities) {
        this.name = name;
        this.credential = credential;
        this.capabilities = capabilities;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Credential credential() {
        return credential;
    }

    @Override
    public final CapabilityTable capabilities() {
        return capabilities;
    }
}
