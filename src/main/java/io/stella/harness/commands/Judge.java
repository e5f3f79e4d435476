package io.stella.harness.commands;

import io.stella.harness.judgement.CapacityItems;
import io.stella.harness.judgement.JudgedParts;
import io.stella.harness.judgement.MergedSteps;
import io.stella.harness.judgement.RecordedRun;
import io.stella.harness.judgement.RunJudgement;
import io.stella.harness.judgement.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Planning;
import io.stella.harness.config.ProfileLoader;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.IntervalLogMerge;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.MediaFigures;
import io.stella.harness.results.AtomicFiles;
import io.stella.harness.results.JudgedSummary;
import io.stella.harness.results.RunFolder;
import io.stella.harness.results.StepsFile;
import io.stella.harness.results.Summary;
import io.stella.harness.results.SummaryWriter;
import io.stella.harness.results.ThresholdsFile;
import io.stella.harness.results.WindowFigures;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;
import io.stella.harness.signoff.SignOffReport;
import io.stella.harness.signoff.SignOffWriters;
import io.stella.harness.verdict.CapacityPlan;
import io.stella.harness.verdict.CapacitySearch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges recorded results without sending a request: the injectors of a sharded run merged
 * ({@code results/<run id>/}, with {@code injectors/<index>/} inside), or any one results folder
 * again, against its own {@code thresholds.json} or a file given with {@code --thresholds}.
 * Histograms are merged tag by tag ({@code Histogram.add}: percentiles of the merge are those of one
 * histogram fed every sample), counts and failures by kind are summed, and the thresholds and the
 * sign-off are judged on the merged data. Exit codes as a run's: 0 GO, 99 NO-GO, 104 bad input, 1 I/O.
 * <pre>
 * mvn -q compile exec:java@judge -Dexec.args="results/nightly-42"
 * mvn -q compile exec:java@judge -Dexec.args="results/load-20261127T010203Z --thresholds stricter.json"
 * </pre>
 */
public final class Judge {

    static final String USAGE = "usage: judge <results folder> [--thresholds <file>] [--max-skew-sec <seconds>]";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Judge() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out).code());
    }

    public static ExitCode run(String[] args, PrintStream out) {
        try {
            Request request = Request.parse(args);
            return judge(request, out);
        } catch (ConfigException e) {
            e.problems().forEach(out::println);
            return ExitCode.INVALID_CONFIG;
        } catch (IOException | RuntimeException e) {
            // a results folder a judge cannot make sense of is one line, never a stack trace
            out.println("judge: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return ExitCode.HARNESS_ERROR;
        }
    }

    /**
     * What was asked: the folder, the thresholds file if another than the recorded one, and how far
     * apart the injectors' measured windows may begin.
     */
    record Request(Path folder, Path thresholds, long maxStartSkewMillis) {
        static Request parse(String[] args) {
            Path folder = null;
            Path thresholds = null;
            long maxSkewMillis = RunJudgement.DEFAULT_MAX_START_SKEW_MILLIS;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--thresholds") && i + 1 < args.length) {
                    thresholds = Path.of(args[++i]);
                } else if (args[i].equals("--max-skew-sec") && i + 1 < args.length) {
                    maxSkewMillis = Math.round(Numbers.parsePositive("judge: --max-skew-sec", args[++i]) * 1000);
                } else if (!args[i].startsWith("--") && folder == null) {
                    folder = Path.of(args[i]);
                } else {
                    throw new ConfigException("judge: unexpected argument " + args[i] + "; " + USAGE);
                }
            }
            if (folder == null) {
                throw new ConfigException("judge: no results folder given; " + USAGE);
            }
            if (!Files.isDirectory(folder)) {
                throw new ConfigException("judge: " + folder + " is no folder; " + USAGE);
            }
            if (thresholds != null && !Files.isRegularFile(thresholds)) {
                throw new ConfigException("judge: --thresholds " + thresholds + ": no such file");
            }
            return new Request(folder, thresholds, maxSkewMillis);
        }
    }

    private static ExitCode judge(Request request, PrintStream out) throws IOException {
        JudgedParts judgedParts = JudgedParts.of(request.folder());
        if (judgedParts.runs().isEmpty()) {
            judgedParts.missing().forEach(line -> out.println("  MISSING  " + line));
            out.println("STELLA judge: nothing to merge; " + JudgedParts.NEXT);
            out.println("STELLA judge: " + ExitCode.NO_GO.meaning() + ", exit code " + ExitCode.NO_GO.code() + "; nothing written");
            return ExitCode.NO_GO;
        }
        Merge merge = Merge.of(request, judgedParts);
        RunJudgement.Outcome judged = RunJudgement.judge(facts(request, merge));
        Path target = outputFolder(request.folder(), merge.parts());
        writeResults(target, merge, judged);
        printResults(out, merge, judged, !judgedParts.missing().isEmpty());
        ExitCode code = judged.exitCode();
        out.println("STELLA judge: " + code.meaning() + ", exit code " + code.code() + "; results in " + target);
        return code;
    }

    /**
     * The runs read and merged: their folders, each request's merged window, the thresholds (and the file
     * they came from), the longest measured window, a capacity search on the merged steps, and what is missing.
     */
    private record Merge(List<RecordedRun> runs, List<Path> parts, Map<String, LatencyWindow> merged, Path thresholdsFile,
                         List<Threshold> thresholds, int judgedSec, CapacitySearch.Result search, List<String> missing) {

        static Merge of(Request request, JudgedParts judgedParts) throws IOException {
            List<RecordedRun> runs = judgedParts.runs();
            List<Path> parts = runs.stream().map(RecordedRun::folder).toList();
            Map<String, LatencyWindow> merged = merge(runs);
            Path thresholdsFile = request.thresholds() != null ? request.thresholds() : parts.get(0).resolve(ThresholdsFile.FILE_NAME);
            if (!Files.isRegularFile(thresholdsFile)) {
                throw new ConfigException("judge: " + parts.get(0) + " has no " + ThresholdsFile.FILE_NAME
                        + " (results from before it was written): pass --thresholds <file>");
            }
            Set<String> requests = new TreeSet<>(merged.keySet());
            requests.remove(Threshold.ALL_REQUESTS);
            List<Threshold> thresholds = ProfileLoader.loadThresholds(thresholdsFile, runs.get(0).simulation(), requests);
            List<String> missing = new ArrayList<>(judgedParts.missing());
            CapacitySearch.Result search = capacitySearch(parts, thresholds, missing);
            return new Merge(runs, parts, merged, thresholdsFile, thresholds,
                    runs.stream().mapToInt(RecordedRun::measuredSec).max().orElse(1), search, missing);
        }

        RecordedRun first() {
            return runs.get(0);
        }
    }

    /** The facts of the merge, for the one judgement a run's end makes too. */
    private static RunJudgement.Facts facts(Request request, Merge merge) throws IOException {
        RecordedRun first = merge.first();
        boolean injectorZero = first.injector() == null || first.injector().index() == null || first.injector().index() == 0;
        return RunJudgement.facts()
                .run(first.simulation(), first.profile(), "recorded results " + request.folder())
                .thresholds(merge.thresholds())
                .measured(merge.merged()::get, merge.judgedSec(), !merge.merged().isEmpty())
                .injectors(merge.runs().stream().map(RecordedRun::injector).toList())
                .capacity(capacityOutcome(merge))
                .probed(injectorZero ? probedItems(merge.parts().get(0)) : List.of())
                .missingEvidence(merge.missing())
                .maxStartSkewMillis(request.maxStartSkewMillis())
                .faults(agentFaults(merge.parts()).vetoes())
                .build();
    }

    /** The agent-pool faults the parts' calls met, as each part's summary.json counted them: a merge vetoes as a run does. */
    private static MediaFigures.AgentFaults agentFaults(List<Path> parts) throws IOException {
        MediaFigures.AgentFaults sum = new MediaFigures.AgentFaults(0, 0, 0, 0, 0);
        for (Path part : parts) {
            JsonNode faults = JSON.readTree(part.resolve(SummaryWriter.FILE_NAME).toFile()).path("media").path("agentFaults");
            sum = sum.plus(new MediaFigures.AgentFaults(faults.path("callsAgentLeft").asLong(), faults.path("callsSurvived").asLong(),
                    faults.path("agentsReplaced").asLong(), faults.path("agentsNotReplaced").asLong(),
                    faults.path("callsWithTwoAgents").asLong()));
        }
        return sum;
    }

    private static RunJudgement.CapacityOutcome capacityOutcome(Merge merge) throws IOException {
        CapacitySearch.Result search = merge.search();
        if (search == null) {
            return null;
        }
        Planning planning = StepsFile.read(merge.parts().get(0)).planning();
        CapacityPlan plan = search.knee() != null && planning != null ? CapacityPlan.of(search.knee().ratePerSec(), null, planning) : null;
        return new RunJudgement.CapacityOutcome((search.knee() != null ? search.knee() : search.firstFailing()).verdicts(),
                CapacityItems.of(search, plan, merge.first().profile(), false, null, null, null));
    }

    /** The judgement's folder: its latency.hlog, summary.json, thresholds.json and sign-off. */
    private static void writeResults(Path target, Merge merge, RunJudgement.Outcome judged) throws IOException {
        List<RecordedRun> runs = merge.runs();
        long from = runs.stream().mapToLong(RecordedRun::measuredFromEpochMillis).min().orElse(0);
        long until = runs.stream().mapToLong(run -> run.measuredFromEpochMillis() + run.measuredSec() * 1000L).max().orElse(from);
        writeMergedIntervals(runs, target, merge.parts());
        Map<String, JudgedSummary.Figures> figures = new LinkedHashMap<>();
        merge.merged().forEach((name, window) -> figures.put(name, new JudgedSummary.Figures(WindowFigures.of(window, merge.judgedSec()))));
        JudgedSummary summary = new JudgedSummary(judged.status(), merge.first().simulation(),
                new JudgedSummary.ProfileName(merge.first().profile()), merge.parts().stream().map(Path::toString).toList(),
                merge.thresholdsFile().toString(),
                new JudgedSummary.Window(Instant.ofEpochMilli(from).toString(), (int) Math.ceil((until - from) / 1000.0), merge.judgedSec()),
                figures, judged.verdicts().stream().map(verdict -> Summary.VerdictView.of(verdict, null)).toList(),
                capacityView(merge.search()), Instant.now().toString());
        AtomicFiles.write(target.resolve(SummaryWriter.FILE_NAME), JSON.writeValueAsBytes(summary));
        ThresholdsFile.write(target, "the thresholds this judgement used, from " + merge.thresholdsFile(), merge.thresholds());
        SignOffWriters.writeAll(target, judged.signOff());
    }

    private static void printResults(PrintStream out, Merge merge, RunJudgement.Outcome judged, boolean injectorsMissing) {
        out.println("STELLA judge: " + (merge.parts().size() > 1 || injectorsMissing ? merge.parts().size() + " injector(s) merged"
                : "one results folder") + ", thresholds from " + merge.thresholdsFile() + "; no request was sent");
        merge.merged().forEach((name, window) -> out.println(String.format("  %-16s count %8d  errors %6d  p50 %9s  p95 %9s  p99 %9s",
                name, window.count(), window.errorCount(), ms(window, 50), ms(window, 95), ms(window, 99))));
        judged.verdicts().forEach(verdict -> out.println("  " + verdict.status() + "  " + verdict.threshold().describe() + ": actual "
                + verdict.actual() + (verdict.reason() == null ? "" : " (" + verdict.reason() + ")")));
        CapacitySearch.Result search = merge.search();
        if (search != null) {
            out.println("  capacity, found on the merged steps: " + search.finding()
                    + (search.knee() == null ? "" : ", knee " + Numbers.plain(search.knee().ratePerSec()) + "/s")
                    + (search.firstFailing() == null ? "" : ", broke at " + Numbers.plain(search.firstFailing().ratePerSec()) + "/s"));
        }
        judged.vetoes().forEach(veto -> out.println("  VETO  " + veto));
        if (injectorsMissing) {
            out.println("  next: " + JudgedParts.NEXT);
        }
        SignOffReport.print(out, judged.signOff());
    }

    /**
     * A capacity search judged on the steps every part recorded, merged; null when any part recorded
     * none (a run that was no capacity search, or results from before steps.json), and when the parts
     * share no step (said in {@code missing}: no knee can be found on the merge).
     */
    private static CapacitySearch.Result capacitySearch(List<Path> parts, List<Threshold> thresholds, List<String> missing)
            throws IOException {
        List<StepsFile.Document> steps = new ArrayList<>();
        for (Path part : parts) {
            StepsFile.Document document = StepsFile.read(part);
            if (document == null) {
                return null;
            }
            steps.add(document);
        }
        CapacitySearch.Result search = MergedSteps.search(steps, thresholds);
        if (search == null) {
            missing.add("no capacity step was run by every injector merged: no knee can be found on the merge");
        }
        return search;
    }

    /** latency.hlog of the merge, written whole or not at all (no half-written temporary file is left behind). */
    private static void writeMergedIntervals(List<RecordedRun> runs, Path target, List<Path> parts) throws IOException {
        Path intervalLog = AtomicFiles.temporary(target.resolve(RunFolder.INTERVAL_LOG));
        try {
            try (OutputStream hlog = new BufferedOutputStream(Files.newOutputStream(intervalLog))) {
                IntervalLogMerge.write(runs.stream().map(run -> run.folder().resolve(RunFolder.INTERVAL_LOG)).toList(),
                        hlog, "judged from " + parts);
            }
            AtomicFiles.publish(intervalLog, target.resolve(RunFolder.INTERVAL_LOG));
        } finally {
            Files.deleteIfExists(intervalLog);
        }
    }

    private static JudgedSummary.Capacity capacityView(CapacitySearch.Result search) {
        if (search == null) {
            return null;
        }
        return new JudgedSummary.Capacity(search.finding().name(), search.knee() == null ? null : search.knee().ratePerSec(),
                search.firstFailing() == null ? null : search.firstFailing().ratePerSec(),
                search.steps().stream().map(step -> new JudgedSummary.Step(step.step(), step.ratePerSec(),
                        Numbers.toThousandth(step.requestsPerSec()), step.held())).toList());
    }

    /** Each request's merged window: latencies added interval by interval, failures summed by kind. */
    static Map<String, LatencyWindow> merge(List<RecordedRun> runs) {
        Map<String, LatencyWindow> merged = new TreeMap<>();
        for (RecordedRun run : runs) {
            run.windows().forEach((name, window) -> {
                LatencyWindow into = merged.computeIfAbsent(name, n -> new LatencyWindow(window.sampleResolutionMicros()));
                into.addLatencies(window.latencyMicros());
                for (Map.Entry<ErrorKind, Long> kind : window.errorsByKind().entrySet()) {
                    into.addErrors(kind.getKey(), kind.getValue());
                }
            });
        }
        return merged;
    }

    /**
     * Where the judgement goes: the first merge of a sharded run into the run's folder (it becomes a
     * results folder like any other); every other judgement into a new {@code judged-<UTC>} folder
     * inside, so that nothing recorded is overwritten.
     */
    private static Path outputFolder(Path folder, List<Path> parts) throws IOException {
        if (parts.size() > 1 || !parts.get(0).equals(folder)) {
            if (!Files.exists(folder.resolve(SummaryWriter.FILE_NAME))) {
                return folder;
            }
        }
        String base = "judged-" + STAMP.format(Instant.now());
        for (int attempt = 1; ; attempt++) {
            Path candidate = folder.resolve(attempt == 1 ? base : base + "-" + attempt);
            if (!Files.exists(candidate)) {
                return Files.createDirectory(candidate);
            }
        }
    }

    /** The items injector 0's probes gave evidence for (only it runs them); none for a folder without a sign-off. */
    private static List<ItemResult> probedItems(Path part) throws IOException {
        Path signOff = part.resolve(SignOffWriters.JSON);
        if (!Files.isRegularFile(signOff)) {
            return List.of();
        }
        List<ItemResult> items = new ArrayList<>();
        for (var item : JSON.readTree(signOff.toFile()).path("items")) {
            ItemResult result = JSON.treeToValue(item, ItemResult.class);
            if (result.status() != ItemStatus.NOT_RUN && result.item() != ChecklistItem.RESPONSE_TIME_TARGETS
                    && result.item() != ChecklistItem.LOAD_TEST_RESULTS_ACCEPTABLE
                    && result.item() != ChecklistItem.LOAD_TESTING_COMPLETED && result.item() != ChecklistItem.CAPACITY_PLANNING
                    && result.item() != ChecklistItem.GRACEFUL_DEGRADATION) {
                items.add(result);
            }
        }
        return items;
    }

    private static String ms(LatencyWindow window, double percentile) {
        return window.count() == 0 ? "-" : Numbers.plain(Numbers.toThousandth(window.percentileMillis(percentile))) + " ms";
    }
}
