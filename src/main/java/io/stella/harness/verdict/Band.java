package io.stella.harness.verdict;

import java.util.List;

/**
 * What a figure read over the runs before one, lowest to highest (the last {@value BaselineComparison#BAND_RUNS}
 * at most): the spread that two runs on a shared machine differ by anyway. A value leaves it on the worse
 * side (higher for a percentile or an error rate, lower for the knee), and counts only when it is beyond
 * the edge by more than the least change for its kind of figure and by more than the tolerance's share
 * of the edge.
 */
public record Band(double low, double high, int runs) {

    /** The band of the last runs of {@code earlier} (oldest first); at least one. */
    public static Band of(List<Double> earlier) {
        List<Double> last = earlier.subList(Math.max(0, earlier.size() - BaselineComparison.BAND_RUNS), earlier.size());
        return new Band(last.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                last.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), last.size());
    }

    /** On the worse side of the band at all. */
    public boolean outside(String figure, double value) {
        return BaselineComparison.lowerIsWorse(figure) ? value < low : value > high;
    }

    /** On the worse side by more than the least change and more than {@code tolerancePercent} of the edge. */
    public boolean leftBy(String figure, double value, double tolerancePercent) {
        boolean lowerIsWorse = BaselineComparison.lowerIsWorse(figure);
        double beyondEdge = lowerIsWorse ? low - value : value - high;
        double edge = lowerIsWorse ? low : Math.max(high, 1);
        return outside(figure, value) && beyondEdge > BaselineComparison.leastChange(figure) && beyondEdge > tolerancePercent / 100 * edge;
    }
}
