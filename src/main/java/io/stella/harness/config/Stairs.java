package io.stella.harness.config;

/**
 * A capacity search's load: {@code steps} levels of arrival rate, from {@code startRatePerSec} up by
 * {@code stepRatePerSec}, each held {@code holdSec} and reached by a ramp of {@code rampSec}. Only the
 * holds are judged, each on its own histograms.
 */
public record Stairs(double startRatePerSec, double stepRatePerSec, int steps, int holdSec, int rampSec) {

    /** Rounded to a millionth: 0.2 + 2 x 0.2 is 0.6, not 0.6000000000000001, in every table and verdict. */
    public double rateOfStep(int step) {
        return Math.round((startRatePerSec + step * stepRatePerSec) * 1e6) / 1e6;
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
