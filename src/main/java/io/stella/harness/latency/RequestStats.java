package io.stella.harness.latency;

/**
 * One request name's figures: the whole run (what Gatling's report covers, warm-up included) and
 * the measured window (after warm-up), which is what thresholds judge.
 */
public record RequestStats(String name, LatencyWindow wholeRun, LatencyWindow measured) {

    /** Stats for a request timed by Gatling, in whole milliseconds. */
    public static RequestStats named(String name) {
        return new RequestStats(name, new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS),
                new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS));
    }
}
