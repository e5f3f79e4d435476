package io.stella.harness.verdict;

import io.stella.harness.config.Degradation;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.DegradationMeasurements;
import io.stella.harness.latency.GatlingLogListener;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given the overload and recovery as Gatling logged them, expect the graceful-degradation verdict:
 * fast, clean shedding with a quick recovery passes; slow refusals, other failures, a slow accepted
 * P99 or no recovery fail, each named.
 */
class DegradationCheckTest {

    static final int OVERLOAD_START_SEC = 10;
    // 4 s at 1.5x, 15 s at 0.5x judged in three 5-s windows; refusals' P99 <= 100 ms; recovered within 5 s.
    static final Degradation PHASE = new Degradation(1.5, 4, 0.5, 15, 100, 1000, 1, 5);
    static final List<Threshold> THRESHOLDS = List.of(new Threshold.PercentileLimit("all", 95, 250),
            new Threshold.ErrorRateLimit("all", 1), new Threshold.ThroughputFloor("all", 1000));

    private final DegradationMeasurements phase = new DegradationMeasurements(PHASE, OVERLOAD_START_SEC, Set.of("all"));
    private long sequence;

    DegradationCheckTest() {
        phase.onRun(new GatlingLogListener.Run("3.15.1", "Sim", 0, List.of("s")));
    }

    @Test
    void fastCleanSheddingAndAQuickRecoveryPass() {
        overload(400, 5, 100, 1);
        recoveryWindow(0, 300, 5);
        recoveryWindow(1, 300, 5);
        recoveryWindow(2, 300, 5);

        DegradationCheck.Result result = DegradationCheck.judge(40.0, phase, 0, THRESHOLDS, null);

        assertEquals(Verdict.Status.PASS, result.status(), result.reason());
        assertTrue(result.reason().contains("100 of 500 refused (P99 1 ms)"), result.reason());
        assertTrue(result.reason().contains("at 60/s (1.5x the knee of 40/s)"), result.reason());
        assertEquals(0, result.evidence().get("recoveredWithinSec"));
    }

    @Test
    void callersLetInAndLeftInSilenceFailTheSheddingThoughEveryRequestWasFast() {
        overload(400, 5, 100, 1);
        recoveryWindow(0, 300, 5);

        DegradationCheck.Result silent = DegradationCheck.judge(40.0, phase, 0, THRESHOLDS,
                new io.stella.harness.latency.VoiceMetrics.CallTally(20, 8, 0));
        DegradationCheck.Result answered = DegradationCheck.judge(40.0, phase, 0, THRESHOLDS,
                new io.stella.harness.latency.VoiceMetrics.CallTally(20, 0, 0));

        assertEquals(Verdict.Status.FAIL, silent.status());
        assertTrue(silent.reason().contains("callers left in silence: 8 of 20 calls let in during the overload got no agent"),
                silent.reason());
        assertEquals(8L, silent.evidence().get("callsLeftInSilence"));
        assertEquals(Verdict.Status.PASS, answered.status(), answered.reason());
    }

    @Test
    void refusalsThatTakeASecondFailAsRefusedSlowly() {
        overload(400, 5, 100, 1000);
        recoveryWindow(0, 300, 5);

        DegradationCheck.Result result = DegradationCheck.judge(40.0, phase, 0, THRESHOLDS, null);

        assertEquals(Verdict.Status.FAIL, result.status());
        assertTrue(result.reason().contains("refused slowly: refusals' P99 1000 ms > 100 ms"), result.reason());
    }

    @Test
    void refusalsWithoutRetryAfterFail() {
        overload(400, 5, 100, 1);
        recoveryWindow(0, 300, 5);

        DegradationCheck.Result result = DegradationCheck.judge(40.0, phase, 7, THRESHOLDS, null);

        assertEquals(Verdict.Status.FAIL, result.status());
        assertTrue(result.reason().contains("7 refusals without Retry-After"), result.reason());
    }

    @Test
    void timeoutsInsteadOfRefusalsFailAsUncleanShedding() {
        overload(400, 5, 0, 0);
        for (int i = 0; i < 50; i++) {
            request(OVERLOAD_START_SEC * 1000L + i * 10, 60_000, false, "i.g.h.c.i.RequestTimeoutException: Request timeout to localhost/127.0.0.1:8080 after 60000 ms");
        }
        recoveryWindow(0, 300, 5);

        DegradationCheck.Result result = DegradationCheck.judge(40.0, phase, 0, THRESHOLDS, null);

        assertEquals(Verdict.Status.FAIL, result.status());
        assertTrue(result.reason().contains("shed uncleanly: 11.111% of the overload's requests failed otherwise {TIMEOUT=50}"),
                result.reason());
    }

    @Test
    void aSlowAcceptedP99Fails() {
        overload(400, 1500, 0, 0);
        recoveryWindow(0, 300, 5);

        DegradationCheck.Result result = DegradationCheck.judge(40.0, phase, 0, THRESHOLDS, null);

        assertEquals(Verdict.Status.FAIL, result.status());
        assertTrue(result.reason().contains("accepted requests' P99 1500 ms > 1000 ms"), result.reason());
    }

    @Test
    void recoveringOnlyInTheThirdWindowIsTooLate() {
        overload(400, 5, 100, 1);
        recoveryWindow(0, 300, 800);
        recoveryWindow(1, 300, 800);
        recoveryWindow(2, 300, 5);

        DegradationCheck.Result result = DegradationCheck.judge(40.0, phase, 0, THRESHOLDS, null);

        assertEquals(Verdict.Status.FAIL, result.status());
        assertTrue(result.reason().contains("recovered only 10 s after the overload (at most 5 s)"), result.reason());
    }

    @Test
    void neverRecoveringFails() {
        overload(400, 5, 100, 1);
        for (int window = 0; window < 3; window++) {
            recoveryWindow(window, 300, 800);
        }

        DegradationCheck.Result result = DegradationCheck.judge(40.0, phase, 0, THRESHOLDS, null);

        assertEquals(Verdict.Status.FAIL, result.status());
        assertTrue(result.reason().contains("did not hold again in any 5-s window of the 15 s after the overload"), result.reason());
    }

    @Test
    void withoutAKneeThePhaseDidNotRun() {
        DegradationCheck.Result result = DegradationCheck.judge(null, phase, 0, THRESHOLDS, null);

        assertNull(result.status());
        assertTrue(result.reason().contains("no knee"), result.reason());
    }

    /** Accepted and refused requests spread over the overload's first second. */
    private void overload(int accepted, long acceptedMillis, int refused, long refusedMillis) {
        long start = OVERLOAD_START_SEC * 1000L;
        for (int i = 0; i < accepted; i++) {
            request(start + i % 1000, acceptedMillis, true, null);
        }
        for (int i = 0; i < refused; i++) {
            request(start + i % 1000, refusedMillis, false, "status.find.is(200), but actually found 429");
        }
    }

    private void recoveryWindow(int window, int count, long millis) {
        long start = (OVERLOAD_START_SEC + PHASE.overloadSec() + window * Degradation.RECOVERY_WINDOW_SEC) * 1000L;
        for (int i = 0; i < count; i++) {
            request(start + i * 10, millis, true, null);
        }
    }

    private void request(long startMillis, long millis, boolean ok, String message) {
        phase.onRequest(new GatlingLogListener.Request("r" + (sequence++ % 3), List.of(), startMillis, startMillis + millis, ok, message));
    }
}
