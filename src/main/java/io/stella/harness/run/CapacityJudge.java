package io.stella.harness.run;

import io.stella.harness.config.Profile;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.StepMeasurements;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.InjectorSchedule;
import io.stella.harness.verdict.Verdict;
import io.stella.harness.verdict.StepOutcome;
import io.stella.harness.verdict.ThresholdEvaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges each step of a capacity search on its own histograms, with the profile's thresholds on
 * requests (voice metrics are judged on the whole run only), and finds the knee.
 */
final class CapacityJudge {

    private CapacityJudge() {
    }

    static CapacitySearch.Result search(Profile profile, RunMeasurements measurements, InjectorSchedule schedule) {
        return search(profile, measurements.steps(), measurements.byRequest().keySet(), schedule);
    }

    /**
     * @param requestsRun the request names seen in the run (a threshold on one that never ran is not a step's)
     * @param schedule    how the injector kept to its plan, or null while the run is still going
     */
    static CapacitySearch.Result search(Profile profile, StepMeasurements steps, Set<String> requestsRun,
                                        InjectorSchedule schedule) {
        List<Threshold> requestThresholds = profile.thresholds().stream()
                .filter(threshold -> threshold.request().equals(Threshold.ALL_REQUESTS)
                        || requestsRun.contains(threshold.request()))
                .toList();
        List<StepOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < steps.stairs().steps(); i++) {
            Map<String, LatencyWindow> windows = steps.steps().get(i);
            int holdSec = steps.stairs().holdSec();
            LatencyWindow all = windows.get(Threshold.ALL_REQUESTS);
            List<Verdict> verdicts = new ThresholdEvaluator(windows::get, holdSec).evaluate(requestThresholds);
            int holdFromSec = profile.load().warmUpSec() + steps.stairs().holdStartSec(i);
            if (schedule != null && schedule.behindDuring(holdFromSec, holdFromSec + holdSec)) {
                verdicts = verdicts.stream().map(verdict -> verdict.inconclusive(schedule.reason())).toList();
            }
            outcomes.add(new StepOutcome(i, steps.stairs().rateOfStep(i), all == null ? 0 : (double) all.count() / holdSec,
                    verdicts));
        }
        return CapacitySearch.search(outcomes);
    }
}
