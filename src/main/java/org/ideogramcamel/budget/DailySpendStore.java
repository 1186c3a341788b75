package org.ideogramcamel.budget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ideogramcamel.DurableFiles;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.PrettyJson;

/**
 * Keeps each day's spend in {@code {ideogram.state}/budget/<yyyy-MM-dd>.json}, so a restart does not reset the
 * day's caps. Each save goes through {@link DurableFiles#replace}: a crash leaves either the previous total or the new
 * one, never half a file. Reservations are atomic within this process (one lock); the folder belongs to one running
 * instance, so the caps are per instance here.
 */
public class DailySpendStore implements SpendLedger {

    private static final ObjectMapper JSON = PrettyJson.MAPPER;

    private final Path folder;

    public DailySpendStore(Path folder) {
        this.folder = folder;
    }

    public Path fileOf(LocalDate day) {
        return folder.resolve(day + ".json");
    }

    /** The last day read or written: the file is read once per day, as only this instance writes it. */
    private DailySpend current;

    @Override
    public synchronized Optional<DailySpend> reserve(LocalDate day, BigDecimal cost, int images, BudgetLimits limits) {
        DailySpend before = cached(day);
        if (!limits.admits(before, cost, images)) {
            return Optional.empty();
        }
        save(before.plus(cost, images));
        return Optional.of(current);
    }

    @Override
    public synchronized DailySpend release(LocalDate day, BigDecimal cost, int images) {
        save(cached(day).minus(cost, images));
        return current;
    }

    private DailySpend cached(LocalDate day) {
        return current != null && current.day().equals(day) ? current : load(day);
    }

    /** The day's spend as last saved, or nothing spent when there is no file. */
    @Override
    public synchronized DailySpend load(LocalDate day) {
        Path file = fileOf(day);
        if (!Files.exists(file)) {
            return DailySpend.empty(day);
        }
        try {
            JsonNode json = JSON.readTree(file.toFile());
            return new DailySpend(day, new BigDecimal(json.path("spent").asText("0")), json.path("images").asInt(0));
        } catch (IOException | RuntimeException e) {
            // refusing to start would stop every job; starting from zero could overspend: say so loudly instead
            throw new IllegalStateException("budget file " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); fix or delete it, knowing that deleting it resets today's spend to 0", e);
        }
    }

    public synchronized void save(DailySpend spend) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("day", spend.day().toString());
        json.put("spent", spend.spent());
        json.put("images", spend.images());
        json.put("updated_at", Instant.now().toString());
        Path target = fileOf(spend.day());
        try {
            DurableFiles.replace(target, JSON.writeValueAsBytes(json));
            current = spend;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the budget file " + target + ": "
                    + OneLine.of(String.valueOf(e.getMessage())), e);
        }
    }
}
