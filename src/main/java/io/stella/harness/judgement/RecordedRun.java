package io.stella.harness.judgement;

import io.stella.harness.results.RunFolder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.ConfigException;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.IntervalLogWindows;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.config.Stairs;
import io.stella.harness.results.StepsFile;
import io.stella.harness.results.SummaryWriter;
import io.stella.harness.verdict.BaselineComparison;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.StepOutcome;

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
 * interval log keeps latencies, not outcomes), the knee of a capacity search, and what its injector
 * observed about itself (for a merge to be judged as strictly as the run was).
 *
 * @param windows        the measured window by request name and {@code all}, failures included
 * @param heldSteps      a capacity search's steps that held, by rate, each request's window there (empty for
 *                       another run); for this run only the planned steps (a refining step's rate is the
 *                       night's own, and nights are compared at rates they share)
 * @param kneeResolution the least difference between two rates the search ran: the step a knee reads in (0 without)
 * @param capacitySearch whether the run was a capacity search (compared on its knee and a step, not its whole window)
 */
public record RecordedRun(Path folder, String profile, String simulation, long measuredFromEpochMillis, int measuredSec,
                          Map<String, LatencyWindow> windows, Map<String, BaselineComparison.Errors> errors, Double knee,
                          InjectorFacts injector, Map<Double, Map<String, LatencyWindow>> heldSteps, double kneeResolution,
                          boolean capacitySearch) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Refuses a folder that is not a results folder, naming what is missing. */
    public static void requireResultsFolder(String setting, Path folder) {
        for (String file : List.of(SummaryWriter.FILE_NAME, RunFolder.INTERVAL_LOG)) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                throw new ConfigException(setting + ": " + folder + " is not a results folder (no "
                        + file + " in it)");
            }
        }
    }

    /** A run as it was measured, the same figures {@link #read} finds in its folder once written. */
    public static RecordedRun of(Path folder, String profile, String simulation, int measuredSec, RunMeasurements measurements,
                                 CapacitySearch.Result capacity) {
        Map<String, LatencyWindow> windows = new TreeMap<>();
        Map<String, BaselineComparison.Errors> errors = new TreeMap<>();
        Map<String, RequestStats> all = new TreeMap<>(measurements.byRequest());
        all.put(io.stella.harness.config.Threshold.ALL_REQUESTS, measurements.all());
        all.forEach((name, stats) -> {
            windows.put(name, stats.measured());
            errors.put(name, new BaselineComparison.Errors(stats.measured().count(), stats.measured().errorCount()));
        });
        Map<Double, Map<String, LatencyWindow>> held = new TreeMap<>();
        double resolution = 0;
        if (capacity != null && measurements.steps() != null) {
            Stairs stairs = measurements.steps().stairs();
            java.util.Set<Double> planned = new java.util.HashSet<>();
            for (int step = 0; step < stairs.steps(); step++) {
                planned.add(stairs.rateOfStep(step));
            }
            capacity.steps().stream().filter(step -> step.held() && planned.contains(step.ratePerSec()))
                    .forEach(step -> held.put(step.ratePerSec(), measurements.steps().steps().get(step.step())));
            resolution = finestStep(capacity.steps().stream().map(StepOutcome::ratePerSec).toList());
        }
        return new RecordedRun(folder, profile, simulation, measurements.measuredFromEpochMillis(), measuredSec, windows, errors,
                capacity == null || capacity.knee() == null ? null : capacity.knee().ratePerSec(), null, held, resolution,
                capacity != null);
    }

    /** The least difference between two of the rates, or 0 for fewer than two. */
    static double finestStep(List<Double> rates) {
        List<Double> sorted = rates.stream().distinct().sorted().toList();
        double finest = 0;
        for (int i = 1; i < sorted.size(); i++) {
            double step = sorted.get(i) - sorted.get(i - 1);
            finest = finest == 0 ? step : Math.min(finest, step);
        }
        return finest;
    }

    /** The run a results folder holds; one that cannot be read is an IOException naming the file and why. */
    public static RecordedRun read(Path folder) throws IOException {
        try {
            return readUnchecked(folder);
        } catch (RuntimeException e) {
            throw new IOException(folder.resolve(SummaryWriter.FILE_NAME) + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static RecordedRun readUnchecked(Path folder) throws IOException {
        Path summaryFile = folder.resolve(SummaryWriter.FILE_NAME);
        JsonNode summary = JSON.readTree(summaryFile.toFile());
        JsonNode window = summary.path("window");
        if (!window.path("measuredFrom").isTextual() || !window.path("measuredSec").isInt()) {
            throw new IOException(summaryFile + ": no window.measuredFrom / window.measuredSec");
        }
        long from = Instant.parse(window.path("measuredFrom").asText()).toEpochMilli();
        int measuredSec = window.path("measuredSec").asInt();
        Map<String, LatencyWindow> windows = IntervalLogWindows.readMeasured(folder.resolve(RunFolder.INTERVAL_LOG));
        Map<String, BaselineComparison.Errors> errors = new TreeMap<>();
        addErrors(summaryFile, "requests", summary.path("requests"), windows, errors);
        // Voice metrics' failures (NO_REPLY, MEDIA_FAILED...) too; they stay out of the requests' errors.
        addErrors(summaryFile, "voiceMetrics", summary.path("voiceMetrics"), windows, new TreeMap<>());
        JsonNode knee = summary.path("capacity").path("kneeRatePerSec");
        return new RecordedRun(folder, summary.path("profile").path("name").asText("?"), summary.path("simulation").asText("?"),
                from, measuredSec, windows, errors, knee.isNumber() ? knee.asDouble() : null, injectorFacts(summary, from),
                heldSteps(folder, summary.path("capacity").path("steps")), 0, summary.path("capacity").isObject());
    }

    /** The steps summary.json says held, with their windows from steps.json; none for a run that was no search. */
    private static Map<Double, Map<String, LatencyWindow>> heldSteps(Path folder, JsonNode stepViews) throws IOException {
        java.util.Set<Integer> held = new java.util.HashSet<>();
        stepViews.forEach(step -> {
            if (step.path("held").asBoolean(false)) {
                held.add(step.path("step").asInt());
            }
        });
        StepsFile.Document steps = held.isEmpty() ? null : StepsFile.read(folder);
        Map<Double, Map<String, LatencyWindow>> windows = new TreeMap<>();
        if (steps == null) {
            return windows;
        }
        for (StepsFile.Step step : steps.steps()) {
            if (held.contains(step.step())) {
                Map<String, LatencyWindow> byName = new TreeMap<>();
                for (Map.Entry<String, StepsFile.Window> window : step.windows().entrySet()) {
                    LatencyWindow into = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
                    window.getValue().addTo(into);
                    byName.put(window.getKey(), into);
                }
                windows.put(step.ratePerSec(), byName);
            }
        }
        return windows;
    }

    private static void addErrors(Path summaryFile, String section, JsonNode figures, Map<String, LatencyWindow> windows,
                                  Map<String, BaselineComparison.Errors> errors) throws IOException {
        Iterator<Map.Entry<String, JsonNode>> requests = figures.fields();
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
                    throw new IOException(summaryFile + ": " + section + "." + request.getKey() + ".measured.errorsByKind."
                            + kind.getKey() + " does not fit the interval log (" + e.getMessage() + ")");
                }
            }
        }
    }

    /** The injector's own observations, as its summary.json recorded them (older summaries: none recorded, none assumed). */
    static InjectorFacts injectorFacts(JsonNode summary, long measuredFromEpochMillis) {
        JsonNode injector = summary.path("injector");
        JsonNode safety = summary.path("safety");
        JsonNode window = summary.path("window");
        String status = summary.path("status").asText();
        List<String> trouble = new java.util.ArrayList<>();
        if (injector.path("behind").asBoolean(false)) {
            trouble.add(String.format("fell behind its schedule (%.1f s of arrivals late at worst)", injector.path("maxBehindSec").asDouble()));
        }
        if (injector.path("cpuSaturated").asBoolean(false)) {
            trouble.add(String.format("its CPU was saturated (%.0f%% of all cores at most)", injector.path("maxCpuPercent").asDouble()));
        }
        long ranSec = 0;
        if (window.path("runStart").isTextual() && window.path("lastResponse").isTextual()) {
            ranSec = Math.max(0, (Instant.parse(window.path("lastResponse").asText()).toEpochMilli()
                    - Instant.parse(window.path("runStart").asText()).toEpochMilli()) / 1000);
        }
        String abortedBy = safety.path("abortedBy").isTextual() ? safety.path("abortedBy").asText()
                : RunStatus.ABORTED.equals(status) ? "an abort rule" : null;
        return new InjectorFacts(injector.path("shardIndex").isInt() ? injector.path("shardIndex").asInt() : null,
                RunStatus.INTERRUPTED.equals(status), ranSec, window.path("warmUpSec").asLong() + window.path("measuredSec").asLong(),
                abortedBy, injector.path("troubleReason").isTextual() ? injector.path("troubleReason").asText()
                        : trouble.isEmpty() ? null : "the injector " + String.join(" and ", trouble)
                        + "; the figures describe the harness, not the target",
                safety.path("usersTurnedAwayAtCeiling").asLong(0), safety.path("maxConcurrentRequests").asInt(0),
                measuredFromEpochMillis);
    }
}
