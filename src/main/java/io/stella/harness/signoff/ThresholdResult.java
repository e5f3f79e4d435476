package io.stella.harness.signoff;

import io.stella.harness.verdict.Verdict;

/** One threshold as signoff.json states it: the rule, its verdict, why, and its numbers. */
public record ThresholdResult(String threshold, String status, String reason, Verdict.Measured measured) {

    static ThresholdResult of(Verdict verdict) {
        return new ThresholdResult(verdict.threshold().describe(), verdict.status().name(), verdict.reason(), verdict.measured());
    }
}
