package io.stella.harness.results;

import io.stella.harness.verdict.FigureTrend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nightly history read back: each figure's values night by night, named as the baseline comparison names them. */
class HistoryTest {

    @Test
    void eachFigureIsReadNightByNightAndAnOlderLineWithoutP50AddsOnlyWhatItHas(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nightly-history.jsonl");
        Files.writeString(file, """
                {"runStart":"2026-11-30T02:00:00Z","profile":"smoke","simulation":"BackendApiSimulation","status":"PASS","signOff":"GO","kneeRatePerSec":null,"p99Millis":{"token":9.0},"errorPercent":{"token":0.0},"regressions":0,"folder":"results/a"}
                {"runStart":"2026-12-01T02:00:00Z","profile":"smoke","simulation":"BackendApiSimulation","status":"PASS","signOff":"GO","kneeRatePerSec":40.0,"p99Millis":{"token":11.0},"errorPercent":{"token":0.5},"regressions":0,"folder":"results/b","p50Millis":{"token":3.0},"p95Millis":{"token":6.0}}
                """);

        Map<String, List<Double>> figures = values(History.nights(History.read(file), "smoke"));

        assertEquals(List.of(9.0, 11.0), figures.get("token P99 (ms)"));
        assertEquals(List.of(3.0), figures.get("token P50 (ms)"));
        assertEquals(List.of(6.0), figures.get("token P95 (ms)"));
        assertEquals(List.of(0.0, 0.5), figures.get("token errors (%)"));
        assertEquals(List.of(40.0), figures.get("knee (journeys/s)"));
        assertEquals(List.of(), History.read(dir.resolve("none-yet.jsonl")).runs());
    }

    private static Map<String, List<Double>> values(Map<String, List<FigureTrend.Night>> nights) {
        Map<String, List<Double>> values = new java.util.LinkedHashMap<>();
        nights.forEach((figure, runs) -> values.put(figure, runs.stream().map(FigureTrend.Night::value).toList()));
        return values;
    }

    @Test
    void aLineThatIsNoEntryIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.jsonl");
        Files.writeString(file, "{\"runStart\":\"2026-12-01T02:00:00Z\",\"profile\":\"smoke\"}\nnot json\n");

        IOException error = assertThrows(IOException.class, () -> History.read(file));

        assertTrue(error.getMessage().startsWith(file + ": line 2 is no history entry"), error.getMessage());
    }
}
