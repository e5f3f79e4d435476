package io.stella.harness.verdict;

import io.stella.harness.config.Threshold;

/**
 * The outcome of one threshold: what was required, what was measured, and PASS, FAIL or
 * INCONCLUSIVE (the figures cannot carry a verdict: too few samples to bound a percentile, or an
 * injector that fell behind its schedule). {@code reason} says why whenever it is not a plain PASS.
 */
public record Verdict(Threshold threshold, Status status, String required, String actual, String reason,
                      Measured measured) {

    public enum Status { PASS, FAIL, INCONCLUSIVE }

    /**
     * The verdict's numbers, for a machine to read beside the sentence: the limit, the measured value,
     * its 95% confidence interval where one is computed (null bounds: the sample cannot tell that
     * side), the samples behind it, and the unit of limit and value ({@code ms}, {@code %}, {@code req/s}).
     */
    public record Measured(double limit, Double value, Double ciLow, Double ciHigh, long samples, String unit) {
    }

    /** A verdict without numbers (tests, hand-made verdicts). */
    public Verdict(Threshold threshold, Status status, String required, String actual, String reason) {
        this(threshold, status, required, actual, reason, null);
    }

    public boolean passed() {
        return status == Status.PASS;
    }

    /** The same threshold and figures, inconclusive for a reason that concerns the whole run. */
    public Verdict inconclusive(String why) {
        return new Verdict(threshold, Status.INCONCLUSIVE, required, actual, why, measured);
    }

    /** One line for the console: {@code FAIL createSession P99 <= 1 ms: required <= 1 ms, actual 3.2 ms}. */
    public String describe() {
        String line = status + " " + threshold.describe() + ": required " + required + ", actual " + actual;
        return reason == null ? line : line + " (" + reason + ")";
    }
}
