package org.ideogramcamel.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.dialect.replicate.ReplicateDialect;
import org.ideogramcamel.dialect.replicate.ReplicateOptions;
import org.ideogramcamel.dialect.wavespeed.WaveSpeedDialect;
import org.ideogramcamel.dialect.wavespeed.WaveSpeedOptions;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobSource;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.limit.ProviderGate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which jobs move while Replicate is down: unpaid ones that may, to a provider that sells them, and no others. */
class FailoverTest {

    static final ObjectMapper JSON = new ObjectMapper();

    final Dialects dialects = new Dialects(List.of(
            new ReplicateDialect(new ReplicateOptions(URI.create("https://r.example/v1"), "r8", "ideogram-v2-turbo", 0)),
            new WaveSpeedDialect(new WaveSpeedOptions(URI.create("https://ws.example/api/v3"), "ws", "ideogram-v2",
                    false))));
    final ProviderBreakers breakers = new ProviderBreakers(List.of("replicate", "wavespeed"), 5, Duration.ofMinutes(1));
    final ProviderGate gate = new ProviderGate(provider -> 4, Runnable::run);

    @BeforeEach
    void replicateIsDown() {
        breakers.all().get("replicate").transitionToOpenState();
    }

    @Test
    void aJobThatNamesNoProviderMovesToTheNextThatSellsIt() {
        Exchange exchange = job("{\"prompt\": \"a fox\"}", null);

        failover(false).choose(exchange);

        assertThat(exchange.getProperty(ExchangeKeys.JOB, ImageJob.class).provider()).isEqualTo("wavespeed");
        assertThat(exchange.getProperty(ExchangeKeys.CALL, ProviderCall.class).uri().getHost()).isEqualTo("ws.example");
        assertThat(exchange.getProperty(ExchangeKeys.FAILOVER, Map.class)).containsEntry("from", "replicate")
                .containsEntry("to", "wavespeed");
    }

    @Test
    void aJobWhoseCreateMayHaveBeenBilledNeverMoves() {
        Exchange exchange = job("{\"prompt\": \"a fox\"}", null);

        failover(true).choose(exchange);

        assertThat(exchange.getProperty(ExchangeKeys.JOB, ImageJob.class).provider()).isEqualTo("replicate");
        assertThat(exchange.getProperty(ExchangeKeys.FAILOVER)).isNull();
    }

    @Test
    void aJobThatNamesItsProviderMovesOnlyWithFailoverTrue() {
        Exchange pinned = job("{\"prompt\": \"a fox\", \"provider\": \"replicate\"}", null);
        failover(false).choose(pinned);
        assertThat(pinned.getProperty(ExchangeKeys.JOB, ImageJob.class).provider()).isEqualTo("replicate");

        Exchange willing = job("{\"prompt\": \"a fox\", \"provider\": \"replicate\", \"failover\": true}", null);
        failover(false).choose(willing);
        assertThat(willing.getProperty(ExchangeKeys.JOB, ImageJob.class).provider()).isEqualTo("wavespeed");
    }

    @Test
    void aJobNoOtherProviderSellsStays() {
        // WaveSpeed does not sell resolution: the job stays with Replicate (and waits for it)
        Exchange exchange = job("{\"prompt\": \"a fox\", \"resolution\": \"1024x768\"}", "1024x768");

        failover(false).choose(exchange);

        assertThat(exchange.getProperty(ExchangeKeys.JOB, ImageJob.class).provider()).isEqualTo("replicate");
    }

    @Test
    void nothingMovesWhileTheProviderIsUp() {
        breakers.all().get("replicate").transitionToClosedState();
        Exchange exchange = job("{\"prompt\": \"a fox\"}", null);

        failover(false).choose(exchange);

        assertThat(exchange.getProperty(ExchangeKeys.JOB, ImageJob.class).provider()).isEqualTo("replicate");
    }

    Failover failover(boolean mayHaveBeenBilled) {
        return new Failover(List.of("wavespeed"), breakers, dialects, gate, exchange -> mayHaveBeenBilled);
    }

    Exchange job(String fields, String resolution) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        try {
            exchange.setProperty(ExchangeKeys.TICKET, JobTicket.readable(new JobSource("fox.json", "fox", null,
                    fields.getBytes(StandardCharsets.UTF_8)), (ObjectNode) JSON.readTree(fields)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ImageJob job = new ImageJob("fox", "a fox", null, null, resolution, null, null, null, null, null, null,
                "replicate", "generate", null, null, null);
        exchange.setProperty(ExchangeKeys.JOB, job);
        exchange.setProperty(ExchangeKeys.CALL, dialects.get("replicate").create(job));
        return exchange;
    }
}
