package io.stella.harness.verdict;

import io.stella.harness.config.Numbers;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.LatencyWindow;

import java.util.List;
import java.util.function.Function;

/**
 * Judges thresholds against the measured window's histograms. A threshold with no samples behind it
 * fails: a latency target is never shown to hold by the absence of evidence.
 */
public final class ThresholdEvaluator {

    private final Function<String, LatencyWindow> windowByRequest;
    private final double measuredSec;

    /**
     * @param windowByRequest the measured window of a request name ({@code "all"} included), or null if it never ran
     * @param measuredSec     the length of the measured window, for throughput
     */
    public ThresholdEvaluator(Function<String, LatencyWindow> windowByRequest, double measuredSec) {
        if (!(measuredSec > 0)) {
            throw new IllegalArgumentException("measuredSec must be > 0 (was " + measuredSec + ")");
        }
        this.windowByRequest = windowByRequest;
        this.measuredSec = measuredSec;
    }

    public List<Verdict> evaluate(List<Threshold> thresholds) {
        return thresholds.stream().map(this::evaluate).toList();
    }

    public Verdict evaluate(Threshold threshold) {
        LatencyWindow window = windowByRequest.apply(threshold.request());
        if (window == null || window.count() == 0) {
            return new Verdict(threshold, Verdict.Status.FAIL, threshold.required(), "no samples",
                    "no " + threshold.request() + " request completed in the measured window",
                    new Verdict.Measured(limitOf(threshold), null, null, null, 0, unitOf(threshold)));
        }
        if (threshold instanceof Threshold.PercentileLimit limit) {
            return percentile(limit, window);
        }
        if (threshold instanceof Threshold.ErrorRateLimit limit) {
            return errorRate(limit, window);
        }
        return throughput((Threshold.ThroughputFloor) threshold, window);
    }

    /**
     * PASS when the whole 95% confidence interval is within the limit, FAIL when all of it is beyond,
     * INCONCLUSIVE when it straddles the limit or the sample cannot bound it.
     */
    private Verdict percentile(Threshold.PercentileLimit limit, LatencyWindow window) {
        PercentileEstimate estimate = PercentileEstimate.of(window, limit.percentile());
        String actual = Numbers.plain(Numbers.toThousandth(estimate.valueMillis())) + " ms (95% CI "
                + bound(estimate.lowMillis()) + ".." + bound(estimate.highMillis()) + " ms, n=" + estimate.samples() + ")";
        Verdict.Measured measured = new Verdict.Measured(limit.maxMillis(), Numbers.toThousandth(estimate.valueMillis()),
                estimate.lowMillis() == null ? null : Numbers.toThousandth(estimate.lowMillis()),
                estimate.highMillis() == null ? null : Numbers.toThousandth(estimate.highMillis()), estimate.samples(), "ms");
        if (estimate.highMillis() != null && estimate.highMillis() <= limit.maxMillis()) {
            return new Verdict(limit, Verdict.Status.PASS, limit.required(), actual, null, measured);
        }
        if (estimate.lowMillis() != null && estimate.lowMillis() > limit.maxMillis()) {
            return new Verdict(limit, Verdict.Status.FAIL, limit.required(), actual, null, measured);
        }
        String why = estimate.highMillis() == null
                ? estimate.samples() + " samples cannot bound P" + Numbers.plain(limit.percentile()) + " from above"
                : "the confidence interval straddles the limit";
        return new Verdict(limit, Verdict.Status.INCONCLUSIVE, limit.required(), actual, why, measured);
    }

    private static String bound(Double millis) {
        return millis == null ? "?" : Numbers.plain(Numbers.toThousandth(millis));
    }

    private Verdict errorRate(Threshold.ErrorRateLimit limit, LatencyWindow window) {
        double percent = window.errorPercent();
        boolean holds = percent <= limit.maxErrorPercent();
        return new Verdict(limit, status(holds), limit.required(), Numbers.plain(Numbers.toThousandth(percent)) + " % ("
                + window.errorCount() + " of " + window.count() + ")", null,
                new Verdict.Measured(limit.maxErrorPercent(), Numbers.toThousandth(percent), null, null, window.count(), "%"));
    }

    private Verdict throughput(Threshold.ThroughputFloor floor, LatencyWindow window) {
        double perSec = window.count() / measuredSec;
        boolean holds = perSec >= floor.minPerSec();
        return new Verdict(floor, status(holds), floor.required(), Numbers.plain(Numbers.toThousandth(perSec)) + " req/s", null,
                new Verdict.Measured(floor.minPerSec(), Numbers.toThousandth(perSec), null, null, window.count(), "req/s"));
    }

    private static double limitOf(Threshold threshold) {
        if (threshold instanceof Threshold.PercentileLimit limit) {
            return limit.maxMillis();
        }
        if (threshold instanceof Threshold.ErrorRateLimit limit) {
            return limit.maxErrorPercent();
        }
        return ((Threshold.ThroughputFloor) threshold).minPerSec();
    }

    private static String unitOf(Threshold threshold) {
        return threshold instanceof Threshold.PercentileLimit ? "ms" : threshold instanceof Threshold.ErrorRateLimit ? "%" : "req/s";
    }

    private static Verdict.Status status(boolean holds) {
        return holds ? Verdict.Status.PASS : Verdict.Status.FAIL;
    }
}
