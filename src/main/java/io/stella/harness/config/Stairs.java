package io.stella.harness.config;

/**
 * A capacity search's load: {@code steps} levels of arrival rate, from {@code startRatePerSec} up by
 * {@code stepRatePerSec}, each held {@code holdSec} and reached by a ramp of {@code rampSec}. Only the
 * holds are judged, each on its own histograms.
 */
public record Stairs(double startRatePerSec, double stepRatePerSec, int steps, int holdSec, int rampSec) {

    public double rateOfStep(int step) {
        return startRatePerSec + step * stepRatePerSec;
    }

    /** Seconds from the end of the warm-up to the start of a step's hold. */
    public int holdStartSec(int step) {
        return step * (holdSec + rampSec);
    }

    /** The same stairs at {@code factor} times every rate (an injector's share of a sharded run). */
    public Stairs scaled(double factor) {
        return new Stairs(startRatePerSec * factor, stepRatePerSec * factor, steps, holdSec, rampSec);
    }

    public int totalSec() {
        return steps * holdSec + (steps - 1) * rampSec;
    }
}
