package io.stella.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.ConfigException;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.IntervalLogWindows;
import io.stella.harness.latency.LatencyWindow;
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
 * A results folder read back: its measured window rebuilt from {@code latency.hlog} (exact: interval
 * histograms add without loss, and warm-up intervals are tagged apart), each request's failures by kind from {@code summary.json} (the
 * interval log keeps latencies, not outcomes), and the knee of a capacity search.
 *
 * @param windows the measured window by request name and {@code all}, failures included
 */
public record RecordedRun(Path folder, String profile, String simulation, long measuredFromEpochMillis, int measuredSec,
                          Map<String, LatencyWindow> windows, Map<String, BaselineComparison.Errors> errors, Double knee) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Refuses a folder that is not a results folder, naming what is missing. */
    public static void requireResultsFolder(String setting, Path folder) {
        for (String file : List.of(SummaryWriter.FILE_NAME, RunFinisher.INTERVAL_LOG)) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                throw new ConfigException(setting + ": " + folder + " is not a results folder (no "
                        + file + " in it)");
            }
        }
    }

    public static RecordedRun read(Path folder) throws IOException {
        Path summaryFile = folder.resolve(SummaryWriter.FILE_NAME);
        JsonNode summary = JSON.readTree(summaryFile.toFile());
        JsonNode window = summary.path("window");
        if (!window.path("measuredFrom").isTextual() || !window.path("measuredSec").isInt()) {
            throw new IOException(summaryFile + ": no window.measuredFrom / window.measuredSec");
        }
        long from = Instant.parse(window.path("measuredFrom").asText()).toEpochMilli();
        int measuredSec = window.path("measuredSec").asInt();
        Map<String, LatencyWindow> windows = IntervalLogWindows.readMeasured(folder.resolve(RunFinisher.INTERVAL_LOG));
        Map<String, BaselineComparison.Errors> errors = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> requests = summary.path("requests").fields();
        while (requests.hasNext()) {
            Map.Entry<String, JsonNode> request = requests.next();
            JsonNode measured = request.getValue().path("measured");
            errors.put(request.getKey(), new BaselineComparison.Errors(measured.path("count").asLong(), measured.path("errors").asLong()));
            LatencyWindow latencies = windows.get(request.getKey());
            Iterator<Map.Entry<String, JsonNode>> kinds = measured.path("errorsByKind").fields();
            while (latencies != null && kinds.hasNext()) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                try {
                    latencies.addErrors(ErrorKind.valueOf(kind.getKey()), kind.getValue().asLong());
                } catch (IllegalArgumentException e) {
                    throw new IOException(summaryFile + ": requests." + request.getKey() + ".measured.errorsByKind."
                            + kind.getKey() + " does not fit the interval log (" + e.getMessage() + ")");
                }
            }
        }
        JsonNode knee = summary.path("capacity").path("kneeRatePerSec");
        return new RecordedRun(folder, summary.path("profile").path("name").asText("?"), summary.path("simulation").asText("?"),
                from, measuredSec, windows, errors, knee.isNumber() ? knee.asDouble() : null);
    }
}
