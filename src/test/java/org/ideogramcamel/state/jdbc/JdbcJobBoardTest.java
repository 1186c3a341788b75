package org.ideogramcamel.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.job.FailureKind;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.job.StoredImage;
import org.ideogramcamel.state.InstanceId;
import org.ideogramcamel.status.JobBoard;
import org.ideogramcamel.status.JobBoardContract;
import org.ideogramcamel.status.JobStatus;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board contract on PostgreSQL, and two instances answering for each other's jobs. */
class JdbcJobBoardTest extends JobBoardContract {

    StateDatabase instanceA;
    StateDatabase instanceB;
    JobBoard boardA;
    JobBoard boardB;

    @BeforeEach
    void open() {
        String url = TestPostgres.newDatabase();
        instanceA = StateDatabase.open(url, TestPostgres.USER, null, 3);
        instanceB = StateDatabase.open(url, TestPostgres.USER, null, 3);
        boardA = new JdbcJobBoard(instanceA.dataSource(), new InstanceId("a"), Duration.ofDays(7), CLOCK);
        boardB = new JdbcJobBoard(instanceB.dataSource(), new InstanceId("b"), Duration.ofDays(7), CLOCK);
    }

    @AfterEach
    void close() {
        instanceA.close();
        instanceB.close();
    }

    @Override
    protected JobBoard board() {
        return boardA;
    }

    @Test
    void aJobPostedToInstanceAIsAnsweredByInstanceBFromQueuedToStored() {
        boardA.queued("j1", job("poster"));
        assertThat(boardB.find("j1")).get().extracting(JobStatus::state, JobStatus::job)
                .containsExactly("queued", "poster");

        Exchange exchange = exchange("j1");
        boardA.running(exchange);
        assertThat(boardB.find("j1")).get().extracting(JobStatus::state).isEqualTo("running");

        exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class)
                .stored(new StoredImage("s3://bucket/poster-1.png", "s3://bucket/poster-1.json", "image/png", 10,
                        "00"));
        boardA.ended(exchange);
        JobStatus stored = boardB.find("j1").orElseThrow();
        assertThat(stored.state()).isEqualTo("stored");
        assertThat(stored.locations()).containsExactly("s3://bucket/poster-1.png");
    }

    @Test
    void finishedJobsOlderThanTheWindowAreForgottenButUnfinishedOnesAreKept() {
        JobBoard noWindow = new JdbcJobBoard(instanceA.dataSource(), new InstanceId("a"), Duration.ZERO, CLOCK);
        boardA.queued("done", job("done"));
        Exchange exchange = exchange("done");
        exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class).failed("no", FailureKind.CLIENT_ERROR);
        boardA.ended(exchange);
        boardA.queued("slow", job("slow"));

        noWindow.queued("new", job("new")); // a board's first queued job prunes

        assertThat(boardB.find("done")).as("finished, older than a zero window").isEmpty();
        assertThat(boardB.find("slow")).as("unfinished").isPresent();
        assertThat(boardB.find("new")).isPresent();
    }
}
