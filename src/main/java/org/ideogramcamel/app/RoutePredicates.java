package org.ideogramcamel.app;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.spi.Registry;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.journal.CreateOutcomes;
import org.ideogramcamel.journal.Journaling;
import org.ideogramcamel.limit.RateLimits;
import org.ideogramcamel.poll.Polling;
import org.ideogramcamel.store.UnsafeDecision;

/**
 * The questions the routes ask at every provider call and poll ({@code provider-call}, the poll loop of
 * {@code generate}) and for every image ({@code store-image}), as {@link Predicate} beans the routes name with the ref language ({@code filter: {ref:
 * aCreate}}). Written as simple expressions on the exchange's objects ({@code ${exchangeProperty.IdeogramCall.kind}})
 * or as bean methods ({@code method: {ref: polling, method: isOverdue}}) each evaluation built a bean expression and
 * copied the whole exchange to call one getter: about a fifth of the app's CPU per image on WaveSpeed's polling path
 * (BENCHMARKS.md, CPU per image). A predicate bean is called directly, with the exchange itself.
 */
final class RoutePredicates {

    private RoutePredicates() {
    }

    /** After {@code createOutcomes}, {@code rateLimits} and {@code polling} are bound. */
    static void bind(Registry registry) {
        CreateOutcomes createOutcomes = registry.lookupByNameAndType("createOutcomes", CreateOutcomes.class);
        RateLimits rateLimits = registry.lookupByNameAndType("rateLimits", RateLimits.class);
        Polling polling = registry.lookupByNameAndType("polling", Polling.class);
        Journaling journal = registry.lookupByNameAndType("journal", Journaling.class);
        registry.bind("aCreate", (Predicate) ProviderCall::isCreateIn);
        registry.bind("aLocalCall", (Predicate) ProviderCall::isLocalIn);
        registry.bind("aCreateToItsProvider",
                (Predicate) e -> ProviderCall.isCreateIn(e) && !ProviderCall.isLocalIn(e));
        registry.bind("aFoundLostCreate",
                (Predicate) e -> ProviderCall.isCreateIn(e) && e.getProperty(ExchangeKeys.RESUME_HANDLE) != null);
        registry.bind("aLostCreateRedelivery", (Predicate) createOutcomes::isLostInFlight);
        registry.bind("aRateLimitedCall", (Predicate) e -> !ProviderCall.isLocalIn(e) && rateLimits.isLimited(e));
        registry.bind("aFinalAnswer", (Predicate) e -> prediction(e) != null && !prediction(e).isPending());
        registry.bind("aPendingPrediction", (Predicate) e -> prediction(e) != null && prediction(e).isPending());
        registry.bind("anOverduePrediction", (Predicate) polling::isOverdue);
        registry.bind("aDescription", (Predicate) e -> prediction(e) != null && prediction(e).isDescription());
        registry.bind("anImageNotStoredYet", (Predicate) journal::isNotStoredYet);
        // store-image, once per image
        registry.bind("anInlineImage", (Predicate) e -> {
            GeneratedImage image = e.getProperty(ExchangeKeys.IMAGE, GeneratedImage.class);
            return image != null && image.isInline();
        });
        registry.bind("anUnsafeImageOnlyRecorded", (Predicate) e -> unsafe(e) != null && unsafe(e).recordOnly());
        registry.bind("aQuarantinedImage", (Predicate) e -> unsafe(e) != null && unsafe(e).quarantined());
    }



    private static UnsafeDecision unsafe(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.UNSAFE, UnsafeDecision.class);
    }

    private static Prediction prediction(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class);
    }
}
