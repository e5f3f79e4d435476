package io.stella.harness.judgement;

import io.stella.harness.config.Threshold;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.signoff.SignOff;
import io.stella.harness.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one judgement, given facts: what a run on one injector and a merge of several read. */
class RunJudgementTest {

    static final List<Threshold> THRESHOLDS = List.of(new Threshold.PercentileLimit("all", 99, 100),
            new Threshold.ErrorRateLimit("all", 1));
    static final long T0 = 1_800_000_000_000L;

    /** 2,000 answers of 10 ms, no error: every threshold holds with room. */
    static Map<String, LatencyWindow> healthyWindows() {
        LatencyWindow all = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
        for (int i = 0; i < 2_000; i++) {
            all.record(10_000, null);
        }
        return Map.of("all", all);
    }

    static InjectorFacts healthy(Integer index, long measuredFrom) {
        return new InjectorFacts(index, false, 30, 30, null, null, 0, 5000, measuredFrom);
    }

    static RunJudgement.Outcome judge(List<InjectorFacts> injectors, boolean atRunEnd) {
        return judge(healthyWindows(), injectors, List.of(), atRunEnd);
    }

    static RunJudgement.Outcome judge(Map<String, LatencyWindow> windows, List<InjectorFacts> injectors, List<String> regressions,
                                      boolean atRunEnd) {
        return RunJudgement.judge(RunJudgement.facts().run("TestSimulation", "test", "http://127.0.0.1:1").thresholds(THRESHOLDS)
                .measured(windows::get, 20, !windows.isEmpty()).injectors(injectors).regressions(regressions, "the baseline results/before")
                .atRunEnd(atRunEnd).build());
    }

    @Test
    void aHealthyRunWhoseThresholdsHoldIsAGo() {
        RunJudgement.Outcome outcome = judge(List.of(healthy(null, T0)), true);

        assertEquals("PASS", outcome.status());
        assertEquals(SignOff.GO, outcome.signOff().verdict());
        assertEquals(ExitCode.OK, outcome.exitCode());
        assertEquals(List.of(), outcome.vetoes());
    }

    @Test
    void aFaultTheCallsMetVetoesAGoByNameThoughEveryThresholdHeld() {
        String fault = "1 call(s) had two agents in their room at once (TWO_AGENTS: one job given to two workers)";
        RunJudgement.Outcome outcome = RunJudgement.judge(RunJudgement.facts().run("TestSimulation", "test", "http://127.0.0.1:1")
                .thresholds(THRESHOLDS).measured(healthyWindows()::get, 20, true).injectors(List.of(healthy(null, T0)))
                .faults(List.of(fault)).atRunEnd(true).build());

        assertEquals("PASS", outcome.status(), "the thresholds held");
        assertEquals(SignOff.NO_GO, outcome.signOff().verdict());
        assertEquals(ExitCode.NO_GO, outcome.exitCode());
        assertEquals(List.of(fault), outcome.vetoes());
    }

    @Test
    void aRunWhoseInjectorFellBehindIsInconclusiveNeverPass() {
        InjectorFacts behind = new InjectorFacts(null, false, 30, 30, null, "the injector fell behind its schedule", 0, 5000, T0);

        RunJudgement.Outcome outcome = judge(List.of(behind), true);

        assertEquals("INCONCLUSIVE", outcome.status());
        assertEquals(ExitCode.NO_GO, outcome.exitCode());
        outcome.verdicts().forEach(verdict -> {
            assertEquals(Verdict.Status.INCONCLUSIVE, verdict.status());
            assertEquals("the injector fell behind its schedule", verdict.reason());
        });
    }

    @Test
    void aMergeWithOneAbortedInjectorIsNoGoNamingIt() {
        InjectorFacts aborted = new InjectorFacts(1, false, 12, 30, "abortOnFail/0 (all errors > 50% for 3 s)", null, 0, 5000, T0);

        RunJudgement.Outcome outcome = judge(List.of(healthy(0, T0), aborted, healthy(2, T0)), false);

        assertEquals("ABORTED", outcome.status());
        assertEquals(SignOff.NO_GO, outcome.signOff().verdict());
        assertEquals(ExitCode.NO_GO, outcome.exitCode());
        assertEquals(List.of("injector 1: the load was ABORTED by abortOnFail/0 (all errors > 50% for 3 s)"), outcome.vetoes());
    }

    @Test
    void aMergeWithAnInjectorThatTurnedUsersAwayIsNoGoNamingIt() {
        InjectorFacts ceiling = new InjectorFacts(2, false, 30, 30, null, null, 17, 500, T0);

        RunJudgement.Outcome outcome = judge(List.of(healthy(0, T0), healthy(1, T0), ceiling), false);

        assertEquals(SignOff.NO_GO, outcome.signOff().verdict());
        assertEquals(List.of("injector 2: 17 arriving user(s) not started: 500 requests were in flight"
                + " (limits.maxConcurrentRequests), so the target did not get the planned load"), outcome.vetoes());
    }

    @Test
    void aMergeWithAStarvedInjectorIsInconclusiveNamingIt() {
        InjectorFacts starved = new InjectorFacts(0, false, 30, 30, null, "the injector's CPU was saturated", 0, 5000, T0);

        RunJudgement.Outcome outcome = judge(List.of(starved, healthy(1, T0)), false);

        assertEquals("INCONCLUSIVE", outcome.status());
        assertTrue(outcome.verdicts().stream().allMatch(verdict ->
                "injector 0: the injector's CPU was saturated".equals(verdict.reason())), outcome.verdicts().toString());
    }

    @Test
    void injectorsStartedFiveSecondsApartMergeInconclusiveNamingTheSkew() {
        RunJudgement.Outcome outcome = judge(List.of(healthy(0, T0), healthy(1, T0 + 5_000)), false);

        assertEquals("INCONCLUSIVE", outcome.status());
        assertEquals("the injectors' measured windows began 5.0 s apart (more than 1.0 s allowed): the merged figures"
                + " describe a load nobody planned", outcome.verdicts().get(0).reason());
    }

    @Test
    void injectorsStartedWithinASecondMergeAsOne() {
        assertEquals("PASS", judge(List.of(healthy(0, T0), healthy(1, T0 + 900)), false).status());
    }

    @Test
    void anInterruptedRunExitsAsInterruptedButItsRecordedResultsJudgeNoGo() {
        InjectorFacts interrupted = new InjectorFacts(null, true, 14, 20, null, null, 0, 5000, T0);

        RunJudgement.Outcome atEnd = judge(List.of(interrupted), true);
        RunJudgement.Outcome later = judge(List.of(interrupted), false);

        assertEquals("INTERRUPTED", atEnd.status());
        assertEquals(ExitCode.INTERRUPTED, atEnd.exitCode());
        assertEquals(ExitCode.NO_GO, later.exitCode());
        assertEquals(List.of("the run was interrupted after about 14 s of 20 s planned; its figures cover only that part"),
                atEnd.vetoes());
    }

    @Test
    void aRegressionAgainstTheBaselineIsNoGo() {
        RunJudgement.Outcome outcome = judge(healthyWindows(), List.of(healthy(null, T0)), List.of("all P99 (ms) 10 -> 30"), true);

        assertEquals("PASS", outcome.status(), "the thresholds held");
        assertEquals(ExitCode.NO_GO, outcome.exitCode());
        assertEquals(List.of("1 figure(s) regressed against the baseline results/before"), outcome.vetoes());
    }

    @Test
    void aRunThatMeasuredNothingFails() {
        RunJudgement.Outcome outcome = judge(Map.of(), List.of(healthy(null, T0)), List.of(), true);

        assertEquals("FAIL", outcome.status());
        assertEquals(ExitCode.NO_GO, outcome.exitCode());
    }

    @Test
    void errorsBeyondTheLimitFail() {
        LatencyWindow all = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
        for (int i = 0; i < 1_000; i++) {
            all.record(10_000, i % 10 == 0 ? ErrorKind.HTTP_5XX : null);
        }

        RunJudgement.Outcome outcome = judge(Map.of("all", all), List.of(healthy(null, T0)), List.of(), true);

        assertEquals("FAIL", outcome.status());
        assertEquals(ExitCode.NO_GO, outcome.exitCode());
    }
}
