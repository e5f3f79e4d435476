package io.stella.harness.run.live;

import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.live.LiveSeries;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What a run's live series read when they are scraped: its clock since the load started, what
 * {@link LiveRun} watches, the voice sessions held, the calls over media, the injector's CPU.
 *
 * @param loadStartEpochMillis when the load started, {@link Long#MAX_VALUE} before it
 */
public record RunSources(LongSupplier loadStartEpochMillis, LiveRun live, VoiceMetrics voice, CpuSampler cpu,
                  IntSupplier mediaCallsNow) implements LiveSeries.Sources {

    @Override
    public double secondsIntoRun() {
        long start = loadStartEpochMillis.getAsLong();
        return start == Long.MAX_VALUE ? -1 : (System.currentTimeMillis() - start) / 1000.0;
    }

    @Override
    public int requestsInFlight() {
        return live.requestsInFlight();
    }

    @Override
    public int voiceSessionsHeld() {
        return voice.sessionsHeldNow();
    }

    @Override
    public int mediaCallsInProgress() {
        return mediaCallsNow.getAsInt();
    }

    @Override
    public double injectorCpu() {
        return cpu.lastSample();
    }

    @Override
    public List<LiveSeries.AbortRuleState> abortRules() {
        return live.abortRules();
    }

    @Override
    public Double capacityRatePerSecNow() {
        return live.capacityRatePerSecAt(System.currentTimeMillis());
    }
}
