package io.stella.harness.run.end;

import io.stella.harness.judgement.BaselineCheck;
import io.stella.harness.judgement.RecordedRun;
import io.stella.harness.results.BaselineView;
import io.stella.harness.run.RunPlan;

import java.io.IOException;
import java.util.List;

/**
 * This run against {@code -Dbaseline} and {@code -Dhistory}, or what kept it from being made (both null
 * when none was asked for). Both were read before the load; a comparison that fails now leaves the run
 * without the evidence it asked for, which makes it INCONCLUSIVE (never GO), saying why.
 */
record Comparison(BaselineView view, String failure) {

    static final Comparison NONE = new Comparison(null, null);

    static Comparison of(RunPlan plan, RecordedRun recorded) {
        if (plan.baseline() == null && plan.history() == null) {
            return NONE;
        }
        try {
            return new Comparison(BaselineCheck.compare(plan.baseline(), recorded, plan.baselineTolerancePercent(), plan.history()), null);
        } catch (IOException | RuntimeException e) {
            return new Comparison(null, "the comparison with " + comparedWith(plan) + " could not be made (" + e.getMessage()
                    + "); no GO without it");
        }
    }

    /** What this run was compared with, in words: "the baseline results/x and the history h.jsonl". */
    static String comparedWith(RunPlan plan) {
        String baseline = plan.baseline() == null ? null : "the baseline " + plan.baseline();
        String history = plan.history() == null ? null : "the history " + plan.history();
        return baseline == null ? history : history == null ? baseline : baseline + " and " + history;
    }

    List<String> regressions() {
        return view == null ? List.of() : view.regressions();
    }

    List<String> missingEvidence() {
        return failure == null ? List.of() : List.of(failure);
    }
}
