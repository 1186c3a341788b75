package org.ideogramcamel.failover;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.limit.ProviderGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route step before a create ({@code ideogram.failover}): when the job's provider is unavailable (its breaker is
 * open, or its half-open breaker refused this very create), the job moves to the first provider of the list that is
 * not down itself and sells the job's model and options ({@link Dialects#refusals} empty). Only a job that names no
 * provider, or names one and sets {@code "failover": true}, moves, and never one whose create may already have been
 * billed (the journal says {@code sending} or {@code created}). What moved, from where and why is kept on the
 * exchange ({@value ExchangeKeys#FAILOVER}) for the sidecar and any dead-letter record.
 */
public class Failover {

    private static final Logger LOG = LoggerFactory.getLogger("org.ideogramcamel.failover");

    private final List<String> order;
    private final ProviderBreakers breakers;
    private final Dialects dialects;
    private final ProviderGate gate;
    private final Predicate<Exchange> mayHaveBeenBilled;

    /**
     * @param order             ideogram.failover: providers tried in this order
     * @param mayHaveBeenBilled the journal's word on whether the job's create may have reached its provider
     */
    public Failover(List<String> order, ProviderBreakers breakers, Dialects dialects, ProviderGate gate,
            Predicate<Exchange> mayHaveBeenBilled) {
        this.order = List.copyOf(order);
        this.breakers = breakers;
        this.dialects = dialects;
        this.gate = gate;
        this.mayHaveBeenBilled = mayHaveBeenBilled;
    }

    /** Route step: moves the job to another provider when its own is unavailable and the job may move. */
    public void choose(Exchange exchange) {
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        if (order.isEmpty() || job == null || !isUnavailable(job.provider(), exchange) || !mayMove(exchange)) {
            return;
        }
        String from = job.provider();
        for (String next : order) {
            if (next.equals(from) || breakers.isDown(next)) {
                continue;
            }
            ImageJob moved = withProvider(job, next);
            List<String> refusals;
            try {
                refusals = dialects.refusals(moved);
            } catch (RuntimeException unknown) {
                continue;
            }
            if (refusals.isEmpty()) {
                move(exchange, job, moved, from);
                return;
            }
            LOG.debug("{} cannot take job {}: {}", next, job.name(), refusals);
        }
        LOG.warn("job {}: {}, and no provider of ideogram.failover {} sells this job; it waits for {}", job.name(),
                breakers.why(from), order, from);
    }

    private void move(Exchange exchange, ImageJob job, ImageJob moved, String from) {
        // a slot held at the old provider (a retried create) is given back: the job now queues at the new one
        gate.release(exchange);
        exchange.setProperty(ExchangeKeys.JOB, moved);
        exchange.setProperty(ExchangeKeys.CALL, dialects.get(moved.provider()).create(moved));
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("from", from);
        note.put("to", moved.provider());
        note.put("reason", breakers.why(from));
        exchange.setProperty(ExchangeKeys.FAILOVER, note);
        LOG.warn("job {} moves from {} to {}: {}", job.name(), from, moved.provider(), breakers.why(from));
    }

    /** Open, or half-open and this create was just refused by it (another create is the probe). */
    private boolean isUnavailable(String provider, Exchange exchange) {
        if (breakers.isDown(provider)) {
            return true;
        }
        Throwable last = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return breakers.state(provider) == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.HALF_OPEN
                && last instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException;
    }

    /** Names no provider, or sets failover; never a job whose create may already have been billed. */
    private boolean mayMove(Exchange exchange) {
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        ObjectNode fields = ticket == null ? null : ticket.fields();
        if (fields == null || fields.isEmpty()) {
            return false; // a job taken up from the journal alone: what it asked for is not known here
        }
        boolean allowed = !fields.hasNonNull("provider") || fields.path("failover").asBoolean(false);
        return allowed && !mayHaveBeenBilled.test(exchange);
    }

    static ImageJob withProvider(ImageJob job, String provider) {
        return new ImageJob(job.name(), job.prompt(), job.negativePrompt(), job.aspectRatio(), job.resolution(),
                job.style(), job.magicPrompt(), job.seed(), job.numImages(), job.colorPalette(), job.model(), provider,
                job.operation(), job.image(), job.mask(), job.imageWeight());
    }
}
