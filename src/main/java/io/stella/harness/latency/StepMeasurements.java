package io.stella.harness.latency;

import io.stella.harness.config.Stairs;
import io.stella.harness.config.Threshold;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A capacity search's figures step by step: a request belongs to the step whose hold it started in;
 * requests started during a ramp between steps belong to none. Each step keeps a window per request
 * name and one for all, like the run's measured window, and one per voice metric (kept out of all,
 * as in the run's: a voice figure is no request).
 */
public final class StepMeasurements {

    private final Stairs stairs;
    private final long firstHoldFromRunStartMillis;
    private final List<Map<String, LatencyWindow>> steps = new ArrayList<>();

    public StepMeasurements(Stairs stairs, long warmUpMillis) {
        this.stairs = stairs;
        this.firstHoldFromRunStartMillis = warmUpMillis;
        for (int i = 0; i < stairs.steps(); i++) {
            steps.add(new TreeMap<>());
        }
    }

    /** The step whose hold contains this moment (millis after the run start), or -1. */
    int stepAt(long sinceRunStartMillis) {
        long intoStairs = sinceRunStartMillis - firstHoldFromRunStartMillis;
        if (intoStairs < 0) {
            return -1;
        }
        long period = (stairs.holdSec() + stairs.rampSec()) * 1000L;
        int step = (int) (intoStairs / period);
        return step < stairs.steps() && intoStairs % period < stairs.holdSec() * 1000L ? step : -1;
    }

    public void record(String name, long sinceRunStartMillis, long latencyMicros, ErrorKind errorOrNull) {
        int step = stepAt(sinceRunStartMillis);
        if (step < 0) {
            return;
        }
        for (String key : new String[] {name, Threshold.ALL_REQUESTS}) {
            steps.get(step).computeIfAbsent(key, k -> new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS))
                    .record(latencyMicros, errorOrNull);
        }
    }

    /** A voice metric's sample: its own window only. */
    public void recordOwn(String name, long sinceRunStartMillis, long latencyMicros, ErrorKind errorOrNull) {
        int step = stepAt(sinceRunStartMillis);
        if (step >= 0) {
            steps.get(step).computeIfAbsent(name, k -> new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS))
                    .record(latencyMicros, errorOrNull);
        }
    }

    /** Adds the other stairs' windows (the same stairs, other names: the voice metrics' steps) step by step. */
    public void addWindowsOf(StepMeasurements other) {
        for (int i = 0; i < Math.min(steps.size(), other.steps.size()); i++) {
            Map<String, LatencyWindow> into = steps.get(i);
            other.steps.get(i).forEach((name, window) -> window.addTo(
                    into.computeIfAbsent(name, k -> new LatencyWindow(window.sampleResolutionMicros()))));
        }
    }

    /** A copy of one step's windows, safe to read while this goes on recording. */
    public Map<String, LatencyWindow> copyOfStep(int step) {
        Map<String, LatencyWindow> copy = new TreeMap<>();
        steps.get(step).forEach((name, window) -> {
            LatencyWindow into = new LatencyWindow(window.sampleResolutionMicros());
            window.addTo(into);
            copy.put(name, into);
        });
        return copy;
    }

    public Stairs stairs() {
        return stairs;
    }

    /** Step by step, request name (and "all") to its window. */
    public List<Map<String, LatencyWindow>> steps() {
        return Collections.unmodifiableList(steps);
    }
}
