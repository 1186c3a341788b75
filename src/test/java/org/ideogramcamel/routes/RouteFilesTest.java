package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.ideogramcamel.support.RouteSchema;
import org.junit.jupiter.api.Test;

/**
 * Keeps routes/ honest at build time: every route file a user may edit is checked against the schema of Camel's
 * YAML DSL, so a typo in a key fails {@code mvn verify} with the file and line, before anyone starts the app.
 */
class RouteFilesTest {

    // the schema is large (800 kB): read it once for the class
    private static final RouteSchema SCHEMA = new RouteSchema();

    @Test
    void everyRouteFileFollowsTheYamlDslSchema() throws IOException {
        List<Path> files = routeFiles(Path.of("routes"));
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);
        for (Path file : files) {
            assertThat(SCHEMA.problems(file)).as("schema problems in %s", file).isEmpty();
        }
    }

    @Test
    void aMisspeltKeyIsRejectedWithItsFileAndLine() {
        List<String> problems = SCHEMA.problems(Path.of("src/test/resources/broken-routes/typo.camel.yaml"));
        assertThat(problems).isNotEmpty();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("typo.camel.yaml:").contains("stpes"));
    }

    @Test
    void anUnknownEipIsRejectedWithItsLine() {
        List<String> problems = SCHEMA.problems(Path.of("src/test/resources/broken-routes/unknown-eip.camel.yaml"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("unknown-eip.camel.yaml:").contains("baen"));
    }

    @Test
    void brokenYamlIsRejectedWithItsLine() throws IOException {
        Path file = Files.createTempFile("bad-indent", ".camel.yaml");
        Files.writeString(file, "- route:\n    from:\n      uri: direct:x\n     steps: [\n");
        assertThat(SCHEMA.problems(file)).singleElement().asString().contains(":4: not valid YAML");
    }

    private static List<Path> routeFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}
