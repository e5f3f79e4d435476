package io.stella.harness.run.live;

import io.stella.harness.config.Profile;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.SlowestRequests;
import io.stella.harness.live.LiveSeries;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the harness watches while the load runs, from the simulation's own timing of each request:
 * the requests in flight against the profile's ceiling, the {@code abortOnFail} rules, and (for a
 * capacity search) the {@link CapacityGate}. Arriving users ask {@link #admit}; every request tells
 * {@link #requestStarts()} and {@link #requestEnds}.
 */
public final class LiveRun {

    /**
     * What was seen live: the capacity gate's findings (null without a search), the ceiling on
     * requests in flight, the most that were in flight, the users not started at that ceiling, and
     * the abort rule that fired (null if none did).
     */
    public record Observed(CapacityGate.Observed capacity, int maxConcurrentRequests, int peakConcurrentRequests,
                           long usersTurnedAwayAtCeiling, AbortWatch.Fired aborted,
                           Map<String, List<SlowestRequests.Slow>> slowest) {
    }

    private final int maxConcurrentRequests;
    private final CapacityGate gate;
    private final AbortWatch abort;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final LongAdder turnedAwayAtCeiling = new LongAdder();
    private final LongAdder untimed = new LongAdder();
    private final long requestTimeoutMillis;
    private final long warmUpMillis;
    private final SlowestRequests slowest = new SlowestRequests();
    private volatile long measuredFromEpochMillis = Long.MAX_VALUE;
    private volatile LiveSeries series;

    /** @param gate the capacity search's gate, or null for a run without live stairs */
    public LiveRun(Profile profile, CapacityGate gate) {
        this.maxConcurrentRequests = profile.limits().maxConcurrentRequests();
        this.gate = gate;
        this.abort = new AbortWatch(profile.abortOnFail());
        this.requestTimeoutMillis = profile.requestTimeoutMillis();
        this.warmUpMillis = profile.load().warmUpSec() * 1000L;
    }

    /** From now on every arrival and every request also goes to the live metrics. */
    public void reportTo(LiveSeries liveSeries) {
        this.series = liveSeries;
    }

    public void runStarts(long epochMillis) {
        measuredFromEpochMillis = epochMillis + warmUpMillis;
        abort.runStarts(epochMillis);
        if (gate != null) {
            gate.runStarts(epochMillis);
        }
    }

    /** Whether an arriving user of {@code scenario} goes ahead: not at the ceiling, and the gate lets it. */
    public boolean admit(String scenario, long nowEpochMillis) {
        boolean admitted;
        if (inFlight.get() >= maxConcurrentRequests) {
            turnedAwayAtCeiling.increment();
            admitted = false;
        } else {
            admitted = gate == null || gate.admit(scenario, nowEpochMillis);
        }
        LiveSeries live = series;
        if (live != null) {
            live.userArrived(admitted);
        }
        return admitted;
    }

    /** Requests sent and not answered yet. */
    public int requestsInFlight() {
        return inFlight.get();
    }

    public void requestStarts() {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    /**
     * @param statusOrNull the HTTP status, null when no answer came (timeout, connection)
     * @param retryAfter   whether the answer carried {@code Retry-After}
     * @param failed       whether the request failed (status, any check, or no answer)
     */
    public void requestEnds(String request, long startEpochMillis, long latencyMillis, Integer statusOrNull,
                            boolean retryAfter, boolean failed) {
        requestEnds(request, null, startEpochMillis, latencyMillis, statusOrNull, retryAfter, failed);
    }

    /** @param traceIdOrNull the trace id the request carried (an HTTP request), kept when it is among the slowest */
    public void requestEnds(String request, String traceIdOrNull, long startEpochMillis, long latencyMillis, Integer statusOrNull,
                            boolean retryAfter, boolean failed) {
        if (traceIdOrNull != null && startEpochMillis >= measuredFromEpochMillis) {
            slowest.record(request, traceIdOrNull, startEpochMillis, latencyMillis);
        }
        inFlight.decrementAndGet();
        if (gate != null) {
            gate.record(request, startEpochMillis, latencyMillis, statusOrNull, retryAfter, failed);
        }
        abort.record(request, startEpochMillis + latencyMillis, latencyMillis * 1000, failed);
        LiveSeries live = series;
        if (live != null) {
            live.requestEnded(request, latencyMillis, ErrorKind.ofLiveAnswer(statusOrNull, failed, latencyMillis >= requestTimeoutMillis));
        }
    }

    /** Each abort rule as it stands now, for the live metrics. */
    public java.util.List<LiveSeries.AbortRuleState> abortRules() {
        return abort.states();
    }

    /** A capacity search's arrival rate now as it runs the stairs, or null without a search (or outside its stairs). */
    public Double capacityRatePerSecAt(long nowEpochMillis) {
        return gate == null ? null : gate.rateAt(nowEpochMillis);
    }

    /**
     * An answer came to a request that was not timed live (a simulation sent it without
     * {@code timed(...)}): the ceiling, the abort rules and the gate did not see it.
     */
    public void untimedRequestSeen() {
        untimed.increment();
    }

    /** How many answers came to requests that were not timed live. */
    public long untimedRequests() {
        return untimed.sum();
    }

    /** The abort rule that fired, or null: the load is to stop. */
    public AbortWatch.Fired aborted() {
        return abort.fired();
    }

    public Observed observed() {
        return new Observed(gate == null ? null : gate.observed(), maxConcurrentRequests, peakInFlight.get(),
                turnedAwayAtCeiling.sum(), abort.fired(), slowest.slowest());
    }
}
