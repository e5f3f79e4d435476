package io.stella.harness.run.end;

import io.stella.harness.config.Numbers;
import io.stella.harness.judgement.MergedSteps;
import io.stella.harness.judgement.RunJudgement;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.results.BaselineView;
import io.stella.harness.results.RunFolder;
import io.stella.harness.results.StepsFile;
import io.stella.harness.results.Summary;
import io.stella.harness.results.SummaryWriter;
import io.stella.harness.results.ThresholdsFile;
import io.stella.harness.run.RunPlan;
import io.stella.harness.run.live.AbortWatch;
import io.stella.harness.run.live.LiveRun;
import io.stella.harness.signoff.SignOffPlots;
import io.stella.harness.signoff.SignOffWriters;
import io.stella.harness.verdict.FigureTrend;
import io.stella.harness.verdict.InjectorCpu;
import io.stella.harness.verdict.InjectorSchedule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The writers of a run's end, from its judgement: {@code summary.json}, a capacity search's
 * {@code steps.json}, {@code thresholds.json} (what a merge and a re-judge read), and the sign-off
 * ({@code signoff.md|json|html}, its JUnit XML and plots).
 */
final class RunResults {

    private RunResults() {
    }

    static Summary write(RunPlan plan, Measured measured, RunFacts facts, RunJudgement.Outcome judged, EndInputs inputs)
            throws IOException {
        Path folder = measured.folder();
        Summary summary = summary(plan, measured, facts, judged, inputs);
        SummaryWriter.write(folder, summary);
        RunMeasurements measurements = measured.measurements();
        LiveRun.Observed live = inputs.live();
        if (measurements.steps() != null) {
            StepsFile.write(folder, MergedSteps.recorded(plan.profile().planning(), measurements.steps(),
                    live.capacity() == null ? null : live.capacity().stepRates()));
        }
        ThresholdsFile.write(folder, "the thresholds " + plan.profile().source() + " was judged by (merge and re-judge read them)",
                plan.shard() == null ? plan.profile().thresholds() : plan.shard().whole(plan.profile().thresholds()));
        BaselineView baseline = facts.comparison().view();
        List<FigureTrend> trends = baseline == null ? List.of() : baseline.trends();
        SignOffWriters.writeAll(folder, judged.signOff(), SignOffPlots.of(measurements.byRequest(), folder.resolve(RunFolder.INTERVAL_LOG),
                facts.capacity().view(), measured.phase() == null ? null : measured.phase().timeline(), trends, plan.profile().thresholds()),
                trends.stream().map(FigureTrend::changeInWords).filter(Objects::nonNull).toList());
        return summary;
    }

    private static Summary summary(RunPlan plan, Measured measured, RunFacts facts, RunJudgement.Outcome judged, EndInputs inputs) {
        LiveRun.Observed live = inputs.live();
        AbortWatch.Fired aborted = live.aborted();
        return SummaryBuilder.build(plan, measured.measurements(), inputs.voice(), judged.verdicts(), measured.tallies(),
                        measured.outcome(), measured.simulationLog(), judged.status())
                .capacity(facts.capacity().view())
                .degradation(facts.capacity().degradation())
                .baseline(facts.comparison().view())
                .injector(injectorView(plan, facts))
                .safety(new Summary.SafetyView(plan.profile().limits().maxRatePerSec(),
                        live.maxConcurrentRequests(), live.peakConcurrentRequests(), live.usersTurnedAwayAtCeiling(),
                        aborted == null ? null : "abortOnFail/" + aborted.ruleIndex() + " (" + aborted.rule() + ")",
                        aborted == null ? null : aborted.seen(), aborted == null ? null : aborted.atSecIntoRun()))
                .build()
                .withSlowest(live.slowest());
    }

    private static Summary.InjectorView injectorView(RunPlan plan, RunFacts facts) {
        InjectorSchedule schedule = facts.injector().schedule();
        InjectorCpu cpu = facts.injector().cpu();
        return new Summary.InjectorView(Numbers.toThousandth(schedule.plannedUsers()), schedule.startedUsers(),
                Numbers.toThousandth(schedule.maxBehindUsers()), Numbers.toThousandth(schedule.maxBehindSec()), schedule.behind(),
                cpu.maxPercent(), cpu.meanPercent(), cpu.judged(), cpu.troubled(), plan.shard() == null ? null : plan.shard().index(),
                plan.shard() == null ? null : plan.shard().count(), plan.runId(), facts.self().troubleReason());
    }
}
