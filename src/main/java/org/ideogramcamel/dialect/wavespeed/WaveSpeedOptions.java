package org.ideogramcamel.dialect.wavespeed;

import java.net.URI;

/**
 * Configuration of the WaveSpeedAI dialect ({@code ideogram.providers.wavespeed.*}).
 *
 * @param baseUrl      {@code https://api.wavespeed.ai/api/v3}; creates go to {@code {baseUrl}/ideogram-ai/{model}},
 *                     polls to {@code {baseUrl}/predictions/{id}/result}
 * @param apiKey       the Bearer key (default from {@code WAVESPEED_API_KEY}); never logged
 * @param model        the model used when a job names none, in WaveSpeed's words ({@code ideogram-v2})
 * @param base64Output ask for the images inside the answer ({@code enable_base64_output}) instead of as URLs;
 *                     nothing is downloaded then, at the price of larger poll answers
 */
public record WaveSpeedOptions(URI baseUrl, String apiKey, String model, boolean base64Output) {

    @Override
    public String toString() {
        return "WaveSpeedOptions[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isEmpty()
                ? "<unset>" : "****") + ", model=" + model + ", base64Output=" + base64Output + "]";
    }
}
