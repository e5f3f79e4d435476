package io.stella.harness.judgement;

import io.stella.harness.config.Planning;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.StepMeasurements;
import io.stella.harness.results.StepsFile;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.StepOutcome;
import io.stella.harness.verdict.ThresholdEvaluator;
import io.stella.harness.verdict.Verdict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A capacity search's steps across injectors: what each injector recorded of its steps
 * ({@code steps.json}) merged step by step (latencies added, failures summed, rates summed: each
 * injector ran its share of the same stairs at the same instants), each step judged on the merge
 * with the run's thresholds, and the knee found as a search on one injector finds it.
 */
public final class MergedSteps {

    private MergedSteps() {
    }

    /** One injector's steps as it ran them, for {@code steps.json}. */
    public static StepsFile.Document recorded(Planning planning, StepMeasurements steps, List<Double> liveRates) {
        List<StepsFile.Step> recorded = new ArrayList<>();
        for (int i = 0; i < steps.stairs().steps(); i++) {
            Double ran = liveRates == null || i >= liveRates.size() ? null : liveRates.get(i);
            double rate = ran == null ? steps.stairs().rateOfStep(i) : ran;
            if (rate > 0) {
                recorded.add(StepsFile.step(i, rate, steps.steps().get(i)));
            }
        }
        return new StepsFile.Document(steps.stairs().holdSec(), planning, recorded);
    }

    /** The search on the merged steps; only steps every injector ran count; null when they share none. */
    public static CapacitySearch.Result search(List<StepsFile.Document> injectors, List<Threshold> thresholds) throws IOException {
        Map<Integer, Double> rates = new TreeMap<>();
        Map<Integer, Map<String, LatencyWindow>> windows = new TreeMap<>();
        Map<Integer, Integer> ranBy = new TreeMap<>();
        for (StepsFile.Document injector : injectors) {
            for (StepsFile.Step step : injector.steps()) {
                rates.merge(step.step(), step.ratePerSec(), Double::sum);
                ranBy.merge(step.step(), 1, Integer::sum);
                Map<String, LatencyWindow> merged = windows.computeIfAbsent(step.step(), s -> new TreeMap<>());
                for (Map.Entry<String, StepsFile.Window> window : step.windows().entrySet()) {
                    window.getValue().addTo(merged.computeIfAbsent(window.getKey(),
                            name -> new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS)));
                }
            }
        }
        if (injectors.isEmpty()) {
            return null;
        }
        int holdSec = injectors.get(0).holdSec();
        // a threshold on a request the search never ran is no step's (as a search on one injector judges)
        java.util.Set<String> requestsRun = new java.util.TreeSet<>();
        windows.values().forEach(step -> requestsRun.addAll(step.keySet()));
        List<Threshold> applicable = thresholds.stream().filter(threshold -> threshold.request().equals(Threshold.ALL_REQUESTS)
                || requestsRun.contains(threshold.request())).toList();
        List<StepOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<Integer, Double> step : rates.entrySet()) {
            if (ranBy.get(step.getKey()) < injectors.size()) {
                continue;
            }
            Map<String, LatencyWindow> merged = windows.get(step.getKey());
            List<Verdict> verdicts = new ThresholdEvaluator(merged::get, holdSec).evaluate(applicable);
            LatencyWindow all = merged.get(Threshold.ALL_REQUESTS);
            outcomes.add(new StepOutcome(step.getKey(), step.getValue(), all == null ? 0 : (double) all.count() / holdSec, verdicts));
        }
        return outcomes.isEmpty() ? null : CapacitySearch.search(outcomes);
    }
}
