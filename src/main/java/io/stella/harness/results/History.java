package io.stella.harness.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.verdict.BaselineComparison;
import io.stella.harness.verdict.FigureTrend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trend file of repeated runs ({@code -Dhistory=<file>}, e.g. the nightly capacity run): one JSON
 * line per run with its knee, each request's measured P50, P95, P99 and error rate, and the verdicts,
 * so that a trend can be read, diffed or plotted with any JSON-lines tool, and a run compared with the
 * band the runs before it span. The file is rewritten whole each time (temp file and rename), never
 * left half-written. Lines written before P50 and P95 were kept read those as absent.
 */
public final class History {

    /** One run's line. */
    public record Entry(String runStart, String profile, String simulation, String status, String signOff,
                        Double kneeRatePerSec, Map<String, Double> p99Millis, Map<String, Double> errorPercent,
                        int regressions, String folder, Map<String, Double> p50Millis, Map<String, Double> p95Millis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private History() {
    }

    public static Entry entryOf(Summary summary, String signOff, Path folder) {
        Map<String, Double> p50 = new LinkedHashMap<>();
        Map<String, Double> p95 = new LinkedHashMap<>();
        Map<String, Double> p99 = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        summary.requests().forEach((name, figures) -> {
            p50.put(name, figures.measured().percentilesMillis().get("p50"));
            p95.put(name, figures.measured().percentilesMillis().get("p95"));
            p99.put(name, figures.measured().percentilesMillis().get("p99"));
            errors.put(name, figures.measured().errorPercent());
        });
        return new Entry(summary.window().runStart(), summary.profile().name(), summary.simulation(), summary.status(), signOff,
                summary.capacity() == null ? null : summary.capacity().kneeRatePerSec(), p99, errors,
                summary.baseline() == null ? 0 : summary.baseline().regressions().size(), folder.toString(), p50, p95);
    }

    /** The runs of a history file, oldest first; none when there is no file yet. */
    public static List<Entry> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(JSON.readValue(line, Entry.class));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new IOException(file + ": line " + number + " is no history entry (" + e.getOriginalMessage() + ")");
            }
        }
        return entries;
    }

    /**
     * Each figure's values over these runs, oldest first, named as a baseline comparison names them
     * ({@code "token P50 (ms)"}, {@code "token errors (%)"}, {@code "knee (journeys/s)"}); a run that lacks a figure adds nothing to it.
     */
    public static Map<String, List<Double>> figures(List<Entry> runs) {
        Map<String, List<Double>> byFigure = new LinkedHashMap<>();
        nights(runs).forEach((figure, nights) -> byFigure.put(figure, nights.stream().map(FigureTrend.Night::value).toList()));
        return byFigure;
    }

    /** As {@link #figures}, each value with the start of the run that read it. */
    public static Map<String, List<FigureTrend.Night>> nights(List<Entry> runs) {
        Map<String, List<FigureTrend.Night>> byFigure = new LinkedHashMap<>();
        for (Entry run : runs) {
            addAll(byFigure, run, run.p50Millis(), " P50 (ms)");
            addAll(byFigure, run, run.p95Millis(), " P95 (ms)");
            addAll(byFigure, run, run.p99Millis(), " P99 (ms)");
            addAll(byFigure, run, run.errorPercent(), " errors (%)");
            if (run.kneeRatePerSec() != null) {
                byFigure.computeIfAbsent(BaselineComparison.KNEE, k -> new ArrayList<>())
                        .add(new FigureTrend.Night(run.runStart(), run.kneeRatePerSec()));
            }
        }
        return byFigure;
    }

    private static void addAll(Map<String, List<FigureTrend.Night>> byFigure, Entry run, Map<String, Double> values, String suffix) {
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null) {
                    byFigure.computeIfAbsent(name + suffix, k -> new ArrayList<>()).add(new FigureTrend.Night(run.runStart(), value));
                }
            });
        }
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
