package org.ideogramcamel.support;

/**
 * The model pins of the tests whose stubs answer in the v1/v2 shapes (ReplicateSeeds, WaveSpeedSeeds, IdeogramSeeds):
 * Ideogram 3 is the shipped default on every provider, so such a test names the v2 model it speaks. One place, for
 * {@code @CamelMainTest(properties = ...)} (constants, as annotations need) and, with {@code "-D" +}, for a child JVM.
 */
public final class V2Models {

    /** Replicate's v2 model (its create path is {@code /v1/models/ideogram-ai/ideogram-v2-turbo/predictions}). */
    public static final String REPLICATE = "ideogram.providers.replicate.model=ideogram-v2-turbo";

    /** WaveSpeedAI's v2 model. */
    public static final String WAVESPEED = "ideogram.providers.wavespeed.model=ideogram-v2";

    /** Ideogram's own API, v2. */
    public static final String IDEOGRAM = "ideogram.providers.ideogram.model=V_2";

    private V2Models() {
    }
}
