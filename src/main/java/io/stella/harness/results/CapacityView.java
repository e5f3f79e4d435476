package io.stella.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.StepMeasurements;
import io.stella.harness.verdict.CapacityPlan;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.StepOutcome;
import io.stella.harness.verdict.Verdict;

import java.util.List;

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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepView(int step, double ratePerSec, double requestsPerSec, long count, long errors, Double errorPercent,
                           Double p50Millis, Double p95Millis, Double p99Millis, boolean held, List<String> breaches) {
    }

    public record PlanView(double currentPeakRatePerSec, double monthlyGrowthPercent, double headroom, double monthsLeft,
                           double minHeadroom, boolean enough) {
    }

    /** The view of a search, or null for a run that was no capacity search. */
    public static CapacityView of(CapacitySearch.Result search, CapacityPlan plan, StepMeasurements steps) {
        if (search == null) {
            return null;
        }
        List<StepView> table = search.steps().stream().map(step -> step(step, steps.steps().get(step.step())
                .get(Threshold.ALL_REQUESTS))).toList();
        return new CapacityView(search.finding().name(),
                search.knee() == null ? null : search.knee().ratePerSec(),
                search.knee() == null ? null : Numbers.millis3(search.knee().requestsPerSec()),
                search.firstFailing() == null ? null : search.firstFailing().ratePerSec(), table,
                plan == null ? null : new PlanView(plan.currentPeakRatePerSec(), plan.monthlyGrowthPercent(),
                        Numbers.millis3(plan.headroom()), Numbers.millis3(plan.monthsLeft()), plan.minHeadroom(), plan.enough()),
                null, null);
    }

    private static StepView step(StepOutcome outcome, LatencyWindow all) {
        boolean empty = all == null || all.count() == 0;
        return new StepView(outcome.step(), outcome.ratePerSec(), Numbers.millis3(outcome.requestsPerSec()),
                empty ? 0 : all.count(), empty ? 0 : all.errorCount(), empty ? null : Numbers.millis3(all.errorPercent()),
                empty ? null : all.percentileMillis(50), empty ? null : all.percentileMillis(95),
                empty ? null : all.percentileMillis(99), outcome.held(), outcome.breaches().stream().map(Verdict::describe).toList());
    }
}
