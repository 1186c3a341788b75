package org.ideogramcamel.limit;

import java.util.Map;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.job.ImageJob;

/**
 * {@code ideogram.providers.<name>.requests-per-minute}: the route's rate throttle asks here whether the job's
 * provider has a rate limit and how high it is. Every HTTP call to the provider counts (creates, polls, cancels,
 * retries), since that is what providers meter.
 */
public class RateLimits {

    private final Map<String, Integer> perMinute;

    /** @param perMinute requests per minute of each provider that has a limit; providers not named have none */
    public RateLimits(Map<String, Integer> perMinute) {
        this.perMinute = Map.copyOf(perMinute);
    }

    /** Route predicate: the job's provider has a requests-per-minute limit. */
    public boolean isLimited(Exchange exchange) {
        return perMinute.containsKey(provider(exchange));
    }

    /** Route expression of the throttle: the job's provider's requests per minute. */
    public int perMinute(Exchange exchange) {
        return perMinute.getOrDefault(provider(exchange), Integer.MAX_VALUE);
    }

    private static String provider(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.JOB, ImageJob.class).provider();
    }
}
