package io.stella.harness.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pins the statistics table of Gatling 3.15.1's report, from the same real run as the golden log. */
class GatlingReportReaderTest {

    static final Path GOLDEN_REPORT = Path.of("src/test/resources/golden/gatling-3.15.1/index.html");

    @TempDir
    Path dir;

    @Test
    void readsCountsErrorsAndPercentilesOfEveryRow() throws IOException {
        Map<String, GatlingFigures> figures = GatlingReportReader.read(GOLDEN_REPORT);

        assertEquals(new GatlingFigures(48, 11, Map.of("p50", 5.0, "p75", 10.0, "p95", 55.0, "p99", 228.0), 228.0),
                figures.get("all"));
        assertEquals(new GatlingFigures(12, 3, Map.of("p50", 8.0, "p75", 27.0, "p95", 228.0, "p99", 228.0), 228.0),
                figures.get("token"));
        assertEquals(new GatlingFigures(3, 0, Map.of("p50", 8.0, "p75", 224.0, "p95", 224.0, "p99", 224.0), 224.0),
                figures.get("healthz"));
        assertEquals(8, figures.size());
    }

    @Test
    void aPageWithoutTheStatisticsTableIsRefused() throws IOException {
        Path page = Files.writeString(dir.resolve("index.html"), "<html><body>not a report</body></html>");

        IOException error = assertThrows(IOException.class, () -> GatlingReportReader.read(page));

        assertTrue(error.getMessage().endsWith("no statistics table (not a Gatling 3.13+ report?)"), error.getMessage());
    }
}
