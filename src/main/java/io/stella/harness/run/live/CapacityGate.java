package io.stella.harness.run.live;

import io.stella.harness.judgement.CapacityJudge;
import io.stella.harness.config.Degradation;
import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Profile;
import io.stella.harness.config.Stairs;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.StepMeasurements;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.LiveKnee;
import io.stella.harness.verdict.StepOutcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Runs a capacity search while it goes: each step of the stairs is judged from the simulation's own
 * live timings as soon as its hold is over, and the gate decides how many of the arrivals Gatling
 * starts go ahead. Gatling's injection profile is fixed before the run; the gate admits
 * {@code wanted / injected} of each scenario's users, evenly (every n-th), so admitted arrivals keep
 * the open model's regular spacing and the mix's proportions. The others end at once, unsent.
 * <ul>
 * <li>Climbing: every step at its planned rate until one breaks a threshold.</li>
 * <li>Refining: the remaining steps bisect between the highest rate that held and the lowest that
 * broke (never above a broken rate), so the knee is found finer than the stairs' step.</li>
 * <li>Stopping early: a step that fails hard (at least {@value #HARD_ERROR_PERCENT}% errors, or a
 * percentile at {@value #HARD_LATENCY_FACTOR}x its limit) ends the search; later steps send nothing.</li>
 * <li>Degradation, when the profile has it: {@code overloadFactor} x the knee, then
 * {@code recoveryFactor} x the knee.</li>
 * </ul>
 * The final step table and knee are read from Gatling's log afterwards with the rates decided here;
 * they may differ from the live judgement by a few samples at a step's edges.
 */
public final class CapacityGate {

    static final double HARD_ERROR_PERCENT = 50;
    static final double HARD_LATENCY_FACTOR = 10;
    private static final double FIRST_CREDIT = 1 - 1e-9;

    /**
     * What the gate saw: each step's rate as run (null where the run ended before it was decided, 0
     * where the search had stopped), the knee (null if the run ended before the stairs were over),
     * whether the search stopped early, and the overload's refusals with how many lacked
     * {@code Retry-After}, which Gatling's log cannot tell.
     */
    public record Observed(List<Double> stepRates, LiveKnee knee, boolean stoppedEarly, long refusals,
                           long refusalsWithoutRetryAfter) {
    }

    private final Profile profile;
    private final LoadShape load;
    private final Stairs stairs;
    private final Degradation degradation;
    private final StepMeasurements liveSteps;
    private final IntFunction<Map<String, LatencyWindow>> voiceWindows;
    private final Set<String> requestsSeen = new TreeSet<>();
    private final Map<String, Double> creditByScenario = new HashMap<>();
    private final Double[] stepRates;
    private final long judgeDelayMillis;
    private volatile long runStartEpochMillis = Long.MAX_VALUE;
    private int judgedSteps;
    private Double highestHeld;
    private Double lowestBroken;
    private boolean stopped;
    private LiveKnee knee;
    private long refusals;
    private long refusalsWithoutRetryAfter;

    /** @param voiceWindows a step's voice metric windows so far (a copy), empty for a run without voice */
    public CapacityGate(Profile profile, IntFunction<Map<String, LatencyWindow>> voiceWindows) {
        this.voiceWindows = voiceWindows;
        this.profile = profile;
        this.load = profile.load();
        this.stairs = load.stairs();
        if (stairs == null) {
            throw new IllegalArgumentException("profile " + profile.name() + " is no capacity search");
        }
        this.degradation = load.degradation();
        this.liveSteps = new StepMeasurements(stairs, load.warmUpSec() * 1000L);
        this.stepRates = new Double[stairs.steps()];
        // Judge a step a moment after its hold, so its last answers are in; the ramp to the next step leaves time.
        // A call's figures come seconds after they start (a reply is heard, or not, within its timeout): the whole ramp.
        this.judgeDelayMillis = profile.carriesMedia() ? stairs.rampSec() * 1000L : Math.min(stairs.rampSec() * 1000L, 1000L) / 2;
    }

    public void runStarts(long epochMillis) {
        runStartEpochMillis = epochMillis;
    }

    /**
     * One answer as the simulation saw it: the stairs' holds are kept for judging them, the overload's
     * refusals are counted.
     *
     * @param statusOrNull the HTTP status, or null when there was none: no answer, or no HTTP (a WebSocket
     *                     frame, a media step)
     * @param failed       whether the request failed (its status, any check, or no answer)
     */
    public void record(String request, long startEpochMillis, long latencyMillis, Integer statusOrNull, boolean retryAfter,
                       boolean failed) {
        long sinceStartMillis = startEpochMillis - runStartEpochMillis;
        synchronized (liveSteps) {
            requestsSeen.add(request);
            liveSteps.record(request, sinceStartMillis, latencyMillis * 1000, ErrorKind.ofLiveAnswer(statusOrNull, failed,
                    latencyMillis >= profile.requestTimeoutMillis()));
            if (degradation == null) {
                return;
            }
            long intoOverloadMillis = sinceStartMillis - load.overloadStartSec() * 1000L;
            boolean refusal = statusOrNull != null && (statusOrNull == 429 || statusOrNull == 503);
            if (refusal && intoOverloadMillis >= 0 && intoOverloadMillis < degradation.overloadSec() * 1000L) {
                refusals++;
                refusalsWithoutRetryAfter += retryAfter ? 0 : 1;
            }
        }
    }

    /** Whether a user of this scenario that arrives now goes ahead. */
    public synchronized boolean admit(String scenario, long nowEpochMillis) {
        long sinceStartMillis = nowEpochMillis - runStartEpochMillis;
        long intoStairsMillis = sinceStartMillis - load.warmUpSec() * 1000L;
        if (intoStairsMillis < 0) {
            return true;
        }
        long periodMillis = (stairs.holdSec() + stairs.rampSec()) * 1000L;
        judgeStepsOverBy(intoStairsMillis, periodMillis);
        if (intoStairsMillis < stairs.totalSec() * 1000L) {
            int step = (int) Math.min(stairs.steps() - 1, intoStairsMillis / periodMillis);
            boolean inHold = intoStairsMillis % periodMillis < stairs.holdSec() * 1000L;
            // In a ramp, arrivals follow the step being ramped to once the step before is judged, else
            // they stay at its level: never above a rate that may just have broken. Ramps are not judged.
            int target = inHold || step >= judgedSteps ? step : Math.min(step + 1, stairs.steps() - 1);
            return admitShare(scenario, rateOf(target) / stairs.rateOfStep(target));
        }
        if (degradation == null) {
            return false;
        }
        double intoOverloadSec = sinceStartMillis / 1000.0 - load.overloadStartSec();
        LiveKnee decided = knee();
        if (intoOverloadSec < 0 || decided.kneeRatePerSec() == null) {
            return false;
        }
        double wanted = intoOverloadSec < degradation.overloadSec() ? decided.overloadRatePerSec() : decided.recoveryRatePerSec();
        return admitShare(scenario, wanted / degradation.injectedRatePerSec(stairs));
    }

    /** Every n-th arrival of the scenario, n = 1 / share; the first one goes ahead unless the share is 0. */
    private boolean admitShare(String scenario, double share) {
        double credit = creditByScenario.getOrDefault(scenario, FIRST_CREDIT) + share;
        boolean admitted = credit >= 1;
        creditByScenario.put(scenario, admitted ? credit - 1 : credit);
        return admitted;
    }

    /** Judges, in order, every step whose hold (plus the judging delay) is over. */
    private void judgeStepsOverBy(long intoStairsMillis, long periodMillis) {
        while (judgedSteps < stairs.steps()
                && intoStairsMillis >= judgedSteps * periodMillis + stairs.holdSec() * 1000L + judgeDelayMillis) {
            judge(judgedSteps++);
        }
    }

    /**
     * The rate a step runs at: planned while climbing, bisecting once a step broke, 0 once stopped.
     * It is fixed once every step before it has been judged.
     */
    private double rateOf(int step) {
        double rate = rateAsDecided(step);
        if (stepRates[step] == null && step <= judgedSteps) {
            stepRates[step] = rate;
        }
        return rate;
    }

    /** A step's rate as the search stands now, fixing nothing. */
    private double rateAsDecided(int step) {
        if (stepRates[step] != null) {
            return stepRates[step];
        }
        // Bisected rates rounded to a millionth, as the stairs' are: 0.3, not 0.30000000000000004, in every table.
        return stopped ? 0 : lowestBroken == null ? stairs.rateOfStep(step)
                : Math.round(((highestHeld == null ? 0 : highestHeld) + lowestBroken) / 2 * 1e6) / 1e6;
    }

    /**
     * The arrival rate the search runs at a moment, for the live metrics: its step's rate (as refined
     * so far), the overload's or the recovery's once the knee is known; null before the stairs or
     * when the knee is not decided yet in the phase after them.
     */
    public synchronized Double rateAt(long nowEpochMillis) {
        long intoStairsMillis = nowEpochMillis - runStartEpochMillis - load.warmUpSec() * 1000L;
        if (intoStairsMillis < 0) {
            return null;
        }
        if (intoStairsMillis < stairs.totalSec() * 1000L) {
            long periodMillis = (stairs.holdSec() + stairs.rampSec()) * 1000L;
            return rateAsDecided((int) Math.min(stairs.steps() - 1, intoStairsMillis / periodMillis));
        }
        if (degradation == null || knee == null || knee.kneeRatePerSec() == null) {
            return degradation == null ? 0.0 : null;
        }
        double intoOverloadSec = (nowEpochMillis - runStartEpochMillis) / 1000.0 - load.overloadStartSec();
        return intoOverloadSec < 0 ? 0.0 : intoOverloadSec < degradation.overloadSec() ? knee.overloadRatePerSec()
                : intoOverloadSec < degradation.overloadSec() + degradation.recoverySec() ? knee.recoveryRatePerSec() : 0.0;
    }

    private void judge(int step) {
        double rate = rateOf(step);
        if (rate == 0) {
            return;
        }
        StepOutcome outcome = judgeLive(step, rate);
        if (outcome.held()) {
            if (lowestBroken == null || rate < lowestBroken) {
                highestHeld = highestHeld == null ? rate : Math.max(highestHeld, rate);
            }
            return;
        }
        lowestBroken = lowestBroken == null ? rate : Math.min(lowestBroken, rate);
        if (failedHard(step)) {
            stopped = true;
        }
    }

    private boolean failedHard(int step) {
        return CapacityJudge.failedHard(profile, windowsOf(step), HARD_ERROR_PERCENT, HARD_LATENCY_FACTOR);
    }

    private StepOutcome judgeLive(int step, double rate) {
        Map<String, LatencyWindow> windows = windowsOf(step);
        Set<String> names = new TreeSet<>(windows.keySet());
        synchronized (liveSteps) {
            names.addAll(requestsSeen);
        }
        return CapacityJudge.judgeStep(profile, windows, step, rate, names, null);
    }

    /** The step's request windows and its voice windows, as they are now. */
    private Map<String, LatencyWindow> windowsOf(int step) {
        Map<String, LatencyWindow> windows;
        synchronized (liveSteps) {
            windows = liveSteps.copyOfStep(step);
        }
        windows.putAll(voiceWindows.apply(step));
        return windows;
    }

    /** The knee, judged once all steps are judged: at the degradation phase's first arrival, or the run's end. */
    public synchronized LiveKnee knee() {
        if (knee == null) {
            judgeStepsOverBy(Long.MAX_VALUE / 2, (stairs.holdSec() + stairs.rampSec()) * 1000L);
            List<StepOutcome> outcomes = new ArrayList<>();
            for (int step = 0; step < stairs.steps(); step++) {
                if (rateOf(step) > 0) {
                    outcomes.add(judgeLive(step, rateOf(step)));
                }
            }
            CapacitySearch.Result search = CapacitySearch.search(outcomes);
            Double kneeRate = search.knee() == null ? null : search.knee().ratePerSec();
            double overload = degradation == null || kneeRate == null ? 0 : degradation.overloadFactor() * kneeRate;
            double recovery = degradation == null || kneeRate == null ? 0 : degradation.recoveryFactor() * kneeRate;
            knee = new LiveKnee(search.finding(), kneeRate, overload, recovery);
        }
        return knee;
    }

    /** What the gate saw, once the run is over. */
    public synchronized Observed observed() {
        synchronized (liveSteps) {
            return new Observed(Arrays.asList(stepRates.clone()), knee, stopped, refusals, refusalsWithoutRetryAfter);
        }
    }
}
