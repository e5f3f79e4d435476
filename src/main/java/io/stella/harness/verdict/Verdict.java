package io.stella.harness.verdict;

import io.stella.harness.config.Threshold;

/**
 * The outcome of one threshold: what was required, what was measured, and PASS or FAIL.
 * {@code reason} is set when there was nothing to judge (e.g. no samples), which is never a PASS.
 */
public record Verdict(Threshold threshold, Status status, String required, String actual, String reason) {

    public enum Status { PASS, FAIL }

    public boolean passed() {
        return status == Status.PASS;
    }

    /** One line for the console: {@code FAIL createSession P99 <= 1 ms: required <= 1 ms, actual 3.2 ms}. */
    public String describe() {
        String line = status + " " + threshold.describe() + ": required " + required + ", actual " + actual;
        return reason == null ? line : line + " (" + reason + ")";
    }
}
