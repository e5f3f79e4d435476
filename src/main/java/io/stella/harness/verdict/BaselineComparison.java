package io.stella.harness.verdict;

import io.stella.harness.config.Numbers;
import io.stella.harness.latency.LatencyWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * This run against an earlier one, figure by figure: per request P50, P95 and P99, error rate, and
 * the capacity search's knee. A change is a regression only when it is beyond the noise and past
 * the tolerance: for a percentile, the two 95% confidence intervals (order statistics on each
 * histogram) do not overlap and it grew by more than {@code tolerancePercent}; for an error rate, a
 * two-proportion z-test says so at 95% and it rose by more than {@value #ERROR_POINTS_TOLERANCE}
 * percentage points; for the knee (a step of the stairs, with no sampling distribution) it is at
 * least one step lower and lower by more than {@code tolerancePercent}.
 */
public final class BaselineComparison {

    static final double[] PERCENTILES = {50, 95, 99};
    static final double ERROR_POINTS_TOLERANCE = 0.5;

    /**
     * One figure compared; {@code beyondNoise} and {@code regression} as the class says;
     * {@code changePercent} is null when the baseline was 0.
     */
    public record Change(String figure, double baseline, double current, Double changePercent, boolean beyondNoise,
                         boolean regression, String note) {
    }

    /** A request's error count out of its answers, over the compared window. */
    public record Errors(long count, long errors) {
        double percent() {
            return count == 0 ? 0 : 100.0 * errors / count;
        }
    }

    private BaselineComparison() {
    }

    public static List<Change> compare(Map<String, LatencyWindow> baseline, Map<String, LatencyWindow> current,
                                       Map<String, Errors> baselineErrors, Map<String, Errors> currentErrors,
                                       Double baselineKnee, Double currentKnee, double tolerancePercent) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, LatencyWindow> entry : current.entrySet()) {
            LatencyWindow before = baseline.get(entry.getKey());
            if (before == null || before.count() == 0 || entry.getValue().count() == 0) {
                continue;
            }
            for (double percentile : PERCENTILES) {
                changes.add(percentile(entry.getKey(), percentile, before, entry.getValue(), tolerancePercent));
            }
        }
        for (Map.Entry<String, Errors> entry : currentErrors.entrySet()) {
            Errors before = baselineErrors.get(entry.getKey());
            if (before != null && before.count() > 0 && entry.getValue().count() > 0) {
                changes.add(errorRate(entry.getKey(), before, entry.getValue()));
            }
        }
        if (baselineKnee != null && currentKnee != null) {
            double change = percentChange(baselineKnee, currentKnee); // the knee is never 0: it is a step that held
            boolean lower = currentKnee < baselineKnee;
            changes.add(new Change("knee (journeys/s)", baselineKnee, currentKnee, change, lower,
                    lower && -change > tolerancePercent, lower ? "at least one step lower" : "not lower"));
        }
        return changes;
    }

    static Change percentile(String request, double percentile, LatencyWindow before, LatencyWindow now, double tolerancePercent) {
        PercentileEstimate was = PercentileEstimate.of(before, percentile);
        PercentileEstimate is = PercentileEstimate.of(now, percentile);
        double change = percentChange(Math.max(was.valueMillis(), 1), is.valueMillis()); // whole ms: 0 ms reads as 1
        boolean slowerBeyondNoise = was.highMillis() != null && is.lowMillis() != null && is.lowMillis() > was.highMillis();
        boolean fasterBeyondNoise = was.lowMillis() != null && is.highMillis() != null && is.highMillis() < was.lowMillis();
        String note = "95% CI " + interval(was) + " -> " + interval(is);
        return new Change(request + " P" + Numbers.plain(percentile) + " (ms)", was.valueMillis(), is.valueMillis(), change,
                slowerBeyondNoise || fasterBeyondNoise, slowerBeyondNoise && change > tolerancePercent, note);
    }

    static Change errorRate(String request, Errors before, Errors now) {
        double pooled = (double) (before.errors() + now.errors()) / (before.count() + now.count());
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / before.count() + 1.0 / now.count()));
        double z = standardError == 0 ? 0 : (now.percent() - before.percent()) / 100.0 / standardError;
        boolean beyondNoise = Math.abs(z) > PercentileEstimate.Z_95;
        double points = now.percent() - before.percent();
        return new Change(request + " errors (%)", Numbers.millis3(before.percent()), Numbers.millis3(now.percent()),
                before.percent() == 0 ? null : percentChange(before.percent(), now.percent()), beyondNoise,
                beyondNoise && points > ERROR_POINTS_TOLERANCE, "z = " + Numbers.plain(Numbers.millis3(z)));
    }

    private static double percentChange(double before, double now) {
        return Numbers.millis3(100.0 * (now - before) / before);
    }

    private static String interval(PercentileEstimate estimate) {
        return (estimate.lowMillis() == null ? "?" : Numbers.plain(estimate.lowMillis())) + ".."
                + (estimate.highMillis() == null ? "?" : Numbers.plain(estimate.highMillis()));
    }
}
