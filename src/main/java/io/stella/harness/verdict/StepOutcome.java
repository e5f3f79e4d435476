package io.stella.harness.verdict;

import java.util.List;

/**
 * One step of a capacity search, judged on its own histograms: the arrival rate it offered, the
 * requests per second it completed, and every threshold's verdict on that step alone. When the
 * injector was in trouble during its hold, {@code injectorTrouble} says why (its verdicts are then
 * INCONCLUSIVE: the step measured the harness).
 */
public record StepOutcome(int step, double ratePerSec, double requestsPerSec, List<Verdict> verdicts, String injectorTrouble) {

    public StepOutcome {
        verdicts = List.copyOf(verdicts);
    }

    public StepOutcome(int step, double ratePerSec, double requestsPerSec, List<Verdict> verdicts) {
        this(step, ratePerSec, requestsPerSec, verdicts, null);
    }

    public boolean held() {
        return verdicts.stream().allMatch(Verdict::passed);
    }

    public List<Verdict> breaches() {
        return verdicts.stream().filter(verdict -> !verdict.passed()).toList();
    }
}
