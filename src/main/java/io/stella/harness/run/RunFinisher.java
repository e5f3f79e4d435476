package io.stella.harness.run;

import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.DegradationMeasurements;
import io.stella.harness.latency.GatlingLogListener;
import io.stella.harness.latency.GatlingLogReader;
import io.stella.harness.latency.IntervalLogRecorder;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.StepMeasurements;
import io.stella.harness.latency.IntervalLogMerge;
import io.stella.harness.latency.MediaFigures;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.results.AtomicFiles;
import io.stella.harness.results.BaselineView;
import io.stella.harness.verdict.BaselineComparison;
import io.stella.harness.verdict.FigureTrend;
import io.stella.harness.results.CapacityView;
import io.stella.harness.results.History;
import io.stella.harness.verdict.CapacityPlan;
import io.stella.harness.verdict.DegradationCheck;
import io.stella.harness.verdict.CapacitySearch;
import io.stella.harness.verdict.InjectorAudioClock;
import io.stella.harness.verdict.InjectorCpu;
import io.stella.harness.verdict.InjectorHealth;
import io.stella.harness.verdict.InjectorSchedule;
import io.stella.harness.verdict.WindowedCompliance;
import io.stella.harness.config.Numbers;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.SignOff;
import io.stella.harness.signoff.SignOffPlots;
import io.stella.harness.signoff.SignOffReport;
import io.stella.harness.signoff.SignOffWriters;
import io.stella.harness.results.ConsoleReport;
import io.stella.harness.results.DirectoryCopy;
import io.stella.harness.results.GatlingFigures;
import io.stella.harness.results.GatlingReportReader;
import io.stella.harness.results.StepsFile;
import io.stella.harness.results.Summary;
import io.stella.harness.results.SummaryWriter;
import io.stella.harness.results.ThresholdsFile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The end of a run: reads Gatling's {@code simulation.log} into histograms, judges the thresholds,
 * and writes the results folder ({@code summary.json}, {@code latency.hlog}). Then, once Gatling's
 * report exists, copies it in and adds Gatling's own figures beside ours.
 */
public final class RunFinisher {

    public static final String INTERVAL_LOG = "latency.hlog";
    public static final String GATLING_REPORT_DIR = "gatling";
    /** summary.json's status for a run stopped before its end. */
    public static final String INTERRUPTED = "INTERRUPTED";
    /** summary.json's status for a run whose load an {@code abortOnFail} rule stopped. */
    public static final String ABORTED = "ABORTED";
    private static final long FD_WAIT_MILLIS = 15_000;
    private static final long PROBE_REPORT_MILLIS = 200;

    private final PrintStream out;
    private final Path folder;
    private final Path simulationLog;
    private final ExitCode exitCode;
    private Summary summary;

    private RunFinisher(PrintStream out, Path folder, Path simulationLog, Summary summary, ExitCode exitCode) {
        this.out = out;
        this.folder = folder;
        this.simulationLog = simulationLog;
        this.summary = summary;
        this.exitCode = exitCode;
    }

    /**
     * Measures, judges and writes; never throws: a failure is printed and becomes the exit code.
     *
     * @param voice       the voice metrics the simulation recorded itself, or null for a simulation without
     * @param probed      the checklist items the probes gave evidence for
     * @param live        what was watched as the run went (ceiling, abort rules, capacity search)
     * @param cpuBySecond the injector process's CPU, second by second from the load's start (0..1 of all cores)
     */
    public static RunFinisher finish(RunPlan plan, VoiceMetrics voice, List<ItemResult> probed, LiveRun.Observed live,
                                     double[] cpuBySecond) {
        return finish(plan, voice, probed, live, cpuBySecond, false, System.out);
    }

    /**
     * For a run stopped by a signal before its end: the same figures from what Gatling's log holds
     * (up to its last whole record), status INTERRUPTED, a NO-GO sign-off that says so, exit code 130.
     */
    public static RunFinisher finishInterrupted(RunPlan plan, VoiceMetrics voice, LiveRun.Observed live,
                                                double[] cpuBySecond) {
        return finish(plan, voice, List.of(), live, cpuBySecond, true, System.out);
    }

    static RunFinisher finish(RunPlan plan, VoiceMetrics voice, List<ItemResult> probed, LiveRun.Observed live,
                              double[] cpuBySecond, boolean interrupted, PrintStream out) {
        try {
            return measureJudgeAndWrite(plan, voice, probed, live, cpuBySecond, interrupted, out);
        } finally {
            if (voice != null) {
                voice.discardSpool();
            }
        }
    }

    private static RunFinisher measureJudgeAndWrite(RunPlan plan, VoiceMetrics voice, List<ItemResult> probed,
                                                    LiveRun.Observed live, double[] cpuBySecond, boolean interrupted,
                                                    PrintStream out) {
        long waitedMillis = FileDescriptors.awaitOneFree(FD_WAIT_MILLIS);
        if (waitedMillis >= PROBE_REPORT_MILLIS) {
            out.println("STELLA harness: waited " + waitedMillis + " ms for a free file descriptor (the run's sockets held them all)");
        }
        Path log = null;
        try {
            log = SimulationLogs.newestSince(plan.gatlingResultsDir(), plan.startedAt()).orElse(null);
            if (log == null) {
                out.println("STELLA harness: no simulation.log under " + plan.gatlingResultsDir()
                        + " written since " + plan.startedAt() + "; nothing was measured");
                return new RunFinisher(out, null, null, null, ExitCode.HARNESS_ERROR);
            }
            Path folder = plan.resultsFolder();
            RunMeasurements measurements;
            WindowedCompliance compliance;
            DegradationMeasurements phase;
            GatlingLogReader.Outcome outcome;
            // Streamed beside its name and renamed whole once complete, like every other result file.
            Path intervalLog = AtomicFiles.temporary(folder.resolve(INTERVAL_LOG));
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(intervalLog));
                 IntervalLogRecorder intervals = new IntervalLogRecorder(file, plan.startedAt().toEpochMilli(),
                         plan.simulation() + " profile " + plan.profile().name())) {
                long warmUpMillis = plan.profile().load().warmUpSec() * 1000L;
                measurements = new RunMeasurements(warmUpMillis, intervals, plan.profile().load().capacitySearch()
                        ? new StepMeasurements(plan.profile().load().stairs(), warmUpMillis) : null);
                compliance = plan.profile().load().capacitySearch() ? null : new WindowedCompliance(plan.profile().thresholds(),
                        (plan.profile().load().warmUpSec() + plan.profile().load().rampUpSec()) * 1000L,
                        plan.profile().load().totalSec() * 1000L, plan.profile().requestTimeoutMillis());
                LoadShape load = plan.profile().load();
                phase = load.degradation() == null ? null : new DegradationMeasurements(load.degradation(),
                        load.overloadStartSec(), plan.profile().thresholds().stream().map(Threshold::request).collect(Collectors.toSet()));
                GatlingLogListener listener = compliance == null ? measurements : GatlingLogListener.both(measurements, compliance);
                outcome = GatlingLogReader.read(log, phase == null ? listener : GatlingLogListener.both(listener, phase));
            }
            Path voiceIntervals = voice == null ? null : voice.closeSpool();
            if (voiceIntervals != null) {
                // The voice metrics' own intervals, merged in: latency.hlog holds every figure the verdicts read.
                Path merged = AtomicFiles.temporary(folder.resolve("latency-with-voice.hlog"));
                try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(merged))) {
                    IntervalLogMerge.write(List.of(intervalLog, voiceIntervals), file,
                            plan.simulation() + " profile " + plan.profile().name());
                }
                Files.move(merged, intervalLog, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            AtomicFiles.publish(intervalLog, folder.resolve(INTERVAL_LOG));
            return judgeAndWrite(plan, out, log, folder, measurements, voice, probed, outcome,
                    compliance == null ? List.of() : compliance.tallies(), phase, live, cpuBySecond, interrupted);
        } catch (IOException e) {
            out.println(writeFailure(plan.resultsRoot(), e, log));
            return new RunFinisher(out, null, null, null, ExitCode.HARNESS_ERROR);
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError is a broken harness build (a class missing at run time): still one line, exit 1.
            out.println("STELLA harness: could not finish the results: " + e);
            return new RunFinisher(out, null, null, null, ExitCode.HARNESS_ERROR);
        }
    }

    /** The most conversations or voice sessions held at once during the step's hold; null without voice. */
    private static Integer heldAtOnceInStep(io.stella.harness.config.Profile profile, VoiceMetrics voice, int step) {
        if (voice == null) {
            return null;
        }
        int holdFromSec = profile.load().warmUpSec() + profile.load().stairs().holdStartSec(step);
        return voice.peakSessionsHeldBetween(holdFromSec, holdFromSec + profile.load().stairs().holdSec());
    }

    private static RunFinisher judgeAndWrite(RunPlan plan, PrintStream out, Path log, Path folder,
                                             RunMeasurements measurements, VoiceMetrics voice, List<ItemResult> probed,
                                             GatlingLogReader.Outcome outcome, List<WindowedCompliance.Tally> tallies,
                                             DegradationMeasurements phase, LiveRun.Observed live,
                                             double[] cpuBySecond, boolean interrupted)
            throws IOException {
        AbortWatch.Fired aborted = live.aborted();
        // A run stopped early is held to its plan only for the seconds it ran, its last (cut) one excluded.
        InjectorSchedule schedule = InjectorSchedule.check(plan.profile().load(), measurements.userStartsPerSecond(),
                interrupted || aborted != null ? Math.max(0, measurements.userStartsPerSecond().size() - 1) : Integer.MAX_VALUE);
        InjectorCpu cpu = new InjectorCpu(cpuBySecond, plan.profile().load().warmUpSec(), !plan.target().embedded());
        InjectorHealth injector = InjectorHealth.either(schedule, cpu);

        // A capacity run is judged at its knee (targets hold up to it), step by step; any other on its measured window.
        if (measurements.steps() != null && voice != null && voice.steps() != null) {
            measurements.steps().addWindowsOf(voice.steps());
        }
        java.util.Set<String> namesRun = new java.util.TreeSet<>(measurements.byRequest().keySet());
        if (voice != null) {
            namesRun.addAll(voice.recorded().keySet());
        }
        // A step is the injector's too when its audio clock fell behind during the hold (media runs).
        InjectorHealth stepHealth = voice == null || !plan.profile().carriesMedia() ? injector : InjectorHealth.either(injector,
                new InjectorAudioClock(voice.media().clockBySecond(), plan.profile().load().warmUpSec()));
        CapacitySearch.Result capacity = measurements.steps() == null ? null
                : CapacityJudge.search(plan.profile(), measurements, namesRun, stepHealth, live.capacity() == null ? null
                        : live.capacity().stepRates());
        CapacityPlan capacityPlan = capacity != null && capacity.knee() != null && plan.profile().planning() != null
                ? CapacityPlan.of(capacity.knee().ratePerSec(), heldAtOnceInStep(plan.profile(), voice, capacity.knee().step()),
                        plan.profile().planning()) : null;
        CapacityView capacityView = CapacityView.of(capacity, capacityPlan, measurements.steps(),
                step -> heldAtOnceInStep(plan.profile(), voice, step));
        if (capacityView != null && live.capacity() != null) {
            capacityView = capacityView.withStoppedEarly(live.capacity().stoppedEarly());
        }
        Integer kneeSessions = null;
        if (capacityView != null && capacity.knee() != null) {
            kneeSessions = heldAtOnceInStep(plan.profile(), voice, capacity.knee().step());
            capacityView = capacityView.withKneeConcurrentSessions(kneeSessions);
        }
        List<ItemResult> capacityItems = new ArrayList<>(CapacityItems.of(capacity, capacityPlan, plan.profile().name(),
                live.capacity() != null && live.capacity().stoppedEarly(), kneeSessions, capacityView,
                plan.profile().carriesMedia() ? "conversations" : plan.profile().voice() != null ? "voice sessions" : null));
        Summary.DegradationView degradationView = null;
        if (phase != null) {
            CapacityGate.LiveKnee knee = live.capacity() == null ? null : live.capacity().knee();
            DegradationCheck.Result degradation = DegradationCheck.judge(knee == null ? null : knee.kneeRatePerSec(),
                    phase, live.capacity() == null ? 0 : live.capacity().refusalsWithoutRetryAfter(), plan.profile().thresholds(),
                    plan.profile().carriesMedia() && voice != null ? voice.callsPlacedBetween(plan.profile().load().overloadStartSec(),
                            plan.profile().load().overloadStartSec() + plan.profile().load().degradation().overloadSec()) : null);
            ItemResult item = CapacityItems.degradation(degradation, plan.profile(), knee);
            capacityItems.add(item);
            degradationView = new Summary.DegradationView(SignOffWriters.label(item.status()), item.reason(), item.evidence(),
                    phase.timeline());
        }
        RecordedRun recorded = RecordedRun.of(folder, plan, measurements, capacity);
        Comparison comparison = compare(plan, recorded);
        BaselineView baseline = comparison.view();
        String comparisonFailure = comparison.failure();

        long ranSec = measurements.run() == null ? 0
                : Math.max(0, (measurements.lastEndEpochMillis() - measurements.run().startEpochMillis()) / 1000);
        InjectorFacts self = new InjectorFacts(plan.shard() == null ? null : plan.shard().index(), interrupted, ranSec,
                plan.profile().load().totalSec(), aborted == null ? null : aborted.describe(),
                troubleReason(injector, voice), live.usersTurnedAwayAtCeiling(), live.maxConcurrentRequests(),
                measurements.measuredFromEpochMillis());
        RunJudgement.Outcome judged = RunJudgement.judge(RunJudgement.facts()
                .run(plan.simulation(), plan.profile().name(), plan.target().baseUrl().toString())
                .thresholds(plan.profile().thresholds())
                .measured(name -> {
                    RequestStats stats = NamedStats.of(name, measurements, voice);
                    return stats == null ? null : stats.measured();
                }, plan.profile().load().measuredSec(), measurements.run() != null)
                .injectors(List.of(self))
                .capacity(capacity == null ? null : new RunJudgement.CapacityOutcome(
                        (capacity.knee() != null ? capacity.knee() : capacity.firstFailing()).verdicts(), capacityItems))
                .probed(probed)
                .regressions(baseline == null ? List.of() : baseline.regressions(), comparedWith(plan))
                .missingEvidence(comparisonFailure == null ? List.of() : List.of(comparisonFailure))
                .atRunEnd(true)
                .heard(heard(voice))
                .build());

        // Written after the judgement, from it.
        Summary summary = SummaryBuilder.build(plan, measurements, voice, judged.verdicts(), tallies, outcome, log, judged.status())
                .withSlowest(live.slowest())
                .withCapacity(capacityView)
                .withInjector(new Summary.InjectorView(Numbers.millis3(schedule.plannedUsers()), schedule.startedUsers(),
                        Numbers.millis3(schedule.maxBehindUsers()), Numbers.millis3(schedule.maxBehindSec()), schedule.behind(),
                        cpu.maxPercent(), cpu.meanPercent(), cpu.judged(), cpu.troubled(), plan.shard() == null ? null : plan.shard().index(),
                        plan.shard() == null ? null : plan.shard().count(), plan.runId(), self.troubleReason()))
                .withSafety(new Summary.SafetyView(plan.profile().limits().maxRatePerSec(),
                        live.maxConcurrentRequests(), live.peakConcurrentRequests(), live.usersTurnedAwayAtCeiling(),
                        aborted == null ? null : "abortOnFail/" + aborted.ruleIndex() + " (" + aborted.rule() + ")",
                        aborted == null ? null : aborted.seen(), aborted == null ? null : aborted.atSecIntoRun()));
        if (degradationView != null) {
            summary = summary.withDegradation(degradationView);
        }
        if (baseline != null) {
            summary = summary.withBaseline(baseline);
        }
        SummaryWriter.write(folder, summary);
        if (measurements.steps() != null) {
            StepsFile.write(folder, MergedSteps.recorded(plan.profile().planning(), measurements.steps(),
                    live.capacity() == null ? null : live.capacity().stepRates()));
        }
        ThresholdsFile.write(folder, "the thresholds " + plan.profile().source() + " was judged by (merge and re-judge read them)",
                plan.shard() == null ? plan.profile().thresholds() : plan.shard().whole(plan.profile().thresholds()));
        SignOff signOff = judged.signOff();
        List<FigureTrend> trends = baseline == null ? List.of() : baseline.trends();
        SignOffWriters.writeAll(folder, signOff, SignOffPlots.of(measurements.byRequest(), folder.resolve(INTERVAL_LOG),
                capacityView, phase == null ? null : phase.timeline(), trends, plan.profile().thresholds()),
                trends.stream().map(FigureTrend::changeInWords).filter(java.util.Objects::nonNull).toList());
        ConsoleReport.print(out, summary, folder.toString());
        if (baseline != null) {
            out.println("against " + comparedWith(plan) + (baseline.historyRuns() == null ? "" : " (" + baseline.historyRuns()
                    + " good earlier run(s) of the profile in the history)") + ": " + baseline.changes().size() + " figures compared, "
                    + baseline.regressions().size() + " regression(s)"
                    + (baseline.notGatedYet().isEmpty() ? "" : ", " + baseline.notGatedYet().size() + " worse but not gated yet"
                    + " (a band needs " + BaselineComparison.MIN_RUNS_FOR_A_BAND + " good earlier runs)"));
            baseline.regressions().forEach(line -> out.println("  REGRESSION " + line));
            baseline.notGatedYet().forEach(line -> out.println("  worse, not gated yet " + line));
        }
        SignOffReport.print(out, signOff);
        if (plan.history() != null) {
            try {
                History.append(plan.history(), History.entryOf(summary, signOff.verdict(), folder, stepFigures(recorded)));
                out.println("STELLA harness: appended to the history " + plan.history());
            } catch (IOException | RuntimeException e) {
                out.println("STELLA harness: could not append to the history " + plan.history() + ": " + e.getMessage());
            }
        }
        return new RunFinisher(out, folder, log, summary, judged.exitCode());
    }

    /** A capacity search's percentiles at each planned step that held, for the history: later nights compare at them. */
    private static Map<String, Double> stepFigures(RecordedRun recorded) {
        Map<String, Double> figures = new LinkedHashMap<>();
        recorded.heldSteps().forEach((rate, windows) -> BaselineComparison.percentilesOf(windows, BaselineComparison.stepSuffix(rate))
                .forEach((figure, measured) -> figures.put(figure, measured.value())));
        return figures;
    }

    /** What the calls over real media carried, in words for the sign-off; empty for a run without them. */
    private static Map<String, String> heard(VoiceMetrics voice) {
        if (voice == null || voice.media().callsPlaced() == 0) {
            return Map.of();
        }
        MediaFigures media = voice.media();
        MediaFigures.Audio audio = media.audio();
        return Map.of("audio received", String.format("%d of %d calls went to their end; %.2f%% of packets lost, %.2f%% of samples"
                        + " concealed, worst jitter %.0f ms", media.callsCompleted(), media.callsPlaced(), audio.lostPercent(),
                audio.concealedPercent(), audio.worstJitterMillis()));
    }

    /** Why this injector's figures cannot be trusted: it fell behind, ran out of CPU, or its audio clock lagged; or null. */
    private static String troubleReason(InjectorHealth injector, VoiceMetrics voice) {
        String media = voice == null ? null : voice.media().troubleReason();
        String own = injector.troubled() ? injector.reason() : null;
        return own == null ? media : media == null ? own : own + "; " + media;
    }

    /** What this run was compared with, in words: "the baseline results/x and the history h.jsonl". */
    private static String comparedWith(RunPlan plan) {
        String baseline = plan.baseline() == null ? null : "the baseline " + plan.baseline();
        String history = plan.history() == null ? null : "the history " + plan.history();
        return baseline == null ? history : history == null ? baseline : baseline + " and " + history;
    }

    /** The comparison with the baseline and history, or what kept it from being made (both null when none was asked for). */
    private record Comparison(BaselineView view, String failure) {
    }

    /**
     * With {@code -Dbaseline} or {@code -Dhistory}: this run against them. Both were read before the load; a
     * comparison that fails now leaves the run without the evidence it asked for, which makes it
     * INCONCLUSIVE (never GO), saying why.
     */
    private static Comparison compare(RunPlan plan, RecordedRun recorded) {
        if (plan.baseline() == null && plan.history() == null) {
            return new Comparison(null, null);
        }
        try {
            return new Comparison(BaselineCheck.compare(plan.baseline(), recorded, plan.baselineTolerancePercent(), plan.history()), null);
        } catch (IOException | RuntimeException e) {
            return new Comparison(null, "the comparison with " + comparedWith(plan) + " could not be made (" + e.getMessage()
                    + "); no GO without it");
        }
    }

    /**
     * One line for results that could not be written: where, why (a full disk said in words), and
     * where the measurements still are, since Gatling's log is never touched by the harness.
     */
    static String writeFailure(Path resultsRoot, IOException e, Path simulationLog) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean diskFull = String.valueOf(e.getMessage()).contains("No space left on device");
        return "STELLA harness: could not write the results under " + resultsRoot + ": " + reason
                + (diskFull ? " (the disk is full: free some space, or point -D" + "harness.resultsRoot elsewhere)" : "")
                + (simulationLog == null ? "" : "; the measurements are kept in Gatling's log " + simulationLog);
    }

    /** The run's status as judged (PASS, FAIL, INCONCLUSIVE, ABORTED, INTERRUPTED), or null when nothing could be judged. */
    public String status() {
        return summary == null ? null : summary.status();
    }

    /** The code the JVM will exit with once {@link #afterGatlingReport()} has run. */
    ExitCode exitCode() {
        return exitCode;
    }

    /**
     * Runs after Gatling has written its report (from a shutdown hook): copies the report into the
     * results folder, adds Gatling's figures to summary.json, and makes the JVM exit with our code.
     */
    public void afterGatlingReport() {
        afterGatlingReport(() -> {
        });
    }

    /** As {@link #afterGatlingReport()}, running {@code beforeExit} (the live metrics' last scrapes) just before the JVM exits. */
    public void afterGatlingReport(Runnable beforeExit) {
        if (folder != null) {
            try {
                addGatlingReport();
            } catch (IOException | RuntimeException e) {
                out.println("STELLA harness: Gatling's report could not be added (" + e + "); our figures stand: "
                        + folder.resolve(SummaryWriter.FILE_NAME));
            }
        }
        if (summary != null) {
            summary.thresholds().stream().filter(verdict -> !"PASS".equals(verdict.status()))
                    .forEach(verdict -> out.println("  breach: " + verdict.threshold() + ": required " + verdict.required()
                            + ", actual " + verdict.actual() + (verdict.reason() == null ? "" : " (" + verdict.reason() + ")")));
        }
        out.println("STELLA harness: " + exitCode.meaning() + ", exit code " + exitCode.code()
                + (folder == null ? "" : "; results in " + folder));
        out.flush();
        beforeExit.run();
        if (exitCode != ExitCode.OK) {
            // halt, not exit: we are in a shutdown hook, and only halt can still set the status.
            Runtime.getRuntime().halt(exitCode.code());
        }
    }

    private void addGatlingReport() throws IOException {
        Path gatlingRun = simulationLog.getParent();
        Path index = gatlingRun.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            out.println("STELLA harness: Gatling wrote no report (" + index + " is missing); summary.json has our figures");
            return;
        }
        Path copy = folder.resolve(GATLING_REPORT_DIR);
        DirectoryCopy.copy(gatlingRun, copy);
        Map<String, GatlingFigures> gatling = GatlingReportReader.read(index);
        summary = summary.withGatling(withGatling(summary.requests(), gatling),
                new Summary.GatlingView(summary.gatling().version(), summary.gatling().runFolder(),
                        copy.resolve("index.html").toString(),
                        "Gatling's figures cover the whole run, warm-up included: compare them with wholeRun"));
        SummaryWriter.write(folder, summary);
        countMismatches(gatling).forEach(out::println);
        out.println("Gatling's report: " + copy.resolve("index.html"));
    }

    /** Lines naming every request whose whole-run count or error count differs from Gatling's. */
    List<String> countMismatches(Map<String, GatlingFigures> gatling) {
        return summary.requests().entrySet().stream()
                .filter(entry -> gatling.containsKey(entry.getKey()))
                .filter(entry -> entry.getValue().wholeRun().count() != gatling.get(entry.getKey()).count()
                        || entry.getValue().wholeRun().errors() != gatling.get(entry.getKey()).errors())
                .map(entry -> "STELLA harness: WARNING " + entry.getKey() + " counts differ from Gatling's: ours "
                        + entry.getValue().wholeRun().count() + " (" + entry.getValue().wholeRun().errors()
                        + " errors), Gatling's " + gatling.get(entry.getKey()).count() + " ("
                        + gatling.get(entry.getKey()).errors() + " errors)")
                .toList();
    }

    static Map<String, Summary.RequestFigures> withGatling(Map<String, Summary.RequestFigures> ours,
                                                           Map<String, GatlingFigures> gatling) {
        Map<String, Summary.RequestFigures> merged = new LinkedHashMap<>();
        ours.forEach((name, figures) -> merged.put(name, figures.withGatling(gatling.get(name))));
        return merged;
    }
}
