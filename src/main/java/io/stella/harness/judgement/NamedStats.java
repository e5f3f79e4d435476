package io.stella.harness.judgement;

import io.stella.harness.latency.RequestStats;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.VoiceMetrics;

/** A name in a profile is a request (or "all") from Gatling's log, or else a voice metric the harness timed. */
public final class NamedStats {

    private NamedStats() {
    }

    /** The stats of that name, or null when nothing of that name was measured. */
    public static RequestStats of(String name, RunMeasurements measurements, VoiceMetrics voice) {
        RequestStats stats = measurements.lookup(name);
        return stats != null || voice == null ? stats : voice.recorded().get(name);
    }
}
