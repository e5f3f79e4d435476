package io.stella.harness.latency;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * The one histogram configuration of the harness: values in microseconds, 3 significant digits
 * (0.1% relative error), up to one hour. Every figure and verdict comes from histograms made here,
 * so they can be added together losslessly.
 */
public final class Histograms {

    public static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.HOURS.toMicros(1);
    public static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {
    }

    public static Histogram newMicros() {
        return new Histogram(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
    }

    /** Records a latency, clamped into the trackable range so one absurd value cannot abort a run. */
    public static void recordMicros(Histogram histogram, long latencyMicros) {
        histogram.recordValue(Math.max(0, Math.min(latencyMicros, HIGHEST_TRACKABLE_MICROS)));
    }

    /**
     * The latency at a percentile, in millis: the lowest value of the bucket that holds it. HdrHistogram
     * returns the bucket's highest value; with Gatling's whole-millisecond samples that would read 5.003
     * for a sample of 5 ms and fail a threshold the sample meets. Either end is within 0.1%.
     */
    public static double valueAtPercentileMillis(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        return histogram.lowestEquivalentValue(histogram.getValueAtPercentile(percentile)) / 1000.0;
    }

    /** The largest value recorded, in millis, on the same convention as {@link #valueAtPercentileMillis}. */
    public static double maxMillis(Histogram histogram) {
        return histogram.lowestEquivalentValue(histogram.getMaxValue()) / 1000.0;
    }
}
