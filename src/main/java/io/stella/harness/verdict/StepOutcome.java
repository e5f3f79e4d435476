package io.stella.harness.verdict;

import java.util.List;

/**
 * One step of a capacity search, judged on its own histograms: the arrival rate it offered, the
 * requests per second it completed, and every threshold's verdict on that step alone.
 */
public record StepOutcome(int step, double ratePerSec, double requestsPerSec, List<Verdict> verdicts) {

    public StepOutcome {
        verdicts = List.copyOf(verdicts);
    }

    public boolean held() {
        return verdicts.stream().allMatch(Verdict::passed);
    }

    public List<Verdict> breaches() {
        return verdicts.stream().filter(verdict -> !verdict.passed()).toList();
    }
}
