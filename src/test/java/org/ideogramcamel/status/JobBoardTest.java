package org.ideogramcamel.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.job.FailureKind;
import org.ideogramcamel.job.JobProgress;
import org.junit.jupiter.api.Test;

/** The board contract on the in-memory board ({@code ideogram.state.store=folder}), and its capacity. */
class JobBoardTest extends JobBoardContract {

    final MemoryJobBoard board = new MemoryJobBoard(3, CLOCK);

    @Override
    protected JobBoard board() {
        return board;
    }

    @Test
    void forgetsTheOldestFinishedJobsButNeverAnUnfinishedOne() {
        board.queued("slow", job("slow"));
        for (String id : new String[] {"one", "two", "three", "four"}) {
            board.queued(id, job(id));
            Exchange exchange = exchange(id);
            exchange.getProperty(ExchangeKeys.PROGRESS, JobProgress.class).failed("no", FailureKind.CLIENT_ERROR);
            board.ended(exchange);
        }

        assertThat(board.size()).isEqualTo(3);
        assertThat(board.find("slow")).get().extracting(JobStatus::state).isEqualTo("queued");
        assertThat(board.find("one")).isEmpty();
        assertThat(board.find("two")).isEmpty();
        assertThat(board.find("four")).isPresent();
    }
}
