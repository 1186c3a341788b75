package org.ideogramcamel.store;

import java.util.Map;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.job.JobSource;
import org.ideogramcamel.job.JobTicket;

/** What a store step knows about the image in hand: read once from the exchange properties. */
record StoreContext(JobSource source, ImageJob job, Prediction prediction, GeneratedImage image,
        JobProgress progress, UnsafeDecision unsafe, Map<String, Object> spend, Map<String, Object> failover) {

    static StoreContext of(Exchange exchange) {
        JobTicket ticket = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
        return new StoreContext(
                ticket == null ? null : ticket.source(),
                exchange.getProperty(ExchangeKeys.JOB, ImageJob.class),
                exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class),
                exchange.getProperty(ExchangeKeys.IMAGE, GeneratedImage.class),
                exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class),
                exchange.getProperty(ExchangeKeys.UNSAFE, UnsafeDecision.SAFE, UnsafeDecision.class),
                spend(exchange),
                failover(exchange));
    }

    /** Set when the job moved to another provider ({@code ideogram.failover}): from, to and why. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> failover(Exchange exchange) {
        Object failover = exchange.getProperty(ExchangeKeys.FAILOVER);
        return failover instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spend(Exchange exchange) {
        Object spend = exchange.getProperty(ExchangeKeys.SPEND);
        return spend instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }
}
