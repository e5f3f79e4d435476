package io.stella.harness.live;

import java.util.List;
import java.util.function.Supplier;

/** What the live series read, fixed (or read from the test's own state) rather than from a run. */
public record FixedSources(Supplier<Double> secondsIntoRunNow, int requestsInFlight, int voiceSessionsHeld,
                           int mediaCallsInProgress, double injectorCpu,
                           Supplier<List<LiveSeries.AbortRuleState>> abortRulesNow) implements LiveSeries.Sources {

    @Override
    public double secondsIntoRun() {
        return secondsIntoRunNow.get();
    }

    @Override
    public List<LiveSeries.AbortRuleState> abortRules() {
        return abortRulesNow.get();
    }

    @Override
    public Double capacityRatePerSecNow() {
        return null;
    }
}
