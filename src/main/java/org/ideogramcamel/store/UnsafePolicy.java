package org.ideogramcamel.store;

import java.util.List;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.GeneratedImage;

/**
 * {@code ideogram.unsafe}: what becomes of an image the provider flagged as unsafe. It was paid for, so the
 * default keeps it, but out of the outbox where a downstream consumer would publish it.
 *
 * <ul>
 *   <li>{@code quarantine} (default): downloaded into {@code ideogram.quarantine} with its sidecar, never the outbox</li>
 *   <li>{@code skip}: not downloaded; only its sidecar is written to the outbox</li>
 *   <li>{@code keep}: stored in the outbox like any image</li>
 * </ul>
 * A flagged image that came with neither a URL nor bytes (Ideogram may blank the URL of an unsafe image) is only
 * recorded whatever the policy, and its sidecar says why.
 */
public class UnsafePolicy {

    public static final List<String> POLICIES = List.of("quarantine", "skip", "keep");

    private final String policy;

    public UnsafePolicy(String policy) {
        String value = policy == null ? "quarantine" : policy.trim().toLowerCase(Locale.ROOT);
        if (!POLICIES.contains(value)) {
            throw new IllegalArgumentException("ideogram.unsafe=" + policy + " is not valid; use quarantine (set unsafe"
                    + " images aside in ideogram.quarantine), skip (record only) or keep (store them in the outbox)");
        }
        this.policy = value;
    }

    public String policy() {
        return policy;
    }

    /** Route step: decides where the image in hand goes and leaves the decision in {@code IdeogramUnsafe}. */
    public UnsafeDecision decide(Exchange exchange) {
        UnsafeDecision decision = decide(exchange.getProperty(ExchangeKeys.IMAGE, GeneratedImage.class));
        exchange.setProperty(ExchangeKeys.UNSAFE, decision);
        return decision;
    }

    UnsafeDecision decide(GeneratedImage image) {
        if (image == null || !image.isUnsafe()) {
            return UnsafeDecision.SAFE;
        }
        boolean quarantine = policy.equals("quarantine");
        if (policy.equals("skip")) {
            return new UnsafeDecision(true, policy, true, false,
                    "the provider flagged this image as unsafe; it was not downloaded (ideogram.unsafe=skip)");
        }
        if (image.url() == null && !image.isInline()) {
            return new UnsafeDecision(true, policy, true, quarantine, "the provider flagged this image as unsafe and"
                    + " sent neither a URL nor the image, so there was nothing to " + (quarantine ? "quarantine" : "keep"));
        }
        return quarantine
                ? new UnsafeDecision(true, policy, false, true, "the provider flagged this image as unsafe; it was"
                        + " stored in the quarantine folder, not the outbox (ideogram.unsafe=quarantine)")
                : new UnsafeDecision(true, policy, false, false, "the provider flagged this image as unsafe; it was"
                        + " stored in the outbox anyway (ideogram.unsafe=keep)");
    }
}
