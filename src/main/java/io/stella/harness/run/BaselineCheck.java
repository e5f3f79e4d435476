package io.stella.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.ConfigException;
import io.stella.harness.latency.IntervalLogWindows;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.results.BaselineView;
import io.stella.harness.results.SummaryWriter;
import io.stella.harness.verdict.BaselineComparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two results folders ({@code -Dbaseline=<folder>} against this run's), each read the same
 * way: the measured window's latencies rebuilt from its {@code latency.hlog}, error counts and the
 * knee from its {@code summary.json}.
 */
public final class BaselineCheck {

    public static final double DEFAULT_TOLERANCE_PERCENT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineCheck() {
    }

    /** Refuses, before any load, a baseline that is not a results folder; names the setting and the path. */
    public static void validate(Path baselineFolder) {
        for (String file : List.of(SummaryWriter.FILE_NAME, RunFinisher.INTERVAL_LOG)) {
            if (!Files.isRegularFile(baselineFolder.resolve(file))) {
                throw new ConfigException("baseline: " + baselineFolder + " is not a results folder (no " + file + " in it)");
            }
        }
    }

    public static BaselineView compare(Path baselineFolder, Path currentFolder, double tolerancePercent) throws IOException {
        Folder before = Folder.read(baselineFolder);
        Folder now = Folder.read(currentFolder);
        List<BaselineComparison.Change> changes = BaselineComparison.compare(before.latencies(), now.latencies(),
                before.errors(), now.errors(), before.knee(), now.knee(), tolerancePercent);
        List<String> regressions = changes.stream().filter(BaselineComparison.Change::regression)
                .map(change -> change.figure() + " " + change.baseline() + " -> " + change.current()
                        + (change.changePercent() == null ? "" : " (" + (change.changePercent() > 0 ? "+" : "") + change.changePercent() + "%)")
                        + ", " + change.note())
                .toList();
        return new BaselineView(baselineFolder.toString(), before.profile(), tolerancePercent, changes, regressions);
    }

    private record Folder(String profile, Map<String, LatencyWindow> latencies, Map<String, BaselineComparison.Errors> errors,
                          Double knee) {

        static Folder read(Path folder) throws IOException {
            JsonNode summary = JSON.readTree(folder.resolve(SummaryWriter.FILE_NAME).toFile());
            JsonNode window = summary.path("window");
            if (window.path("measuredFrom").isMissingNode()) {
                throw new IOException(folder.resolve(SummaryWriter.FILE_NAME) + ": no window.measuredFrom");
            }
            long from = Instant.parse(window.path("measuredFrom").asText()).toEpochMilli();
            long until = from + window.path("measuredSec").asLong() * 1000L;
            Map<String, LatencyWindow> latencies = IntervalLogWindows.read(folder.resolve(RunFinisher.INTERVAL_LOG), from, until);
            Map<String, BaselineComparison.Errors> errors = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> requests = summary.path("requests").fields();
            while (requests.hasNext()) {
                Map.Entry<String, JsonNode> request = requests.next();
                JsonNode measured = request.getValue().path("measured");
                errors.put(request.getKey(), new BaselineComparison.Errors(measured.path("count").asLong(), measured.path("errors").asLong()));
            }
            JsonNode knee = summary.path("capacity").path("kneeRatePerSec");
            return new Folder(summary.path("profile").path("name").asText("?"), latencies, errors,
                    knee.isNumber() ? knee.asDouble() : null);
        }
    }
}
