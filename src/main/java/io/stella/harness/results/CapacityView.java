package io.stella.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.StepMeasurements;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.verdict.CapacityPlan;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.StepOutcome;
import io.stella.harness.verdict.Verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code summary.json}'s capacity section: the per-step table (steps in the order they ran, at the
 * rate each ran: refining steps after the first break lie between held and broken), the knee, the
 * plan from it, and {@code stoppedEarly} when a hard break ended the search (later steps sent nothing).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CapacityView(String finding, Double kneeRatePerSec, Double kneeRequestsPerSec, Double firstFailingRatePerSec,
                           List<StepView> steps, PlanView planning, Boolean stoppedEarly, Integer kneeConcurrentSessions) {

    public CapacityView withStoppedEarly(boolean stopped) {
        return new CapacityView(finding, kneeRatePerSec, kneeRequestsPerSec, firstFailingRatePerSec, steps, planning,
                stopped ? Boolean.TRUE : null, kneeConcurrentSessions);
    }

    /** The knee as voice sessions held at once during the knee step's hold (voice simulations only). */
    public CapacityView withKneeConcurrentSessions(Integer sessions) {
        return new CapacityView(finding, kneeRatePerSec, kneeRequestsPerSec, firstFailingRatePerSec, steps, planning,
                stoppedEarly, sessions);
    }

    /**
     * One step: all requests' figures, each voice metric's (by name) and the most conversations or
     * voice sessions held at once during its hold (voice simulations only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(int step, double ratePerSec, double requestsPerSec, long count, long errors, Double errorPercent,
                           Double p50Millis, Double p95Millis, Double p99Millis, boolean held, List<String> breaches,
                           Map<String, VoiceStepView> voice, Integer heldAtOnce) {
    }

    /** A voice metric in one step: samples, those that got no reply, all failures, the median and P95. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VoiceStepView(long count, long noReply, long errors, Double p50Millis, Double p95Millis) {
    }

    /** The plan; knee and peak in {@code unit} (journeys/s, or conversations held at once). */
    public record PlanView(double currentPeak, String unit, double monthlyGrowthPercent, double headroom, double monthsLeft,
                           double minHeadroom, boolean enough) {
    }

    /**
     * The view of a search, or null for a run that was no capacity search.
     *
     * @param heldAtOnce a step's most conversations (or voice sessions) held at once, null without voice
     */
    public static CapacityView of(CapacitySearch.Result search, CapacityPlan plan, StepMeasurements steps,
                                  IntFunction<Integer> heldAtOnce) {
        if (search == null) {
            return null;
        }
        List<StepView> table = search.steps().stream().map(step -> step(step, steps.steps().get(step.step()),
                heldAtOnce.apply(step.step()))).toList();
        return new CapacityView(search.finding().name(),
                search.knee() == null ? null : search.knee().ratePerSec(),
                search.knee() == null ? null : Numbers.toThousandth(search.knee().requestsPerSec()),
                search.firstFailing() == null ? null : search.firstFailing().ratePerSec(), table,
                plan == null ? null : new PlanView(plan.currentPeak(), plan.unit(), plan.monthlyGrowthPercent(),
                        Numbers.toThousandth(plan.headroom()), Numbers.toThousandth(plan.monthsLeft()), plan.minHeadroom(), plan.enough()),
                null, null);
    }

    private static StepView step(StepOutcome outcome, Map<String, LatencyWindow> windows, Integer heldAtOnce) {
        LatencyWindow all = windows.get(Threshold.ALL_REQUESTS);
        boolean empty = all == null || all.count() == 0;
        Map<String, VoiceStepView> voice = new LinkedHashMap<>();
        for (String name : VoiceMetrics.NAMES) {
            LatencyWindow window = windows.get(name);
            if (window != null && window.count() > 0) {
                voice.put(name, new VoiceStepView(window.count(), window.errorsByKind().getOrDefault(ErrorKind.NO_REPLY, 0L),
                        window.errorCount(), window.percentileMillis(50), window.percentileMillis(95)));
            }
        }
        return new StepView(outcome.step(), outcome.ratePerSec(), Numbers.toThousandth(outcome.requestsPerSec()),
                empty ? 0 : all.count(), empty ? 0 : all.errorCount(), empty ? null : Numbers.toThousandth(all.errorPercent()),
                empty ? null : all.percentileMillis(50), empty ? null : all.percentileMillis(95),
                empty ? null : all.percentileMillis(99), outcome.held(), outcome.breaches().stream().map(Verdict::describe).toList(),
                voice.isEmpty() ? null : voice, heldAtOnce);
    }
}
