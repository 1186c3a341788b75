package org.ideogramcamel.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobReaderTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final JobReader reader = new JobReader(1_048_576);

    @Test
    void txtWholeFileIsThePromptTrimmed() {
        List<JobTicket> tickets = reader.read("lighthouse.txt", bytes("  a lighthouse\nat dusk, {\"style\": 1}  \n\n"));

        assertThat(tickets).hasSize(1);
        JobTicket ticket = tickets.get(0);
        assertThat(ticket.isReadable()).isTrue();
        // braces in a .txt prompt are words, not JSON
        assertThat(ticket.fields().get("prompt").asText()).isEqualTo("a lighthouse\nat dusk, {\"style\": 1}");
        assertThat(ticket.fields().size()).isEqualTo(1);
        assertThat(ticket.source().fileName()).isEqualTo("lighthouse.txt");
        assertThat(ticket.source().jobName()).isEqualTo("lighthouse");
        assertThat(ticket.source().line()).isNull();
    }

    @Test
    void jsonIsOneJob() {
        byte[] content = bytes("{\"prompt\": \"a lighthouse\", \"style\": \"anime\", \"seed\": 7}");

        List<JobTicket> tickets = reader.read("in/lighthouse.json", content);

        assertThat(tickets).hasSize(1);
        JobTicket ticket = tickets.get(0);
        assertThat(ticket.problem()).isNull();
        assertThat(ticket.fields().get("prompt").asText()).isEqualTo("a lighthouse");
        assertThat(ticket.fields().get("style").asText()).isEqualTo("anime");
        assertThat(ticket.fields().get("seed").asLong()).isEqualTo(7);
        assertThat(ticket.source().jobName()).isEqualTo("lighthouse");
        assertThat(ticket.source().content()).isEqualTo(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "yml", "YAML"})
    void yamlIsOneJob(String extension) {
        List<JobTicket> tickets = reader.read("lighthouse." + extension,
                bytes("prompt: a lighthouse\nstyle: anime\nnum_images: 2\n"));

        assertThat(tickets).hasSize(1);
        JobTicket ticket = tickets.get(0);
        assertThat(ticket.problem()).isNull();
        assertThat(ticket.fields().get("prompt").asText()).isEqualTo("a lighthouse");
        assertThat(ticket.fields().get("num_images").asInt()).isEqualTo(2);
        assertThat(ticket.source().jobName()).isEqualTo("lighthouse");
    }

    @Test
    void jsonlGivesOneTicketPerNonBlankLineAndBadLinesStandAlone() {
        String text = "{\"prompt\": \"a cat\"}\n"
                + "\n"
                + "{\"prompt\": \"a dog\"\n"
                + "   \n"
                + "{\"prompt\": \"a fox\", \"style\": \"anime\"}\n";

        List<JobTicket> tickets = reader.read("batch.jsonl", bytes(text));

        assertThat(tickets).extracting(t -> t.source().jobName()).containsExactly("batch-1", "batch-3", "batch-5");
        assertThat(tickets).extracting(t -> t.source().line()).containsExactly(1, 3, 5);
        assertThat(tickets).extracting(JobTicket::isReadable).containsExactly(true, false, true);
        assertThat(tickets.get(0).fields().get("prompt").asText()).isEqualTo("a cat");
        assertThat(tickets.get(1).problem()).startsWith("malformed JSON");
        assertThat(tickets.get(2).fields().get("prompt").asText()).isEqualTo("a fox");
        // a dead-letter record keeps only the line that failed, not the whole file
        assertThat(new String(tickets.get(1).source().content(), StandardCharsets.UTF_8))
                .isEqualTo("{\"prompt\": \"a dog\"");
        assertThat(tickets.get(1).source().recordName()).isEqualTo("batch-3.jsonl");
    }

    @Test
    void jsonlAcceptsWindowsLineEndings() {
        List<JobTicket> tickets = reader.read("batch.jsonl", bytes("{\"prompt\": \"a\"}\r\n{\"prompt\": \"b\"}\r\n"));

        assertThat(tickets).extracting(JobTicket::isReadable).containsExactly(true, true);
        assertThat(tickets).extracting(t -> t.fields().get("prompt").asText()).containsExactly("a", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"job.txt", "job.json", "job.yaml", "job.jsonl"})
    void utf8ByteOrderMarkIsAccepted(String fileName) {
        String body = fileName.endsWith(".txt") ? "a cat"
                : fileName.endsWith(".yaml") ? "prompt: a cat" : "{\"prompt\": \"a cat\"}";

        List<JobTicket> tickets = reader.read(fileName, concat(BOM, bytes(body)));

        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).problem()).isNull();
        assertThat(tickets.get(0).fields().get("prompt").asText()).isEqualTo("a cat");
    }

    @Test
    void oversizedNamesTheSizeAndTheLimit() {
        JobTicket ticket = reader.oversized("in/huge.json", 5_000_000);

        assertThat(ticket.isReadable()).isFalse();
        assertThat(ticket.problem())
                .isEqualTo("file is 5000000 bytes, over the 1048576-byte limit (ideogram.max-file-size)");
        assertThat(ticket.source().jobName()).isEqualTo("huge");
        assertThat(ticket.source().content()).isNull();
    }

    @Test
    void readRefusesFilesOverMaxBytesAndAcceptsExactlyMaxBytes() {
        JobReader small = new JobReader(16);
        byte[] sixteen = bytes("{\"prompt\":\"abc\"}");
        assertThat(sixteen).hasSize(16);

        assertThat(small.read("ok.json", sixteen).get(0).problem()).isNull();

        List<JobTicket> tickets = small.read("big.json", bytes("{\"prompt\":\"abcd\"}"));
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).problem()).isEqualTo(
                "file is 17 bytes, over the 16-byte limit (ideogram.max-file-size)");
    }

    @Test
    void yamlOffIsReadAsABoolean() {
        // YAML 1.1 reads an unquoted off as false; the validator turns it back into "off"
        JobTicket ticket = reader.read("job.yaml", bytes("prompt: a cat\nmagic_prompt: off\n")).get(0);

        assertThat(ticket.fields().get("magic_prompt").isBoolean()).isTrue();
        assertThat(ticket.fields().get("magic_prompt").asBoolean()).isFalse();
    }

    @Test
    void unsupportedExtensionIsRefusedWithTheAllowedOnes() {
        JobTicket ticket = reader.read("prompts.md", bytes("a cat")).get(0);

        assertThat(ticket.problem()).isEqualTo("unsupported file type 'prompts.md'; use .txt, .json, .yaml, .yml or .jsonl");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
