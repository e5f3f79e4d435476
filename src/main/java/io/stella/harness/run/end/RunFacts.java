package io.stella.harness.run.end;

import io.stella.harness.judgement.InjectorFacts;
import io.stella.harness.judgement.NamedStats;
import io.stella.harness.judgement.RecordedRun;
import io.stella.harness.judgement.RunJudgement;
import io.stella.harness.latency.MediaFigures;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.run.RunPlan;
import io.stella.harness.run.live.AbortWatch;
import io.stella.harness.run.live.LiveRun;

import java.util.List;
import java.util.Map;

/**
 * Everything a run's judgement rests on, found from its measurements and what was watched as it went:
 * the injector's own health, a capacity search and degradation phase, the comparison with a baseline
 * or history, and the injector's facts as a merge would read them from its summary.
 */
record RunFacts(InjectorCheck injector, CapacityFindings capacity, RecordedRun recorded, Comparison comparison,
                InjectorFacts self) {

    static RunFacts of(RunPlan plan, Measured measured, EndInputs inputs) {
        RunMeasurements measurements = measured.measurements();
        InjectorCheck injector = InjectorCheck.of(plan, measurements, inputs);
        CapacityFindings capacity = CapacityFindings.of(plan, measured, inputs, injector);
        RecordedRun recorded = RecordedRun.of(measured.folder(), plan.profile().name(), plan.simulation(),
                plan.profile().load().measuredSec(), measurements, capacity.search());
        return new RunFacts(injector, capacity, recorded, Comparison.of(plan, recorded), self(plan, measurements, inputs, injector));
    }

    private static InjectorFacts self(RunPlan plan, RunMeasurements measurements, EndInputs inputs, InjectorCheck injector) {
        LiveRun.Observed live = inputs.live();
        AbortWatch.Fired aborted = live.aborted();
        long ranSec = measurements.run() == null ? 0
                : Math.max(0, (measurements.lastEndEpochMillis() - measurements.run().startEpochMillis()) / 1000);
        return new InjectorFacts(plan.shard() == null ? null : plan.shard().index(), inputs.interrupted(), ranSec,
                plan.profile().load().totalSec(), aborted == null ? null : aborted.describe(), injector.troubleReason(),
                live.usersTurnedAwayAtCeiling(), live.maxConcurrentRequests(), measurements.measuredFromEpochMillis());
    }

    /** The facts for the one judgement (the same a re-judge and a merge make from disk). */
    RunJudgement.Facts judgement(RunPlan plan, Measured measured, EndInputs inputs) {
        RunMeasurements measurements = measured.measurements();
        VoiceMetrics voice = inputs.voice();
        return RunJudgement.facts()
                .run(plan.simulation(), plan.profile().name(), plan.target().baseUrl().toString())
                .thresholds(plan.profile().thresholds())
                .measured(name -> {
                    RequestStats stats = NamedStats.of(name, measurements, voice);
                    return stats == null ? null : stats.measured();
                }, plan.profile().load().measuredSec(), measurements.run() != null)
                .injectors(List.of(self))
                .capacity(capacity.search() == null ? null : new RunJudgement.CapacityOutcome((capacity.search().knee() != null
                        ? capacity.search().knee() : capacity.search().firstFailing()).verdicts(), capacity.items()))
                .probed(inputs.probed())
                .regressions(comparison.regressions(), Comparison.comparedWith(plan))
                .missingEvidence(missingEvidence(plan, voice))
                .atRunEnd(true)
                .heard(heard(voice, plan.profile().load().measuredSec()))
                .faults(AgentFaultEvidence.faults(voice))
                .build();
    }

    /** What the comparison with earlier runs could not make, and turn-taking the profile asked for and no call measured. */
    private List<String> missingEvidence(RunPlan plan, VoiceMetrics voice) {
        List<String> missing = new java.util.ArrayList<>(comparison.missingEvidence());
        missing.addAll(TurnTakingEvidence.missing(plan.profile().conversation(), voice));
        return missing;
    }

    /** What the calls over real media carried, in words for the sign-off; empty for a run without them. */
    private static Map<String, String> heard(VoiceMetrics voice, int measuredSec) {
        if (voice == null || voice.media().callsPlaced() == 0) {
            return Map.of();
        }
        MediaFigures media = voice.media();
        MediaFigures.Audio audio = media.audio();
        Map<String, String> heard = new java.util.LinkedHashMap<>();
        heard.put("audio received", String.format("%d of %d calls went to their end; %.2f%% of packets lost, %.2f%% of samples"
                        + " concealed, worst jitter %.0f ms", media.callsCompleted(), media.callsPlaced(), audio.lostPercent(),
                audio.concealedPercent(), audio.worstJitterMillis()));
        String stages = media.agentStages().sentence();
        if (stages != null) {
            heard.put("agent stages", stages);
        }
        AgentFaultEvidence.sentence(voice).ifPresent(sentence -> heard.put("agent faults", sentence));
        Map<String, RequestStats> recorded = voice.recorded();
        for (String engineSuffix : List.of("", VoiceMetrics.ON_THE_WIRE)) {
            turnTaking(heard, "barge-in", recorded.get(VoiceMetrics.BARGE_IN_STOP + engineSuffix), window -> String.format(
                    "the caller spoke over the agent %d times: it went silent within the profile's limit after %d, talked on"
                            + " (NOT_INTERRUPTED) after %d; P50 %.0f ms from the caller's first word to the agent's last",
                    window.count(), window.count() - window.errorCount(), window.errorCount(), window.percentileMillis(50)));
            turnTaking(heard, "backchannels", recorded.get(VoiceMetrics.BACKCHANNEL + engineSuffix), window -> String.format(
                    "the caller said something short during %d replies: the agent talked on through %d, went silent"
                            + " (FALSE_INTERRUPTION) after %d", window.count(), window.count() - window.errorCount(), window.errorCount()));
            turnTaking(heard, "talk over", recorded.get(VoiceMetrics.TALK_OVER + engineSuffix), window -> String.format(
                    "the agent began to speak while the caller was still speaking (PREMATURE_REPLY) in %d of %d turns; talk over"
                            + " P99 %.0f ms, longest %.0f ms", window.errorCount(), window.count(), window.percentileMillis(99),
                    window.maxMillis()));
            turnTaking(heard, "goodput", recorded.get(VoiceMetrics.CONVERSATION + engineSuffix), window -> String.format(
                    "%d of %d conversations were good (%.2f per second in the %d s measured)%s", window.count() - window.errorCount(),
                    window.count(), (window.count() - window.errorCount()) / (double) Math.max(1, measuredSec), measuredSec,
                    window.errorCount() == 0 ? "" : "; not good, by the first reason: " + window.errorsByKind()));
        }
        return heard;
    }

    /** One turn-taking figure's evidence in words, under its name, where calls measured it. */
    private static void turnTaking(Map<String, String> heard, String what, RequestStats stats,
                                   java.util.function.Function<io.stella.harness.latency.LatencyWindow, String> sentence) {
        if (stats != null && stats.measured().count() > 0) {
            heard.put(what + " (" + stats.name() + ")", sentence.apply(stats.measured()));
        }
    }
}
