package io.stella.harness.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistogramsTest {

    @Test
    void everyWholeMillisecondSampleUpToOneSecondReadsBackExactly() {
        for (long millis = 0; millis <= 1000; millis++) {
            Histogram histogram = Histograms.newMicros();
            Histograms.recordMicros(histogram, millis * 1000);
            assertEquals(millis, Histograms.valueAtPercentileMillis(histogram, 50, 1000), 1e-9, "sample " + millis + " ms");
        }
    }

    @Test
    void longerWholeMillisecondSamplesStayWithinTheHistogramsPrecision() {
        for (long millis = 1000; millis <= 60_000; millis += 997) {
            Histogram histogram = Histograms.newMicros();
            Histograms.recordMicros(histogram, millis * 1000);
            assertEquals(millis, Histograms.valueAtPercentileMillis(histogram, 99, 1000), millis * 0.001, "sample " + millis + " ms");
        }
    }

    @Test
    void microsecondSamplesKeepTheirDigitsWithinTheHistogramsPrecision() {
        Histogram histogram = Histograms.newMicros();
        Histograms.recordMicros(histogram, 12_345);

        assertEquals(12.345, Histograms.valueAtPercentileMillis(histogram, 50, 1), 12.345 * 0.001);
    }

    @Test
    void valuesOutsideTheTrackableRangeAreClampedNotFatal() {
        Histogram histogram = Histograms.newMicros();
        Histograms.recordMicros(histogram, -5);
        Histograms.recordMicros(histogram, Long.MAX_VALUE);

        assertEquals(2, histogram.getTotalCount());
        assertEquals(0, Histograms.minMillis(histogram, 1000), 1e-9);
        assertEquals(3_600_000, Histograms.maxMillis(histogram, 1000), 3_600);
    }

    @Test
    void anEmptyHistogramHasNoPercentile() {
        assertEquals(Double.NaN, Histograms.valueAtPercentileMillis(Histograms.newMicros(), 99, 1000));
    }
}
