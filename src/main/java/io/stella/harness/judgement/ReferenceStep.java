package io.stella.harness.judgement;

import io.stella.harness.config.Threshold;
import io.stella.harness.verdict.BaselineComparison;
import io.stella.harness.verdict.FigureTrend;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The step of a capacity search that its comparison reads latency at: a slower answer at the same
 * offered load is the target's, even when the knee did not move (a limit set by a rate limiter or a
 * pool moves the knee; a slower database does not). The highest planned step this run held that the
 * baseline held too; with a history, the highest of those that enough good earlier runs held for a
 * band, where one is.
 */
final class ReferenceStep {

    private ReferenceStep() {
    }

    /** The step's rate, or null when the run was no search or no step qualifies. */
    static Double choose(RecordedRun now, RecordedRun before, Map<String, List<FigureTrend.Night>> nights) {
        if (!now.capacitySearch()) {
            return null;
        }
        List<Double> shared = now.heldSteps().keySet().stream()
                .filter(rate -> before == null || before.heldSteps().containsKey(rate))
                .sorted(Comparator.reverseOrder()).toList();
        return shared.stream().filter(rate -> banded(rate, nights)).findFirst()
                .orElse(shared.stream().findFirst().orElse(null));
    }

    /** Whether enough good earlier runs held the step for its figures to have a band. */
    private static boolean banded(double rate, Map<String, List<FigureTrend.Night>> nights) {
        String figure = Threshold.ALL_REQUESTS + " P50 (ms)" + BaselineComparison.stepSuffix(rate);
        return nights.getOrDefault(figure, List.of()).size() >= BaselineComparison.MIN_RUNS_FOR_A_BAND;
    }
}
