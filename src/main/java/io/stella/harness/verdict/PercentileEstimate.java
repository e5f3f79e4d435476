package io.stella.harness.verdict;

import io.stella.harness.latency.LatencyWindow;

/**
 * A percentile with its 95% confidence interval, from order statistics: the sample at rank
 * {@code n·q} estimates the q-quantile, and the ranks {@code n·q ± 1.96·sqrt(n·q·(1-q))} bound it
 * whatever the distribution (the normal approximation of the binomial). A bound whose rank falls
 * outside the sample is unknown (null): then the sample is too small to tell that side.
 */
public record PercentileEstimate(double percentile, long samples, double valueMillis, Double lowMillis, Double highMillis) {

    static final double Z_95 = 1.959964;

    public static PercentileEstimate of(LatencyWindow window, double percentile) {
        return of(window, percentile, Z_95);
    }

    /** The same with the interval at the confidence whose two-sided normal quantile is {@code z} (1.96 for 95%). */
    public static PercentileEstimate of(LatencyWindow window, double percentile, double z) {
        long n = window.count();
        double q = percentile / 100.0;
        double spread = z * Math.sqrt(n * q * (1 - q));
        long lowRank = (long) Math.floor(n * q - spread);
        long highRank = (long) Math.ceil(n * q + spread);
        Double low = lowRank < 1 ? null : atRank(window, lowRank, n);
        Double high = highRank > n ? null : atRank(window, highRank, n);
        return new PercentileEstimate(percentile, n, window.percentileMillis(percentile), low, high);
    }

    private static double atRank(LatencyWindow window, long rank, long n) {
        return window.percentileMillis(100.0 * rank / n);
    }
}
