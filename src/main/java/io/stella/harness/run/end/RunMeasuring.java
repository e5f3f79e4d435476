package io.stella.harness.run.end;

import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Profile;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.DegradationMeasurements;
import io.stella.harness.latency.GatlingLogListener;
import io.stella.harness.latency.GatlingLogReader;
import io.stella.harness.latency.IntervalLogMerge;
import io.stella.harness.latency.IntervalLogRecorder;
import io.stella.harness.latency.RunMeasurements;
import io.stella.harness.latency.StepMeasurements;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.results.AtomicFiles;
import io.stella.harness.results.RunFolder;
import io.stella.harness.run.RunPlan;
import io.stella.harness.verdict.WindowedCompliance;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The first step of a run's end: Gatling's log read into HdrHistograms (whole run, measured window,
 * capacity steps, windowed compliance, a degradation phase's timeline), streamed as it is read into the
 * run's {@code latency.hlog}, with the voice metrics' own intervals merged in: the interval log holds
 * every figure the verdicts read.
 */
final class RunMeasuring {

    private RunMeasuring() {
    }

    /** The run as measured from {@code simulationLog}; its folder then holds latency.hlog. */
    static Measured measure(RunPlan plan, Path simulationLog, VoiceMetrics voice) throws IOException {
        Path folder = plan.resultsFolder();
        Path intervalLog = AtomicFiles.temporary(folder.resolve(RunFolder.INTERVAL_LOG));
        Readers readers;
        GatlingLogReader.Outcome outcome;
        // Streamed beside its name and renamed whole once complete, like every other result file.
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(intervalLog));
             IntervalLogRecorder intervals = new IntervalLogRecorder(file, plan.startedAt().toEpochMilli(), header(plan))) {
            readers = Readers.of(plan.profile(), intervals);
            outcome = GatlingLogReader.read(simulationLog, readers.listener());
        }
        Path voiceIntervals = voice == null ? null : voice.closeSpool();
        if (voiceIntervals != null) {
            Path merged = AtomicFiles.temporary(folder.resolve("latency-with-voice.hlog"));
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(merged))) {
                IntervalLogMerge.write(List.of(intervalLog, voiceIntervals), file, header(plan));
            }
            Files.move(merged, intervalLog, StandardCopyOption.REPLACE_EXISTING);
        }
        AtomicFiles.publish(intervalLog, folder.resolve(RunFolder.INTERVAL_LOG));
        return new Measured(simulationLog, folder, readers.measurements(),
                readers.compliance() == null ? List.of() : readers.compliance().tallies(), readers.phase(), outcome);
    }

    private static String header(RunPlan plan) {
        return plan.simulation() + " profile " + plan.profile().name();
    }

    /** What reads the log: the measurements always, windowed compliance for a steady load, a degradation phase's timeline. */
    private record Readers(RunMeasurements measurements, WindowedCompliance compliance, DegradationMeasurements phase) {

        static Readers of(Profile profile, IntervalLogRecorder intervals) {
            LoadShape load = profile.load();
            long warmUpMillis = load.warmUpSec() * 1000L;
            RunMeasurements measurements = new RunMeasurements(warmUpMillis, intervals,
                    load.capacitySearch() ? new StepMeasurements(load.stairs(), warmUpMillis) : null);
            WindowedCompliance compliance = load.capacitySearch() ? null : new WindowedCompliance(profile.thresholds(),
                    (load.warmUpSec() + load.rampUpSec()) * 1000L, load.totalSec() * 1000L, profile.requestTimeoutMillis());
            DegradationMeasurements phase = load.degradation() == null ? null : new DegradationMeasurements(load.degradation(),
                    load.overloadStartSec(), profile.thresholds().stream().map(Threshold::request).collect(Collectors.toSet()));
            return new Readers(measurements, compliance, phase);
        }

        GatlingLogListener listener() {
            GatlingLogListener listener = compliance == null ? measurements : GatlingLogListener.both(measurements, compliance);
            return phase == null ? listener : GatlingLogListener.both(listener, phase);
        }
    }
}
