package io.stella.harness.verdict;

import io.stella.harness.config.Threshold;

/**
 * The outcome of one threshold: what was required, what was measured, and PASS, FAIL or
 * INCONCLUSIVE (the figures cannot carry a verdict: too few samples to bound a percentile, or an
 * injector that fell behind its schedule). {@code reason} says why whenever it is not a plain PASS.
 */
public record Verdict(Threshold threshold, Status status, String required, String actual, String reason) {

    public enum Status { PASS, FAIL, INCONCLUSIVE }

    public boolean passed() {
        return status == Status.PASS;
    }

    /** The same threshold and figures, inconclusive for a reason that concerns the whole run. */
    public Verdict inconclusive(String why) {
        return new Verdict(threshold, Status.INCONCLUSIVE, required, actual, why);
    }

    /** One line for the console: {@code FAIL createSession P99 <= 1 ms: required <= 1 ms, actual 3.2 ms}. */
    public String describe() {
        String line = status + " " + threshold.describe() + ": required " + required + ", actual " + actual;
        return reason == null ? line : line + " (" + reason + ")";
    }
}
