package org.ideogramcamel.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.journal.JournalEntry;
import org.ideogramcamel.journal.JournalEntry.State;
import org.ideogramcamel.journal.JournalKeys;
import org.junit.jupiter.api.Test;

/** How a Kafka record becomes a ticket, and which journal entries the start-up resume hands to the Kafka intake. */
class KafkaIntakeTest {

    final CamelContext context = new DefaultCamelContext();
    final KafkaIntake intake = new KafkaIntake(new JobReader(4096), true);

    @Test
    void theIdIsTakenOutOfTheJobAndNamesIt() {
        Exchange exchange = record("{\"id\": \"order-42\", \"prompt\": \"a fox\"}");

        JobTicket ticket = intake.read(exchange);

        assertThat(ticket.isReadable()).isTrue();
        assertThat(ticket.fields().has("id")).isFalse();
        assertThat(ticket.fields().path("prompt").asText()).isEqualTo("a fox");
        assertThat(ticket.source().jobName()).isEqualTo("kafka-order-42");
        assertThat(ticket.source().fileName()).isEqualTo("kafka-order-42.json");
        // the original message, id included, is what a dead-letter record keeps
        assertThat(new String(ticket.source().content(), StandardCharsets.UTF_8)).contains("order-42");
        assertThat(exchange.getProperty(ExchangeKeys.MESSAGE_ID)).isEqualTo("order-42");
        // the record's headers do not travel on with the job
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKeys(KafkaConstants.TOPIC, "X-Trace");
    }

    @Test
    void aWholeNumberIsAnIdAndAnIdThatIsNoFileNameNamesTheJobByItsHash() {
        assertThat(intake.read(record("{\"id\": 17, \"prompt\": \"x\"}")).source().jobName()).isEqualTo("kafka-17");
        String jobName = intake.read(record("{\"id\": \"a/b c\", \"prompt\": \"x\"}")).source().jobName();
        assertThat(jobName).matches("kafka-[0-9a-f]{16}").isEqualTo(KafkaIntake.jobName("a/b c"));
    }

    @Test
    void aMessageWithoutAUsableIdIsUnreadableWithTheReason() {
        Exchange noId = record("{\"prompt\": \"x\"}");
        JobTicket missing = intake.read(noId);
        JobTicket blank = intake.read(record("{\"id\": \" \", \"prompt\": \"x\"}"));
        JobTicket object = intake.read(record("{\"id\": {\"n\": 1}, \"prompt\": \"x\"}"));
        JobTicket tooLong = intake.read(record("{\"id\": \"" + "x".repeat(257) + "\", \"prompt\": \"x\"}"));

        assertThat(missing.problem()).startsWith("the message has no \"id\"; every Kafka job needs its own id");
        assertThat(missing.source().jobName()).isEqualTo("kafka-jobs-2-7");
        assertThat(noId.getProperty(ExchangeKeys.MESSAGE_ID)).isNull();
        assertThat(blank.problem()).startsWith("\"id\" must be a string or a whole number of 1 to 256 characters");
        assertThat(object.problem()).startsWith("\"id\" must be a string");
        assertThat(tooLong.problem()).startsWith("\"id\" must be a string");
    }

    @Test
    void aRecordThatIsNotJsonIsUnreadableWithTheParsersReason() {
        assertThat(intake.read(record("a fox, please")).problem()).startsWith("malformed JSON");
        assertThat(intake.read(record("")).problem()).startsWith("the body is empty");
    }

    @Test
    void theStartUpResumeHandsOnlyEntriesOfAnEarlierRunToTheKafkaIntake() {
        Exchange earlier = resumed(entry(Instant.now().minusSeconds(60)));
        Exchange thisRun = resumed(entry(Instant.now().plusSeconds(1)));

        assertThat(intake.takesUp(earlier)).isTrue();
        assertThat(intake.isFromEarlierRun(earlier)).isTrue();
        // a job this run's consumer journaled a moment ago is running now: resuming it too would only add an outcome
        assertThat(intake.isFromEarlierRun(thisRun)).isFalse();
        assertThat(new KafkaIntake(new JobReader(4096), false).takesUp(earlier)).isFalse();
    }

    private Exchange record(String value) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(value.getBytes(StandardCharsets.UTF_8));
        exchange.getMessage().setHeader(KafkaConstants.TOPIC, "jobs");
        exchange.getMessage().setHeader(KafkaConstants.PARTITION, 2);
        exchange.getMessage().setHeader(KafkaConstants.OFFSET, 7L);
        exchange.getMessage().setHeader("X-Trace", "from the producer");
        return exchange;
    }

    private Exchange resumed(JournalEntry entry) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(entry);
        return exchange;
    }

    private static JournalEntry entry(Instant written) {
        return new JournalEntry(JournalKeys.ofId("order-42"), State.RECEIVED, "kafka-order-42", "kafka-order-42.json",
                null, "{\"id\": \"order-42\", \"prompt\": \"a fox\"}", "offline", null, null, null, null, null,
                written.toString(), written.toString());
    }
}
