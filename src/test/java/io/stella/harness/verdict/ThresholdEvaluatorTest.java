package io.stella.harness.verdict;

import io.stella.harness.config.Threshold;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ThresholdEvaluatorTest {

    /** 100 responses: 1..100 ms, one each; 3 of them failed with a 503. */
    static LatencyWindow oneToHundredMillis() {
        LatencyWindow window = new LatencyWindow(1000);
        for (int millis = 1; millis <= 100; millis++) {
            window.record(millis * 1000L, millis % 33 == 0 ? ErrorKind.HTTP_5XX : null);
        }
        return window;
    }

    final ThresholdEvaluator evaluator = new ThresholdEvaluator(
            Map.of("createSession", oneToHundredMillis(), "all", oneToHundredMillis(), "healthz", new LatencyWindow(1000))::get,
            10.0);

    @Test
    void aPercentileWhoseWholeConfidenceIntervalIsWithinTheLimitPasses() {
        // median of 1..100 ms: ranks 40..60 bound it at 95%
        Verdict verdict = evaluator.evaluate(new Threshold.PercentileLimit("createSession", 50, 60));

        assertEquals(Verdict.Status.PASS, verdict.status());
        assertEquals("50 ms (95% CI 40..60 ms, n=100)", verdict.actual());
    }

    @Test
    void aLimitInsideTheConfidenceIntervalIsInconclusive() {
        Verdict verdict = evaluator.evaluate(new Threshold.PercentileLimit("createSession", 50, 55));

        assertEquals(Verdict.Status.INCONCLUSIVE, verdict.status());
        assertEquals("the confidence interval straddles the limit", verdict.reason());
    }

    @Test
    void aPercentileWhoseWholeConfidenceIntervalIsBeyondTheLimitFails() {
        Verdict verdict = evaluator.evaluate(new Threshold.PercentileLimit("createSession", 99.9, 1));

        assertEquals(Verdict.Status.FAIL, verdict.status());
        assertEquals("FAIL createSession P99.9 <= 1 ms: required <= 1 ms, actual 100 ms (95% CI 99..? ms, n=100)",
                verdict.describe());
    }

    @Test
    void aHundredSamplesCannotBoundP99FromAbove() {
        Verdict verdict = evaluator.evaluate(new Threshold.PercentileLimit("createSession", 99, 1000));

        assertEquals(Verdict.Status.INCONCLUSIVE, verdict.status());
        assertEquals("100 samples cannot bound P99 from above", verdict.reason());
    }

    @Test
    void tenThousandSamplesBoundP99Tightly() {
        LatencyWindow large = new LatencyWindow(1000);
        for (int round = 0; round < 10; round++) {
            for (int millis = 1; millis <= 1000; millis++) {
                large.record(millis * 1000L, null);
            }
        }
        Verdict verdict = new ThresholdEvaluator(Map.of("all", large)::get, 10).evaluate(new Threshold.PercentileLimit("all", 99, 995));

        assertEquals(Verdict.Status.PASS, verdict.status(), verdict.describe());
        assertEquals("990 ms (95% CI 988..992 ms, n=10000)", verdict.actual());
    }

    @Test
    void anEmptyHistogramFailsForLackOfEvidence() {
        Verdict verdict = evaluator.evaluate(new Threshold.PercentileLimit("healthz", 99, 1000));

        assertEquals(Verdict.Status.FAIL, verdict.status());
        assertEquals("no samples", verdict.actual());
        assertEquals("no healthz request completed in the measured window", verdict.reason());
    }

    @Test
    void anUnknownRequestNameFailsForLackOfEvidence() {
        Verdict verdict = evaluator.evaluate(new Threshold.ErrorRateLimit("deleteEverything", 5));

        assertEquals(Verdict.Status.FAIL, verdict.status());
        assertEquals("no deleteEverything request completed in the measured window", verdict.reason());
    }

    @Test
    void theErrorRateCountsEveryKindOfFailure() {
        assertEquals(Verdict.Status.PASS, evaluator.evaluate(new Threshold.ErrorRateLimit("all", 3)).status());
        Verdict failed = evaluator.evaluate(new Threshold.ErrorRateLimit("all", 2.9));
        assertEquals(Verdict.Status.FAIL, failed.status());
        assertEquals("3 % (3 of 100)", failed.actual());
    }

    @Test
    void throughputIsCountOverTheMeasuredWindow() {
        assertEquals(Verdict.Status.PASS, evaluator.evaluate(new Threshold.ThroughputFloor("all", 10)).status());
        Verdict failed = evaluator.evaluate(new Threshold.ThroughputFloor("all", 10.5));
        assertEquals(Verdict.Status.FAIL, failed.status());
        assertEquals("10 req/s", failed.actual());
    }

    @Test
    void aWindowOfNoLengthIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ThresholdEvaluator(name -> null, 0));
        assertEquals("measuredSec must be > 0 (was 0.0)", error.getMessage());
    }
}
