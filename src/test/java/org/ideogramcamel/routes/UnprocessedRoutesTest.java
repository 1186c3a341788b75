package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.V2Models;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When the intake route itself breaks on a file (here: the done folder is not a folder), the prompt file is
 * moved to ideogram.unprocessed instead of being read again and again.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            V2Models.REPLICATE, V2Models.WAVESPEED, V2Models.IDEOGRAM, // v1/v2 tests: the shipped default is Ideogram 3
            "ideogram.inbox=target/it/unprocessed/inbox", "ideogram.outbox=target/it/unprocessed/outbox",
            "ideogram.state=target/it/unprocessed/state",
            "ideogram.done=target/it/unprocessed/done-is-a-file", "ideogram.failed=target/it/unprocessed/failed"
        })
class UnprocessedRoutesTest {

    final TestFolders folders = new TestFolders("unprocessed");

    @BeforeEach
    void reset() throws IOException {
        folders.clean();
        Files.createDirectories(Path.of("target/it/unprocessed"));
        Files.writeString(Path.of("target/it/unprocessed/done-is-a-file"), "not a folder");
    }

    @Test
    void aFileTheRouteCannotFinishIsSetAsideNotRetriedForever() {
        folders.drop("stuck.txt", "a lighthouse");
        folders.awaitProcessed("stuck.txt");

        Path setAside = Path.of("target/it/unprocessed/failed/unprocessed/stuck.txt");
        assertThat(setAside).exists().hasContent("a lighthouse");
        assertThat(folders.files(folders.inbox())).doesNotContain("stuck.txt");
    }

    @Test
    void aSecondFileOfTheSameNameKeepsTheFirst() {
        folders.drop("stuck.txt", "the first");
        folders.awaitProcessed("stuck.txt");
        folders.drop("stuck.txt", "the second");
        folders.awaitProcessed("stuck.txt");

        Path unprocessed = Path.of("target/it/unprocessed/failed/unprocessed");
        assertThat(unprocessed.resolve("stuck.txt")).hasContent("the first");
        assertThat(unprocessed.resolve("stuck-2.txt")).hasContent("the second");
    }
}
