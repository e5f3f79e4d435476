package io.stella.harness.verdict;

import io.stella.harness.latency.LatencyWindow;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PercentileEstimateTest {

    static LatencyWindow millisOneTo(int n) {
        LatencyWindow window = new LatencyWindow(1000);
        for (int millis = 1; millis <= n; millis++) {
            window.record(millis * 1000L, null);
        }
        return window;
    }

    @Test
    void theIntervalWidensAsTheSampleShrinks() {
        PercentileEstimate large = PercentileEstimate.of(millisOneTo(1000), 50);
        PercentileEstimate small = PercentileEstimate.of(millisOneTo(100), 50);

        assertEquals(500, large.valueMillis(), 1e-9);
        assertEquals(469, large.lowMillis(), 1e-9);
        assertEquals(531, large.highMillis(), 1e-9);
        assertEquals(40, small.lowMillis(), 1e-9);
        assertEquals(60, small.highMillis(), 1e-9);
    }

    @Test
    void aTailBeyondTheSampleHasNoUpperBound() {
        // P99 needs about 3.84 * 99 = 380 samples before its upper rank falls inside the sample
        assertNull(PercentileEstimate.of(millisOneTo(370), 99).highMillis());
        assertEquals(400, PercentileEstimate.of(millisOneTo(400), 99).highMillis(), 1e-9);
    }

    @Test
    void aHeadBeforeTheSampleHasNoLowerBound() {
        assertNull(PercentileEstimate.of(millisOneTo(10), 5).lowMillis());
    }
}
