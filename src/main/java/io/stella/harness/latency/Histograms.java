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

    public static double valueAtPercentileMillis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
