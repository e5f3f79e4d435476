package io.stella.harness.verdict;

import io.stella.harness.config.Numbers;

import java.util.List;

/**
 * What a figure read over the runs before one (the last {@value BaselineComparison#BAND_RUNS} at most):
 * their median, and around it {@value #WIDTH_IN_SPREADS} robust spreads each way (the median absolute
 * deviation scaled by 1.4826, which is the standard deviation for normal noise): what two runs on a
 * shared machine differ by anyway. Median and MAD, not lowest and highest: one disturbed night (seen: a
 * createSession P50 of 46 ms among nights of 28 to 30) would otherwise widen the band for the next ten
 * and hide a real step. A value leaves the band on the worse side (higher for a percentile or an error
 * rate, lower for the knee), and counts when it is also away from the median by more than the least
 * change for its kind of figure and by more than the tolerance's share of the median. Its half-width is
 * at least the figure's resolution: a figure that reads in steps (a knee of 41.25 five nights running,
 * whole milliseconds) has no spread to measure, and a band of zero width would call one step a change.
 */
public record Band(double low, double high, double median, int runs) {

    static final double WIDTH_IN_SPREADS = 3;
    private static final double MAD_TO_SIGMA = 1.4826;

    /** The band of the last runs of {@code earlier} (oldest first); at least one. */
    public static Band of(List<Double> earlier) {
        return of(earlier, 0);
    }

    /** As {@link #of(List)}, at least {@code resolution} wide on either side of the median. */
    public static Band of(List<Double> earlier, double resolution) {
        List<Double> last = earlier.subList(Math.max(0, earlier.size() - BaselineComparison.BAND_RUNS), earlier.size());
        double median = median(last);
        double spread = MAD_TO_SIGMA * median(last.stream().map(value -> Math.abs(value - median)).toList());
        double halfWidth = Math.max(WIDTH_IN_SPREADS * spread, resolution);
        return new Band(median - halfWidth, median + halfWidth, median, last.size());
    }

    /** On the worse side of the band at all. */
    public boolean outside(String figure, double value) {
        return BaselineComparison.lowerIsWorse(figure) ? value < low : value > high;
    }

    /** Outside, and worse than the median by more than the least change and more than {@code tolerancePercent} of it. */
    public boolean leftBy(String figure, double value, double tolerancePercent) {
        double worseBy = BaselineComparison.lowerIsWorse(figure) ? median - value : value - median;
        return outside(figure, value) && worseBy > BaselineComparison.leastChange(figure)
                && worseBy > tolerancePercent / 100 * Math.max(median, BaselineComparison.lowerIsWorse(figure) ? 0 : 1);
    }

    /** {@code 26.78..31.22 (median 29)}, to a hundredth: a knee of 41.25 reads as itself. */
    public String describe() {
        return hundredth(low) + ".." + hundredth(high) + " (median " + hundredth(median) + ")";
    }

    private static String hundredth(double value) {
        return Numbers.plain(Math.round(value * 100) / 100.0);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
