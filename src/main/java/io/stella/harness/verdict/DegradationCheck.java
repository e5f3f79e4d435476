package io.stella.harness.verdict;

import io.stella.harness.config.Degradation;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.DegradationMeasurements;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.VoiceMetrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges the overload and recovery: was the excess shed fast and cleanly, did accepted work stay
 * within its bound, and did the thresholds hold again soon after. Each figure is reported, met or not.
 */
public final class DegradationCheck {

    /** PASS or FAIL with every problem found, or null status when the phase could not run (no knee). */
    public record Result(Verdict.Status status, String reason, Map<String, Object> evidence) {
    }

    private DegradationCheck() {
    }

    /**
     * @param kneeRatePerSec the knee the phase was set from (judged live), or null if there was none
     * @param refusalsWithoutRetryAfter the overload's refusals that lacked Retry-After, counted live
     * @param thresholds     the profile's thresholds on requests; throughput floors are left out (the
     *                       recovery runs below the knee on purpose)
     * @param calls          the calls over real media placed during the overload, or null for a simulation
     *                       without them: a caller let in and then left in silence (no agent ever answered)
     *                       was not refused fast, it was failed slowly
     */
    public static Result judge(Double kneeRatePerSec, DegradationMeasurements phase, long refusalsWithoutRetryAfter,
                               List<Threshold> thresholds, VoiceMetrics.CallTally calls) {
        Degradation d = phase.degradation();
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (kneeRatePerSec == null) {
            return new Result(null, "no knee was found (the first step already broke), so there was nothing to overload",
                    evidence);
        }
        Overload overload = Overload.of(phase);
        overload.putEvidence(evidence, d, kneeRatePerSec, refusalsWithoutRetryAfter);
        List<String> problems = new ArrayList<>(callProblems(calls, d, evidence));
        problems.addAll(overload.problems(d, refusalsWithoutRetryAfter));
        Integer recoveredAfterSec = recoveredAfterSec(phase, thresholds);
        evidence.put("recoveredWithinSec", recoveredAfterSec == null ? "not within " + d.recoverySec() + " s" : recoveredAfterSec);
        if (recoveredAfterSec == null) {
            problems.add("the thresholds did not hold again in any " + Degradation.RECOVERY_WINDOW_SEC + "-s window of the "
                    + d.recoverySec() + " s after the overload");
        } else if (recoveredAfterSec > d.maxRecoverySec()) {
            problems.add("recovered only " + recoveredAfterSec + " s after the overload (at most " + d.maxRecoverySec() + " s)");
        }
        String setting = "at " + Numbers.plain(Numbers.toThousandth(d.overloadFactor() * kneeRatePerSec)) + "/s ("
                + Numbers.plain(d.overloadFactor()) + "x the knee of " + Numbers.plain(Numbers.toThousandth(kneeRatePerSec)) + "/s): ";
        return problems.isEmpty()
                ? new Result(Verdict.Status.PASS, setting + overload.inWords(recoveredAfterSec), evidence)
                : new Result(Verdict.Status.FAIL, setting + String.join("; ", problems), evidence);
    }

    /** The overload's figures: requests sent, refusals' and accepted requests' P99 (NaN when none), other failures in percent. */
    private record Overload(DegradationMeasurements phase, double refusalP99, double acceptedP99, double otherPercent) {

        static Overload of(DegradationMeasurements phase) {
            double otherPercent = phase.overloadRequests() == 0 ? 0 : 100.0 * phase.otherFailureCount() / phase.overloadRequests();
            return new Overload(phase, phase.refusals().percentileMillis(99), phase.accepted().percentileMillis(99), otherPercent);
        }

        void putEvidence(Map<String, Object> evidence, Degradation d, double kneeRatePerSec, long refusalsWithoutRetryAfter) {
            evidence.put("kneeRatePerSec", Numbers.toThousandth(kneeRatePerSec));
            evidence.put("overloadRatePerSec", Numbers.toThousandth(d.overloadFactor() * kneeRatePerSec));
            evidence.put("recoveryRatePerSec", Numbers.toThousandth(d.recoveryFactor() * kneeRatePerSec));
            evidence.put("overloadRequests", phase.overloadRequests());
            evidence.put("accepted", phase.accepted().count());
            evidence.put("refused", phase.refusals().count());
            evidence.put("refusedWithoutRetryAfter", refusalsWithoutRetryAfter);
            evidence.put("otherFailures", phase.otherFailures());
            evidence.put("otherFailurePercent", Numbers.toThousandth(otherPercent));
            evidence.put("refusalP99Millis", Double.isNaN(refusalP99) ? "none refused" : refusalP99);
            evidence.put("acceptedP99Millis", Double.isNaN(acceptedP99) ? "none accepted" : acceptedP99);
        }

        List<String> problems(Degradation d, long refusalsWithoutRetryAfter) {
            List<String> problems = new ArrayList<>();
            if (phase.overloadRequests() == 0) {
                problems.add("no request was sent during the overload");
            }
            if (!Double.isNaN(refusalP99) && refusalP99 > d.maxRefusalP99Millis()) {
                problems.add("refused slowly: refusals' P99 " + Numbers.plain(refusalP99) + " ms > " + Numbers.plain(d.maxRefusalP99Millis())
                        + " ms");
            }
            if (refusalsWithoutRetryAfter > 0) {
                problems.add(refusalsWithoutRetryAfter + " refusals without Retry-After (clients cannot tell when to come back)");
            }
            if (otherPercent > d.maxOtherFailurePercent()) {
                problems.add("shed uncleanly: " + Numbers.plain(Numbers.toThousandth(otherPercent)) + "% of the overload's requests failed"
                        + " otherwise " + phase.otherFailures() + " (at most " + Numbers.plain(d.maxOtherFailurePercent()) + "%)");
            }
            if (!Double.isNaN(acceptedP99) && acceptedP99 > d.maxAcceptedP99Millis()) {
                problems.add("accepted requests' P99 " + Numbers.plain(acceptedP99) + " ms > " + Numbers.plain(d.maxAcceptedP99Millis())
                        + " ms");
            }
            return problems;
        }

        String inWords(Integer recoveredAfterSec) {
            return phase.refusals().count() + " of " + phase.overloadRequests() + " refused"
                    + (Double.isNaN(refusalP99) ? "" : " (P99 " + Numbers.plain(refusalP99) + " ms)")
                    + ", accepted P99 " + (Double.isNaN(acceptedP99) ? "-" : Numbers.plain(acceptedP99) + " ms")
                    + (recoveredAfterSec == null ? "" : recoveredAfterSec == 0
                    ? ", thresholds held again in the first " + Degradation.RECOVERY_WINDOW_SEC + " s after it"
                    : ", thresholds held again from " + recoveredAfterSec + " s after it");
        }
    }

    /** A media run's calls let in during the overload: those left in silence (no agent came) count against it. */
    private static List<String> callProblems(VoiceMetrics.CallTally calls, Degradation d, Map<String, Object> evidence) {
        if (calls == null) {
            return List.of();
        }
        evidence.put("callsPlaced", calls.placed());
        evidence.put("callsLeftInSilence", calls.unanswered());
        evidence.put("callsFailedOtherwise", calls.failedOtherwise());
        double silentPercent = calls.placed() == 0 ? 0 : 100.0 * calls.unanswered() / calls.placed();
        return silentPercent > d.maxOtherFailurePercent() ? List.of("callers left in silence: " + calls.unanswered() + " of "
                + calls.placed() + " calls let in during the overload got no agent (a busy signal, 429/503 at session create, sheds them fast)")
                : List.of();
    }

    /**
     * Seconds after the overload until the first window in which every latency and error threshold
     * held (INCONCLUSIVE is not holding), or null if none did. Windows start at the overload's end.
     */
    static Integer recoveredAfterSec(DegradationMeasurements phase, List<Threshold> thresholds) {
        List<Threshold> judged = thresholds.stream().filter(t -> !(t instanceof Threshold.ThroughputFloor)).toList();
        List<Map<String, LatencyWindow>> windows = phase.recoveryWindows();
        for (int i = 0; i < windows.size(); i++) {
            Map<String, LatencyWindow> window = windows.get(i);
            List<Threshold> present = judged.stream().filter(t -> window.containsKey(t.request())).toList();
            if (present.isEmpty()) {
                continue;
            }
            boolean held = new ThresholdEvaluator(window::get, Degradation.RECOVERY_WINDOW_SEC).evaluate(present).stream()
                    .allMatch(Verdict::passed);
            if (held) {
                return i * Degradation.RECOVERY_WINDOW_SEC;
            }
        }
        return null;
    }
}
