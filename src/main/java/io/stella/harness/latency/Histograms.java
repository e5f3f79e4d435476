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
     * The latency at a percentile, in millis, read as the middle of HdrHistogram's bucket and rounded
     * to the resolution the samples were taken at. Gatling's samples are whole milliseconds: every
     * bucket below about one second is narrower than that, so the figure is the sample itself rather
     * than a bucket edge such as 98.944 for a 99 ms sample. Above that the error stays within 0.1%.
     */
    public static double valueAtPercentileMillis(Histogram histogram, double percentile, long resolutionMicros) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        return toResolutionMillis(histogram, histogram.getValueAtPercentile(percentile), resolutionMicros);
    }

    /** The largest value recorded, in millis, on the same convention as {@link #valueAtPercentileMillis}. */
    public static double maxMillis(Histogram histogram, long resolutionMicros) {
        return toResolutionMillis(histogram, histogram.getMaxValue(), resolutionMicros);
    }

    /** The smallest value recorded, in millis, on the same convention as {@link #valueAtPercentileMillis}. */
    public static double minMillis(Histogram histogram, long resolutionMicros) {
        return toResolutionMillis(histogram, histogram.getMinValue(), resolutionMicros);
    }

    private static double toResolutionMillis(Histogram histogram, long valueMicros, long resolutionMicros) {
        long middle = histogram.medianEquivalentValue(valueMicros);
        return Math.round((double) middle / resolutionMicros) * resolutionMicros / 1000.0;
    }
}
