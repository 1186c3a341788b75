package org.ideogramcamel.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.dialect.GeneratedImage;
import org.ideogramcamel.dialect.Prediction;
import org.ideogramcamel.dialect.offline.OfflineDialect;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.JobProgress;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobSource;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.job.StoredImage;
import org.ideogramcamel.store.EarlierImage;
import org.ideogramcamel.state.LocalJobClaims;
import org.ideogramcamel.store.StoredImageLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image split of a resumed job asks the stores what a killed run already stored: a stored image is not stored
 * again and counts as a result; when the stores cannot say (S3 unreachable), the image is stored once more, a
 * duplicate rather than a loss.
 */
class JournalingTest {

    static final GeneratedImage IMAGE = new GeneratedImage(1, "https://example.invalid/one.png", null, null, null);

    @TempDir
    Path state;

    @Test
    void anImageIsStoredOnceMoreWhenTheStoresCannotSay() {
        Exchange image = resumedImage();

        boolean store = journaling(wanted -> {
            throw new IOException("bucket unreachable");
        }).isNotStoredYet(image);

        assertThat(store).isTrue();
        assertThat(image.getProperty(ExchangeKeys.PROGRESS, JobProgress.class).results()).isEmpty();
    }

    @Test
    void anImageAKilledRunStoredIsNotStoredAgainAndCountsAsAResult() {
        Exchange image = resumedImage();
        StoredImage earlier = new StoredImage("outbox/lamp-1.png", "outbox/lamp-1.json", "image/png", 5, "ab");

        boolean store = journaling(wanted -> Optional.of(
                new EarlierImage(EarlierImage.Outcome.STORED, earlier.location(), earlier))).isNotStoredYet(image);

        assertThat(store).isFalse();
        assertThat(image.getProperty(ExchangeKeys.PROGRESS, JobProgress.class).results()).containsExactly(earlier);
    }

    @Test
    void aFileWhoseJobAnotherRunFailedWhileItWaitedIsADuplicateNotASecondCreate() {
        Journaling journaling = journaling(wanted -> Optional.empty());
        Exchange picked = fileJob(); // picked up from the shared inbox, then another instance's take-over failed it
        journaling.journal().write(failedEntry(picked, java.time.Instant.now().plusMillis(50)));

        journaling.open(picked);

        assertThat(picked.getProperty(ExchangeKeys.DUPLICATE, String.class))
                .startsWith("it was failed at").contains("outcome unknown").contains("dead-letter folder");
        assertThat(picked.getProperty(ExchangeKeys.JOURNAL_KEY)).isNull();
    }

    @Test
    void aFileDroppedAgainAfterItsJobFailedRunsAgain() {
        Journaling journaling = journaling(wanted -> Optional.empty());
        Exchange dropped = fileJob();
        journaling.journal().write(failedEntry(dropped, java.time.Instant.now().minusSeconds(60)));

        journaling.open(dropped);

        assertThat(dropped.getProperty(ExchangeKeys.DUPLICATE)).isNull();
        assertThat(dropped.getProperty(ExchangeKeys.JOURNAL_KEY, String.class)).isNotNull();
    }

    @Test
    void aFileJobWhoseJournalFailedRightAfterItsClaimOpensAgainAsItsOwn() {
        boolean[] failOnce = {true};
        FolderJournal flaky = new FolderJournal(state.resolve("journal")) {
            @Override
            public Optional<JournalEntry> find(String key) {
                if (failOnce[0]) {
                    failOnce[0] = false;
                    throw new JournalException("the state database went away");
                }
                return super.find(key);
            }
        };
        Journaling journaling = new Journaling(flaky, new Dialects(List.of(new OfflineDialect())),
                new JobReader(1_048_576), state.resolve("inbox"), wanted -> Optional.empty(), new LocalJobClaims(),
                true, false);
        Exchange job = fileJob();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> journaling.open(job))
                .isInstanceOf(JournalException.class);

        journaling.open(job); // the redelivery of the step, once the database answers again

        assertThat(job.getProperty(ExchangeKeys.DUPLICATE)).as("not mistaken for another run of the job").isNull();
        assertThat(job.getProperty(ExchangeKeys.JOURNAL_KEY, String.class)).isNotNull();
    }

    private static Exchange fileJob() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        JobSource source = new JobSource("lamp.txt", "lamp", null, "a lamp".getBytes(StandardCharsets.UTF_8));
        exchange.setProperty(ExchangeKeys.TICKET, JobTicket.readable(source, null));
        exchange.setProperty(Exchange.FILE_EXCHANGE_FILE, "lamp.txt");
        return exchange;
    }

    private static JournalEntry failedEntry(Exchange exchange, java.time.Instant at) {
        JobSource source = exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class).source();
        return new JournalEntry(JournalKeys.ofFile(source), JournalEntry.State.FAILED, "lamp", "lamp.txt", null,
                "a lamp", "replicate", null, null, null, null, "outcome unknown: the create may have been billed",
                at.minusSeconds(1).toString(), at.toString());
    }

    private Journaling journaling(StoredImageLookup stores) {
        return new Journaling(new FolderJournal(state.resolve("journal")), new Dialects(List.of(new OfflineDialect())),
                new JobReader(1_048_576), state.resolve("inbox"), stores, new LocalJobClaims(), true, false);
    }

    /** Image 1 of a job resumed after a restart, on its way to the store. */
    private static Exchange resumedImage() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangeKeys.RESUME_HANDLE, "p-1");
        exchange.setProperty(ExchangeKeys.JOB, new ImageJob("lamp", "a lamp", null, null, null, null, null, null,
                null, null, null, "replicate", "generate", null, null, null));
        exchange.setProperty(ExchangeKeys.PREDICTION, new Prediction("replicate", "p-1", "ideogram-v2-turbo",
                Prediction.State.SUCCEEDED, List.of(IMAGE), null));
        exchange.setProperty(ExchangeKeys.PROGRESS, new JobProgress());
        exchange.getMessage().setBody(IMAGE);
        return exchange;
    }
}
