package io.stella.harness.run.end;

import io.stella.harness.run.RunPlan;
import io.stella.harness.config.Profile;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.GatlingLogReader;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.MediaFigures;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.results.Manifest;
import io.stella.harness.results.Summary;
import io.stella.harness.results.WindowFigures;
import io.stella.harness.verdict.Verdict;
import io.stella.harness.verdict.WindowedCompliance;
import io.stella.harness.config.Numbers;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Puts a run's plan, measurements and verdicts into the shape of {@code summary.json}. */
final class SummaryBuilder {

    private SummaryBuilder() {
    }

    /** summary.json's fields the plan, the measurements and the judgement give; the run's end adds the rest. */
    static Summary.Builder build(RunPlan plan, RunMeasurements measurements, VoiceMetrics voice, List<Verdict> verdicts,
                                 List<WindowedCompliance.Tally> tallies, GatlingLogReader.Outcome outcome, Path simulationLog,
                                 String status) {
        Profile profile = plan.profile();
        String gatlingVersion = measurements.run() == null ? "unknown" : measurements.run().gatlingVersion();
        boolean voiceRun = voice != null && !voice.recorded().isEmpty();
        return Summary.builder()
                .status(status)
                .simulation(plan.simulation())
                .profile(profileView(profile))
                .target(targetView(plan))
                .window(window(plan, measurements, outcome))
                .requests(requests(profile, measurements))
                .voiceMetrics(voiceRun ? figures(voice.recorded(), profile) : null)
                .peakSessionsHeld(voiceRun ? voice.peakSessionsHeld() : null)
                .setupBudget(voiceRun ? SetupBudgets.of(profile, measurements, voice).orElse(null) : null)
                .thresholds(verdicts.stream().map(verdict -> verdictView(verdict, tallies)).toList())
                .usersStarted(measurements.usersStartedByScenario())
                .errorMessages(measurements.errorMessages())
                .media(voice == null ? null : media(voice))
                .gatling(new Summary.GatlingView(gatlingVersion, simulationLog.getParent().toString(), null, null))
                .manifest(Manifest.describe(gatlingVersion, plan.startedAt().toString(), Instant.now().toString()));
    }

    /** The media section, for a run that placed calls over real media; null for any other. */
    static Summary.MediaView media(VoiceMetrics voice) {
        MediaFigures media = voice.media();
        if (media.callsPlaced() == 0) {
            return null;
        }
        MediaFigures.Audio audio = media.audio();
        MediaFigures.Clock clock = media.clock();
        return new Summary.MediaView(media.callsPlaced(), media.callsCompleted(), media.failures(),
                new Summary.MediaView.AudioView(audio.packetsReceived(), audio.packetsLost(), Numbers.toThousandth(audio.lostPercent()),
                        audio.samplesReceived(), audio.samplesConcealed(), Numbers.toThousandth(audio.concealedPercent()),
                        Numbers.toThousandth(audio.worstJitterMillis()), Numbers.toThousandth(audio.slowestPlayoutPercent()),
                        Numbers.toThousandth(audio.meanPlayoutPercent()), audio.packetsRejected(),
                        audio.packetsDroppedByNetwork()),
                sent(media.sent()), stages(media.agentStages()),
                clock == null ? null : new Summary.MediaView.ClockView(clock.ticks(), clock.lateTicks(),
                        Numbers.toThousandth(clock.latePercent()), clock.worstLateMillis(), clock.workers(),
                        java.util.Arrays.stream(media.clockBySecond()).map(second -> second[1]).toList()),
                media.socketBufferDrops() < 0 ? null : media.socketBufferDrops(), voice.sessionsHeldBySecond(),
                agentFaults(media.agentFaults()));
    }

    private static Summary.MediaView.AgentFaultsView agentFaults(MediaFigures.AgentFaults faults) {
        return !faults.any() ? null : new Summary.MediaView.AgentFaultsView(faults.callsAgentLeft(), faults.callsSurvived(),
                faults.agentsReplaced(), faults.agentsNotReplaced(), faults.callsWithTwoAgents());
    }

    private static Summary.MediaView.AgentStagesView stages(MediaFigures.AgentStages stages) {
        return new Summary.MediaView.AgentStagesView(stages.turnsStaged(), stages.turnsNotStaged(), stages.agentPublishesNoState());
    }

    private static Summary.MediaView.AudioSentView sent(MediaFigures.Sent sent) {
        return sent.packetsSent() == 0 ? null : new Summary.MediaView.AudioSentView(sent.packetsSent(),
                sent.packetsDroppedByNetwork(), sent.callsReported(), sent.packetsExpectedAtFarEnd(), sent.packetsLostAtFarEnd(),
                Numbers.toThousandth(sent.lostAtFarEndPercent()));
    }

    private static Summary.ProfileView profileView(Profile profile) {
        return new Summary.ProfileView(profile.name(), profile.source(), profile.description(), profile.load(),
                profile.mix(), profile.thresholds().stream().map(Threshold::describe).toList(),
                profile.requestTimeoutMillis(), profile.connections().profileName());
    }

    private static Summary.TargetView targetView(RunPlan plan) {
        boolean faults = plan.referenceFaults() != null && !plan.referenceFaults().isNone();
        return new Summary.TargetView(plan.target().baseUrl().toString(), plan.target().embedded(), plan.target().paths(),
                faults ? plan.referenceFaults().describe() : null, plan.referenceAgentFaults());
    }

    private static Summary.WindowView window(RunPlan plan, RunMeasurements measurements, GatlingLogReader.Outcome outcome) {
        int warmUpSec = plan.profile().load().warmUpSec();
        long runStart = measurements.run() == null ? plan.startedAt().toEpochMilli() : measurements.run().startEpochMillis();
        return new Summary.WindowView(Instant.ofEpochMilli(runStart).toString(), warmUpSec,
                Instant.ofEpochMilli(runStart + warmUpSec * 1000L).toString(), plan.profile().load().measuredSec(),
                Instant.ofEpochMilli(measurements.lastEndEpochMillis()).toString(), outcome.truncated());
    }

    private static Map<String, Summary.RequestFigures> requests(Profile profile, RunMeasurements measurements) {
        Map<String, Summary.RequestFigures> requests = figures(measurements.byRequest(), profile);
        requests.put(Threshold.ALL_REQUESTS, figures(measurements.all(), profile));
        return requests;
    }

    private static Map<String, Summary.RequestFigures> figures(Map<String, RequestStats> byName, Profile profile) {
        Map<String, Summary.RequestFigures> figures = new LinkedHashMap<>();
        byName.forEach((name, stats) -> figures.put(name, figures(stats, profile)));
        return figures;
    }

    private static Summary.RequestFigures figures(RequestStats stats, Profile profile) {
        return new Summary.RequestFigures(WindowFigures.of(stats.measured(), profile.load().measuredSec()),
                WindowFigures.of(stats.wholeRun(), profile.load().totalSec()), null);
    }

    private static Summary.VerdictView verdictView(Verdict verdict, List<WindowedCompliance.Tally> tallies) {
        Summary.WindowsView windows = tallies.stream().filter(tally -> tally.threshold().equals(verdict.threshold()))
                .filter(tally -> tally.windows() > 0).findFirst()
                .map(tally -> new Summary.WindowsView(WindowedCompliance.WINDOW_SEC, tally.windows(), tally.held(), tally.failed(),
                        tally.inconclusive(), Numbers.toThousandth(tally.heldPercent())))
                .orElse(null);
        return Summary.VerdictView.of(verdict, windows);
    }
}
