package io.stella.harness.judgement;

import io.stella.harness.config.Profile;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.StepMeasurements;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.InjectorHealth;
import io.stella.harness.verdict.Verdict;
import io.stella.harness.verdict.StepOutcome;
import io.stella.harness.verdict.ThresholdEvaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges each step of a capacity search on its own histograms, with the profile's thresholds on
 * requests and on voice metrics (each voice figure belongs to the step whose hold it started in),
 * and finds the knee.
 */
public final class CapacityJudge {

    static final int MIN_VOICE_SAMPLES_FOR_A_HARD_BREAK = 10;

    private CapacityJudge() {
    }

    /**
     * @param stepRates each step's rate as the live search ran it (0: not run, the search had stopped),
     *                  or null when the stairs ran as planned
     */
    public static CapacitySearch.Result search(Profile profile, RunMeasurements measurements, Set<String> namesRun,
                                        InjectorHealth injector, List<Double> stepRates) {
        StepMeasurements steps = measurements.steps();
        List<StepOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < steps.stairs().steps(); i++) {
            Double ran = stepRates == null || i >= stepRates.size() ? null : stepRates.get(i);
            double rate = ran == null ? steps.stairs().rateOfStep(i) : ran;
            if (rate > 0) {
                outcomes.add(judgeStep(profile, steps.steps().get(i), i, rate, namesRun, injector));
            }
        }
        return CapacitySearch.search(outcomes);
    }

    /**
     * One step judged on its own windows with the profile's thresholds.
     *
     * @param windows  the step's windows by request or voice metric name, and "all"
     * @param namesRun the request and voice metric names seen in the run (a threshold on one that never ran is not a step's)
     * @param injector whether the injector was in trouble (late, out of CPU), or null while the run is still going
     */
    public static StepOutcome judgeStep(Profile profile, Map<String, LatencyWindow> windows, int step, double ratePerSec,
                                 Set<String> namesRun, InjectorHealth injector) {
        int holdSec = profile.load().stairs().holdSec();
        LatencyWindow all = windows.get(Threshold.ALL_REQUESTS);
        List<Verdict> verdicts = new ThresholdEvaluator(windows::get, holdSec).evaluate(stepThresholds(profile, namesRun));
        int holdFromSec = profile.load().warmUpSec() + profile.load().stairs().holdStartSec(step);
        String trouble = null;
        if (injector != null && injector.troubledDuring(holdFromSec, holdFromSec + holdSec)) {
            String why = injector.reasonDuring(holdFromSec, holdFromSec + holdSec);
            trouble = why;
            verdicts = verdicts.stream().map(verdict -> verdict.inconclusive(why)).toList();
        }
        return new StepOutcome(step, ratePerSec, all == null ? 0 : (double) all.count() / holdSec, verdicts, trouble);
    }

    /**
     * Whether a step broke so badly that climbing or refining further only hurts the target: errors at
     * least {@code hardErrorPercent} of its requests, or a percentile at {@code hardLatencyFactor} times
     * its limit or more.
     */
    public static boolean failedHard(Profile profile, Map<String, LatencyWindow> windows, double hardErrorPercent,
                              double hardLatencyFactor) {
        LatencyWindow all = windows.get(Threshold.ALL_REQUESTS);
        if (all != null && all.count() > 0 && all.errorPercent() >= hardErrorPercent) {
            return true;
        }
        // A voice metric failing that often (calls unanswered, replies that never came) is as hard a break,
        // once there are enough calls to tell: a step of a few calls is half unanswered by one call.
        boolean voiceBroken = profile.thresholds().stream().map(Threshold::request).filter(VoiceMetrics.NAMES::contains).distinct()
                .map(windows::get).anyMatch(window -> window != null && window.count() >= MIN_VOICE_SAMPLES_FOR_A_HARD_BREAK
                        && window.errorPercent() >= hardErrorPercent);
        if (voiceBroken) {
            return true;
        }
        return profile.thresholds().stream().filter(t -> t instanceof Threshold.PercentileLimit).map(t -> (Threshold.PercentileLimit) t)
                .anyMatch(limit -> {
                    LatencyWindow window = windows.get(limit.request());
                    return window != null && window.count() > 0
                            && window.percentileMillis(limit.percentile()) >= hardLatencyFactor * limit.maxMillis();
                });
    }

    private static List<Threshold> stepThresholds(Profile profile, Set<String> namesRun) {
        return profile.thresholds().stream()
                .filter(threshold -> threshold.request().equals(Threshold.ALL_REQUESTS) || namesRun.contains(threshold.request()))
                .toList();
    }
}
