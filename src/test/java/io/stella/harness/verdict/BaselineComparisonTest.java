package io.stella.harness.verdict;

import io.stella.harness.latency.LatencyWindow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given the histograms, error counts and knees of two runs, expect only changes beyond the noise and
 * past the tolerance to count as regressions.
 */
class BaselineComparisonTest {

    static final double TOLERANCE_PERCENT = 10;

    @Test
    void aClearSlowdownOnManySamplesIsARegression() {
        List<BaselineComparison.Change> changes = compare(window(2000, 10), window(2000, 14));

        BaselineComparison.Change p99 = find(changes, "createSession P99 (ms)");
        assertEquals(10, p99.baseline());
        assertEquals(14, p99.current());
        assertEquals(40, p99.changePercent());
        assertTrue(p99.beyondNoise());
        assertTrue(p99.regression(), p99.toString());
    }

    @Test
    void theSameSlowdownOnTooFewSamplesIsNotProvenAndSoNoRegression() {
        // 20 samples cannot bound a P99 from above: the intervals cannot be shown apart.
        BaselineComparison.Change p99 = find(compare(window(20, 10), window(20, 14)), "createSession P99 (ms)");

        assertFalse(p99.beyondNoise(), p99.toString());
        assertFalse(p99.regression());
    }

    @Test
    void aChangeBeyondTheNoiseButWithinTheToleranceIsNoRegression() {
        BaselineComparison.Change p50 = find(compare(window(5000, 100), window(5000, 105)), "createSession P50 (ms)");

        assertTrue(p50.beyondNoise(), p50.toString());
        assertEquals(5, p50.changePercent());
        assertFalse(p50.regression());
    }

    @Test
    void aFasterRunIsBeyondNoiseButNeverARegression() {
        BaselineComparison.Change p95 = find(compare(window(2000, 20), window(2000, 10)), "createSession P95 (ms)");

        assertTrue(p95.beyondNoise());
        assertFalse(p95.regression());
    }

    @Test
    void anErrorRateRiseIsARegressionWhenSignificantAndOverHalfAPoint() {
        Map<String, BaselineComparison.Errors> before = Map.of("all", new BaselineComparison.Errors(10_000, 10));
        Map<String, BaselineComparison.Errors> significant = Map.of("all", new BaselineComparison.Errors(10_000, 200));
        Map<String, BaselineComparison.Errors> tiny = Map.of("all", new BaselineComparison.Errors(10_000, 14));

        BaselineComparison.Change rise = find(BaselineComparison.compare(Map.of(), Map.of(), before, significant, null, null,
                TOLERANCE_PERCENT), "all errors (%)");
        BaselineComparison.Change noise = find(BaselineComparison.compare(Map.of(), Map.of(), before, tiny, null, null,
                TOLERANCE_PERCENT), "all errors (%)");

        assertTrue(rise.regression(), rise.toString());
        assertFalse(noise.beyondNoise(), noise.toString());
        assertFalse(noise.regression());
    }

    @Test
    void aKneeAStepLowerBeyondTheToleranceIsARegression() {
        BaselineComparison.Change lower = find(BaselineComparison.compare(Map.of(), Map.of(), Map.of(), Map.of(), 50.0, 40.0,
                TOLERANCE_PERCENT), "knee (journeys/s)");
        BaselineComparison.Change same = find(BaselineComparison.compare(Map.of(), Map.of(), Map.of(), Map.of(), 50.0, 50.0,
                TOLERANCE_PERCENT), "knee (journeys/s)");

        assertTrue(lower.regression());
        assertEquals(-20, lower.changePercent());
        assertFalse(same.regression());
    }

    @Test
    void anErrorRateFromZeroHasNoPercentChange() {
        BaselineComparison.Change change = find(BaselineComparison.compare(Map.of(), Map.of(),
                Map.of("all", new BaselineComparison.Errors(1000, 0)), Map.of("all", new BaselineComparison.Errors(1000, 50)),
                null, null, TOLERANCE_PERCENT), "all errors (%)");

        assertNull(change.changePercent());
        assertTrue(change.regression(), change.toString());
    }

    private static List<BaselineComparison.Change> compare(LatencyWindow before, LatencyWindow now) {
        return BaselineComparison.compare(Map.of("createSession", before), Map.of("createSession", now), Map.of(), Map.of(),
                null, null, TOLERANCE_PERCENT);
    }

    /** {@code count} samples all at one value: a distribution whose every percentile is that value. */
    private static LatencyWindow window(int count, long millis) {
        LatencyWindow window = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
        for (int i = 0; i < count; i++) {
            window.record(millis * 1000, null);
        }
        return window;
    }

    private static BaselineComparison.Change find(List<BaselineComparison.Change> changes, String figure) {
        return changes.stream().filter(change -> change.figure().equals(figure)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + figure + " in " + changes));
    }
}
