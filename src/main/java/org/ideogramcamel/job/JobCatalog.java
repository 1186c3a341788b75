package org.ideogramcamel.job;

import java.util.List;

/**
 * What the job format learns from the providers registered in this build: their names, and the model names each
 * provider uses ({@code ideogram-v2-turbo}, {@code V_2_TURBO}), which a job may use as well as the canonical ones.
 * Implemented by the provider registry, so the job package never names a provider.
 */
public interface JobCatalog {

    /** The provider names a job's {@code provider} may use, in the registry's order. */
    List<String> providers();

    /** The canonical model a provider's model name stands for ({@code ideogram-v3-turbo} is v3_turbo), or null. */
    String canonicalModel(String providerWord);
}
