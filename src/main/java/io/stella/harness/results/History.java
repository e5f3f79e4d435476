package io.stella.harness.results;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trend file of repeated runs ({@code -Dhistory=<file>}, e.g. the nightly capacity run): one JSON
 * line per run with its knee, each request's measured P99 and error rate, and the verdicts, so that a
 * trend can be read, diffed or plotted with any JSON-lines tool. The file is rewritten whole each
 * time (temp file and rename), never left half-written.
 */
public final class History {

    /** One run's line. */
    public record Entry(String runStart, String profile, String simulation, String status, String signOff,
                        Double kneeRatePerSec, Map<String, Double> p99Millis, Map<String, Double> errorPercent,
                        int regressions, String folder) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private History() {
    }

    public static Entry entryOf(Summary summary, String signOff, Path folder) {
        Map<String, Double> p99 = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        summary.requests().forEach((name, figures) -> {
            p99.put(name, figures.measured().percentilesMillis().get("p99"));
            errors.put(name, figures.measured().errorPercent());
        });
        return new Entry(summary.window().runStart(), summary.profile().name(), summary.simulation(), summary.status(), signOff,
                summary.capacity() == null ? null : summary.capacity().kneeRatePerSec(), p99, errors,
                summary.baseline() == null ? 0 : summary.baseline().regressions().size(), folder.toString());
    }

    public static void append(Path file, Summary summary, String signOff, Path folder) throws IOException {
        String line = JSON.writeValueAsString(entryOf(summary, signOff, folder)) + "\n";
        String before = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!before.isEmpty() && !before.endsWith("\n")) {
            before += "\n";
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        AtomicFiles.write(file, (before + line).getBytes(StandardCharsets.UTF_8));
    }
}
