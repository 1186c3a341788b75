package org.ideogramcamel.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.job.FailureKind;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.job.StoredImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobBoard} promises: the in-memory one (one instance) and the JDBC one (a cluster). */
public abstract class JobBoardContract {

    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    protected final DefaultCamelContext context = new DefaultCamelContext();

    /** The board under test (the same one on every call of a test). */
    protected abstract JobBoard board();

    @AfterEach
    void closeContext() throws Exception {
        context.close();
    }

    @Test
    void followsAJobFromQueuedToStored() {
        board().queued("a", job("a"));
        Exchange exchange = exchange("a");
        board().running(exchange);
        assertThat(board().find("a")).get().extracting(JobStatus::state).isEqualTo("running");

        exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class)
                .stored(new StoredImage("outbox/a-1.png", "outbox/a-1.json", "image/png", 10, "00"));
        board().ended(exchange);

        JobStatus stored = board().find("a").orElseThrow();
        assertThat(stored.state()).isEqualTo("stored");
        assertThat(stored.locations()).containsExactly("outbox/a-1.png");
        assertThat(stored.job()).isEqualTo("a");
        assertThat(stored.submittedAt()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(stored.finishedAt()).isEqualTo("2026-12-01T10:00:00Z");
    }

    @Test
    void aFailedJobCarriesTheDeadLetterReasons() {
        board().queued("f", job("f"));
        Exchange exchange = exchange("f");
        exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class).failed("replicate answered 422 to create: no",
                FailureKind.CLIENT_ERROR);

        board().ended(exchange);

        assertThat(board().find("f")).get().extracting(JobStatus::state, JobStatus::reason)
                .containsExactly("failed", "replicate answered 422 to create: no");
    }

    @Test
    void aForgottenOrUnknownJobIsNotFoundAndItsLateUpdatesChangeNothing() {
        board().queued("q", job("q"));
        board().forget("q");
        board().running(exchange("q"));

        assertThat(board().find("q")).isEmpty();
        assertThat(board().find("never")).isEmpty();
    }

    protected Exchange exchange(String id) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(JobBoard.ID_PROPERTY, id);
        exchange.setProperty(ExchangeKeys.PROGRESS, new JobProgress());
        return exchange;
    }

    protected static ImageJob job(String name) {
        return new ImageJob(name, "p", null, null, null, null, null, null, null, null, null, "offline", "generate",
                null, null, null);
    }
}
