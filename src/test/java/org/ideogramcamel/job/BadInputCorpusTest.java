package org.ideogramcamel.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.ideogramcamel.dialect.registry.Providers;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ideogramcamel.dialect.offline.PlaceholderRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code bad-inputs/} must be refused, by the reader or the validator, with one short line that
 * says what is wrong. {@code EXPECTED.tsv} names each file and a piece of the reason it must get, so a change
 * that makes a refusal vaguer (or lets a bad file through) fails here.
 */
class BadInputCorpusTest {

    private static final String EXPECTED = "EXPECTED.tsv";
    private static final int MAX_REASON_CHARS = 400;

    private final JobReader reader = new JobReader(1_048_576);
    /** An inbox holding images/photo.png, as the route test's does, so source-image cases fail on the right field. */
    private static final Path INBOX = inboxWithPhoto();
    private final JobValidator validator = new JobValidator("replicate", new SourceImages(INBOX, 10_485_760), Providers.CATALOG);

    private static Path inboxWithPhoto() {
        try {
            Path inbox = Files.createTempDirectory("bad-input-inbox");
            Files.createDirectories(inbox.resolve("images"));
            Files.write(inbox.resolve("images/photo.png"), new PlaceholderRenderer().render("photo", null, null, 1, 1));
            return inbox;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> corpus() throws IOException {
        return expected().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyBadFileIsRefusedWithOneShortLine(String fileName, String expectedPart) throws IOException {
        byte[] bytes = Files.readAllBytes(folder().resolve(fileName));
        // big inputs belong to the size-limit tests; the corpus stays small enough to read at a glance
        assertThat(bytes.length).as("size of %s", fileName).isLessThan(20_000);

        List<JobTicket> tickets = reader.read(fileName, bytes);

        assertThat(tickets).as("tickets for %s", fileName).isNotEmpty();
        for (JobTicket ticket : tickets) {
            String what = fileName + (ticket.source().line() == null ? "" : " line " + ticket.source().line());
            String reason = refusal(ticket);
            assertThat(reason).as("%s must be refused", what).isNotNull();
            assertThat(reason).as("reason for %s", what)
                    .doesNotContain("\n", "\r")
                    .contains(expectedPart)
                    .hasSizeLessThan(MAX_REASON_CHARS);
        }
    }

    @Test
    void corpusIsBigEnough() throws IOException {
        assertThat(corpusFiles()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void everyFileIsListedInExpected() throws IOException {
        // a file missing from EXPECTED.tsv would never be run, so the two lists must match exactly
        assertThat(expected().keySet()).containsExactlyInAnyOrderElementsOf(corpusFiles());
    }

    /** The reason a ticket is refused, or null when the job would be sent. */
    private String refusal(JobTicket ticket) {
        if (!ticket.isReadable()) {
            return ticket.problem();
        }
        try {
            validator.validate(ticket.source().jobName(), ticket.fields());
            return null;
        } catch (InvalidJobException e) {
            return e.getMessage();
        }
    }

    private static Map<String, String> expected() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(folder().resolve(EXPECTED), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            assertThat(parts).as("EXPECTED.tsv line '%s' needs <file>\\t<reason part>", line).hasSize(2);
            assertThat(parts[1]).as("expected reason part for %s", parts[0]).isNotBlank();
            assertThat(expected.put(parts[0], parts[1])).as("%s listed twice", parts[0]).isNull();
        }
        return expected;
    }

    private static Set<String> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(EXPECTED))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Path folder() {
        try {
            return Path.of(BadInputCorpusTest.class.getResource("/bad-inputs/" + EXPECTED).toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
