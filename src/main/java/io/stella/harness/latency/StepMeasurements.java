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
 * name and one for all, like the run's measured window.
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

    public Stairs stairs() {
        return stairs;
    }

    /** Step by step, request name (and "all") to its window. */
    public List<Map<String, LatencyWindow>> steps() {
        return Collections.unmodifiableList(steps);
    }
}
