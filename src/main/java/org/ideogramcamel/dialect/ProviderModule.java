package org.ideogramcamel.dialect;

/**
 * Everything the app needs to know to offer one provider: its name, its credential, its capability table, and how
 * its dialect is made from the configuration. Each provider package has one; the registry lists them.
 */
public interface ProviderModule {

    /** The name jobs and configuration use ({@code replicate}). */
    String name();

    /** The provider's credential, or null for one that needs none (offline). */
    Credential credential();

    /** What the provider sells, per model. */
    CapabilityTable capabilities();

    /** The dialect, with its options read from {@code ideogram.providers.<name>.*}. */
    ProviderDialect dialect(ProviderSettings settings);
}
