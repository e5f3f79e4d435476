package io.stella.harness.run;

import io.stella.harness.config.Degradation;
import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Profile;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.StepMeasurements;
import io.stella.harness.verdict.CapacitySearch;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the knee while the run is going and lets through, in the degradation phase, the share of
 * arrivals that makes the overload and recovery rates relative to it. Gatling's injection profile is
 * fixed before the run, so that phase starts users at {@link Degradation#injectedRatePerSec} and
 * this gate admits {@code wanted / injected} of them: every n-th user of each scenario, evenly, so
 * the admitted arrivals keep the open model's regular spacing and the mix's proportions.
 * <p>
 * The stairs are judged here on the simulation's own live timings, with the same rules as the final
 * verdict (which is read from Gatling's log afterwards and may differ by a few samples at the edges).
 */
public final class DegradationGate {

    /** The knee as judged live, the rates the phase used, and what was found. */
    public record LiveKnee(CapacitySearch.Finding finding, Double kneeRatePerSec, double overloadRatePerSec,
                           double recoveryRatePerSec) {
    }

    /**
     * What the phase saw live: its knee (null if the run ended before the phase), and the overload's
     * refusals (429/503) with how many lacked {@code Retry-After}, which Gatling's log cannot tell.
     */
    public record Observed(LiveKnee knee, long refusals, long refusalsWithoutRetryAfter) {
    }

    private final Profile profile;
    private final LoadShape load;
    private final Degradation degradation;
    private final StepMeasurements liveSteps;
    private final Set<String> requestsSeen = new TreeSet<>();
    private final Map<String, Double> creditByScenario = new HashMap<>();
    private volatile long runStartEpochMillis = Long.MAX_VALUE;
    private LiveKnee knee;
    private long refusals;
    private long refusalsWithoutRetryAfter;

    public DegradationGate(Profile profile) {
        this.profile = profile;
        this.load = profile.load();
        this.degradation = load.degradation();
        if (degradation == null) {
            throw new IllegalArgumentException("profile " + profile.name() + " has no degradation phase");
        }
        this.liveSteps = new StepMeasurements(load.stairs(), load.warmUpSec() * 1000L);
    }

    public void runStarts(long epochMillis) {
        runStartEpochMillis = epochMillis;
    }

    /**
     * One answer as the simulation saw it: the stairs' holds are kept for the knee, the overload's
     * refusals are counted.
     *
     * @param statusOrNull the HTTP status, or null when there was no answer or its checks failed before
     *                     the status was read (counted as a failure)
     */
    public void record(String request, long startEpochMillis, long latencyMillis, Integer statusOrNull, boolean retryAfter) {
        long sinceStartMillis = startEpochMillis - runStartEpochMillis;
        synchronized (liveSteps) {
            requestsSeen.add(request);
            liveSteps.record(request, sinceStartMillis, latencyMillis * 1000, errorOf(statusOrNull));
            long intoOverloadMillis = sinceStartMillis - load.overloadStartSec() * 1000L;
            boolean refusal = statusOrNull != null && (statusOrNull == 429 || statusOrNull == 503);
            if (refusal && intoOverloadMillis >= 0 && intoOverloadMillis < degradation.overloadSec() * 1000L) {
                refusals++;
                refusalsWithoutRetryAfter += retryAfter ? 0 : 1;
            }
        }
    }

    private static ErrorKind errorOf(Integer status) {
        if (status == null) {
            return ErrorKind.OTHER;
        }
        return status >= 500 ? ErrorKind.HTTP_5XX : status >= 400 ? ErrorKind.HTTP_4XX : null;
    }

    /** Whether a user of this scenario that arrives now goes ahead; before the phase, every one does. */
    public synchronized boolean admit(String scenario, long nowEpochMillis) {
        double intoOverloadSec = (nowEpochMillis - runStartEpochMillis) / 1000.0 - load.overloadStartSec();
        if (intoOverloadSec < 0) {
            return true;
        }
        LiveKnee decided = knee();
        if (decided.kneeRatePerSec() == null) {
            return false;
        }
        double wanted = intoOverloadSec < degradation.overloadSec() ? decided.overloadRatePerSec() : decided.recoveryRatePerSec();
        double credit = creditByScenario.getOrDefault(scenario, 1.0) + wanted / degradation.injectedRatePerSec(load.stairs());
        boolean admitted = credit >= 1;
        creditByScenario.put(scenario, admitted ? credit - 1 : credit);
        return admitted;
    }

    /** The knee, judged once from the live steps, at the first call: the phase's first arrival. */
    public synchronized LiveKnee knee() {
        if (knee == null) {
            CapacitySearch.Result search;
            synchronized (liveSteps) {
                search = CapacityJudge.search(profile, liveSteps, Set.copyOf(requestsSeen), null);
            }
            Double kneeRate = search.knee() == null ? null : search.knee().ratePerSec();
            knee = new LiveKnee(search.finding(), kneeRate, kneeRate == null ? 0 : degradation.overloadFactor() * kneeRate,
                    kneeRate == null ? 0 : degradation.recoveryFactor() * kneeRate);
        }
        return knee;
    }

    /** What the phase saw, once the run is over. */
    public synchronized Observed observed() {
        synchronized (liveSteps) {
            return new Observed(knee, refusals, refusalsWithoutRetryAfter);
        }
    }
}
