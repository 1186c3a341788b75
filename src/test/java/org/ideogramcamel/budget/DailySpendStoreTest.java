package org.ideogramcamel.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One JSON file per UTC day under {ideogram.state}/budget, replaced atomically. */
class DailySpendStoreTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    @TempDir
    Path folder;

    @Test
    void aSavedDayIsReadBackByANewStoreAsAfterARestart() throws IOException {
        new DailySpendStore(folder).save(new DailySpend(DAY, new BigDecimal("1.36"), 17));

        DailySpend read = new DailySpendStore(folder).load(DAY);

        assertThat(read.spent()).isEqualByComparingTo("1.36");
        assertThat(read.images()).isEqualTo(17);
        JsonNode file = new ObjectMapper().readTree(folder.resolve("2026-12-01.json").toFile());
        assertThat(file.path("day").asText()).isEqualTo("2026-12-01");
        assertThat(file.path("spent").decimalValue()).isEqualByComparingTo("1.36");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("2026-12-01.json");
        }
    }

    @Test
    void anotherDayStartsFromNothing() {
        new DailySpendStore(folder).save(new DailySpend(DAY, new BigDecimal("1.36"), 17));
        assertThat(new DailySpendStore(folder).load(DAY.plusDays(1))).isEqualTo(DailySpend.empty(DAY.plusDays(1)));
    }

    @Test
    void anUnreadableFileIsNotSilentlyTakenAsZero() throws IOException {
        Files.writeString(folder.resolve("2026-12-01.json"), "{not json");
        assertThatThrownBy(() -> new DailySpendStore(folder).load(DAY))
                .hasMessageContaining("2026-12-01.json").hasMessageContaining("resets today's spend");
    }
}
