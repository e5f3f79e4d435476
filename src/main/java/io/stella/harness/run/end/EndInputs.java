package io.stella.harness.run.end;

import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.run.live.LiveRun;
import io.stella.harness.signoff.ItemResult;

import java.util.List;

/**
 * What the run hands to its end, besides Gatling's log: the voice metrics it recorded itself (null for a
 * simulation without), the checklist items its probes gave evidence for, what was watched as it went
 * (ceiling, abort rules, capacity search), the injector's CPU second by second from the load's start
 * (0..1 of all cores), and whether a signal stopped it before its end.
 */
public record EndInputs(VoiceMetrics voice, List<ItemResult> probed, LiveRun.Observed live, double[] cpuBySecond,
                        boolean interrupted) {

    public EndInputs {
        probed = List.copyOf(probed);
    }

    /** A run that went to its end (or was stopped by an abort rule). */
    public static EndInputs ofFinishedRun(VoiceMetrics voice, List<ItemResult> probed, LiveRun.Observed live, double[] cpuBySecond) {
        return new EndInputs(voice, probed, live, cpuBySecond, false);
    }

    /** A run stopped by a signal before its end: no probe ran. */
    public static EndInputs ofInterruptedRun(VoiceMetrics voice, LiveRun.Observed live, double[] cpuBySecond) {
        return new EndInputs(voice, List.of(), live, cpuBySecond, true);
    }
}
