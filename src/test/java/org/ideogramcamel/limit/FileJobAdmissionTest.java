package org.ideogramcamel.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.UnitOfWorkHelper;
import org.apache.camel.spi.Synchronization;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.StoppedBeforeSendingException;
import org.ideogramcamel.job.ImageJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bound on jobs of prompt files live at once: given back once per job, and let go at a stop. */
class FileJobAdmissionTest {

    final CamelContext context = new DefaultCamelContext();

    @BeforeEach
    void start() {
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void theBoundIsTheFileIntakesBound() {
        assertThat(FileJobAdmission.boundFor(2)).isEqualTo(100);
        assertThat(FileJobAdmission.boundFor(16)).isEqualTo(100);
        assertThat(FileJobAdmission.boundFor(50)).isEqualTo(200);
    }

    @Test
    void aJobEndingGivesItsPlaceBackOnceAndLetsTheNextIn() throws Exception {
        FileJobAdmission admission = new FileJobAdmission(1, () -> false);
        Exchange first = job();
        admission.process(first);
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> admission.process(job()));
        Thread.sleep(200);
        assertThat(second).as("waits while the first is in progress").isNotDone();

        done(first);
        second.get(5, TimeUnit.SECONDS);
        assertThat(admission.admitted()).isEqualTo(1);
        assertThat(admission.peak()).isEqualTo(1);
    }

    @Test
    void aStopLetsAWaitingJobGoAtOnceUnadmitted() throws Exception {
        FileJobAdmission admission = new FileJobAdmission(1, () -> false);
        admission.process(job());
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> admission.process(job()));
        Thread.sleep(200);

        admission.stop();

        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(StoppedBeforeSendingException.class);
        assertThatThrownBy(() -> admission.process(job())).isInstanceOf(StoppedBeforeSendingException.class)
                .hasMessageContaining("batch.jsonl");
        assertThat(admission.admitted()).isEqualTo(1);
    }

    @Test
    void rightAfterARestartALineBehindTheWaitingOnesStillReachesThePredictionItResumes() throws Exception {
        // the provider's only slot is held for a prediction of the last run; its line comes after a new line
        ProviderGate gate = new ProviderGate(provider -> 1, Runnable::run);
        gate.expectResumed("replicate", "resumed-line", Duration.ofHours(1));
        FileJobAdmission admission = new FileJobAdmission(1, gate::expectsResumed);
        List<String> granted = new ArrayList<>();
        Exchange newLine = job();
        admission.process(newLine);
        gate.process(newLine, doneSync -> granted.add("new line"));
        assertThat(granted).as("the new line waits for the slot held for the resumed one").isEmpty();

        // admitted at once: waiting for the new line to end would wait for its own slot until ideogram.poll.deadline
        Exchange resumedLine = job();
        resumedLine.setProperty(ExchangeKeys.JOURNAL_KEY, "resumed-line");
        CompletableFuture.runAsync(() -> admission.process(resumedLine)).get(5, TimeUnit.SECONDS);
        gate.countResumed(resumedLine);
        assertThat(admission.admitted()).isEqualTo(2);

        // every resumed prediction is taken up: the bound holds again
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> admission.process(job()));
        Thread.sleep(200);
        assertThat(next).as("waits: two admitted, bound 1").isNotDone();
        gate.release(resumedLine);
        assertThat(granted).containsExactly("new line");
        done(newLine);
        done(resumedLine);
        next.get(5, TimeUnit.SECONDS);
    }

    Exchange job() {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(Exchange.FILE_NAME_ONLY, "batch.jsonl");
        exchange.setProperty(ExchangeKeys.JOB, new ImageJob("line", "a prompt", null, null, null, null, null, null, 1,
                null, null, "replicate", "generate", null, null, null));
        return exchange;
    }

    static void done(Exchange exchange) {
        // what the job's unit of work does when it ends (twice: its place is still given back once)
        List<Synchronization> completions = exchange.getExchangeExtension().handoverCompletions();
        UnitOfWorkHelper.doneSynchronizations(exchange, completions);
        UnitOfWorkHelper.doneSynchronizations(exchange, completions);
    }
}
