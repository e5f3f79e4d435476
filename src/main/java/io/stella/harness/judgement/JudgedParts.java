package io.stella.harness.judgement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.ConfigException;
import io.stella.harness.results.RunFolder;
import io.stella.harness.results.SummaryWriter;
import io.stella.harness.results.ThresholdsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a judgement reads: one results folder, or every injector 0..N-1 of a sharded run. Each injector
 * writes, before its load, which run and share it is ({@link RunFolder.InjectorPlan}); one that dies,
 * is refused, or never starts is therefore either a folder without results or no folder at all, and
 * the merge names it rather than judge the others as if they were the run: a fraction of the planned
 * load can hold every threshold. An injector of another run (another run id, profile, count or
 * thresholds), and results that cannot be read, are named the same way.
 *
 * @param runs    the results read, by index for a sharded run
 * @param missing what should be there and is not, one line each (empty when the parts are whole)
 */
public record JudgedParts(List<RecordedRun> runs, List<String> missing) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an operator does when an injector is missing: said once, after the lines naming it. */
    public static final String NEXT = "the merge describes only part of the planned load, and the run's window is gone (a shard run"
            + " again now would meet another load): run the whole run again under a new run id";

    public JudgedParts {
        runs = List.copyOf(runs);
        missing = List.copyOf(missing);
    }

    public static JudgedParts of(Path folder) throws IOException {
        Path injectors = folder.resolve(RunFolder.INJECTORS);
        return Files.isDirectory(injectors) ? sharded(folder, injectors) : alone(folder);
    }

    /** One results folder; an injector of a sharded run judged alone is named as such. */
    private static JudgedParts alone(Path folder) {
        RecordedRun.requireResultsFolder("judge", folder);
        try {
            RecordedRun run = RecordedRun.read(folder);
            Identity identity = Identity.ofSummary(folder);
            List<String> missing = identity.count() != null && identity.count() > 1
                    ? List.of("injector " + identity.index() + " of " + identity.count() + " judged alone: the other injectors'"
                    + " share of the load is not in these figures (judge the run's folder to merge them)") : List.of();
            return new JudgedParts(List.of(run), missing);
        } catch (IOException e) {
            throw new ConfigException("judge: " + e.getMessage());
        }
    }

    private static JudgedParts sharded(Path folder, Path injectors) throws IOException {
        Map<Integer, Path> byIndex = new TreeMap<>();
        try (Stream<Path> children = Files.list(injectors)) {
            children.filter(Files::isDirectory).filter(path -> path.getFileName().toString().matches("\\d{1,4}"))
                    .forEach(path -> byIndex.put(Integer.parseInt(path.getFileName().toString()), path));
        }
        if (byIndex.isEmpty()) {
            throw new ConfigException("judge: " + injectors + " holds no injector's folder");
        }
        List<String> missing = new ArrayList<>();
        Map<Integer, Identity> identities = new TreeMap<>();
        byIndex.forEach((index, path) -> identities.put(index, Identity.of(path, index)));
        int count = expectedCount(identities, byIndex.size(), missing);
        String runId = folder.getFileName().toString();
        Identity reference = identities.values().stream().filter(identity -> identity.profile() != null).findFirst().orElse(null);
        JsonNode thresholds = null;
        int thresholdsOf = -1;
        List<RecordedRun> runs = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String name = "injector " + index + " of " + count;
            Path part = byIndex.get(index);
            String problem = part == null ? name + " left no results: it never made its folder (never started, or started"
                    + " with another results root)" : whyNoResults(part, name);
            if (problem == null) {
                problem = otherRun(identities.get(index), name, runId, reference, count);
            }
            if (problem == null) {
                JsonNode own = thresholdsOf(part);
                if (thresholds == null) {
                    thresholds = own;
                    thresholdsOf = index;
                }
                problem = own.equals(thresholds) ? null : name + " was judged by other thresholds than injector "
                        + thresholdsOf + " (its " + ThresholdsFile.FILE_NAME + " differs)";
            }
            if (problem == null) {
                try {
                    runs.add(RecordedRun.read(part));
                } catch (IOException e) {
                    problem = name + ": its results cannot be read (" + e.getMessage() + ")";
                }
            }
            if (problem != null) {
                missing.add(problem);
            }
        }
        byIndex.keySet().stream().filter(index -> index >= count).forEach(index -> missing.add("injector " + index
                + " is not one of the run's " + count + " injectors"));
        return new JudgedParts(runs, missing);
    }

    /** Why a planned injector's folder holds no results to merge, or null when it does. */
    private static String whyNoResults(Path part, String name) throws IOException {
        Path refused = part.resolve(RunFolder.REFUSED);
        if (Files.isRegularFile(refused)) {
            List<String> lines = Files.readAllLines(refused);
            return name + " was refused before any load" + (lines.isEmpty() ? "" : ": " + lines.get(0));
        }
        if (!Files.isRegularFile(part.resolve(SummaryWriter.FILE_NAME)) || !Files.isRegularFile(part.resolve(RunFolder.INTERVAL_LOG))) {
            return name + " left no results: its folder " + part + " holds no " + SummaryWriter.FILE_NAME
                    + " (killed, or stopped before it could write them)";
        }
        return null;
    }

    /** Why an injector belongs to another run than the folder's, or null. */
    private static String otherRun(Identity identity, String name, String runId, Identity reference, int count) {
        if (identity.runId() != null && !identity.runId().equals(runId)) {
            return name + " belongs to another run: run id " + identity.runId() + ", not " + runId;
        }
        if (reference != null && identity.profile() != null && !identity.profile().equals(reference.profile())) {
            return name + " ran another profile: " + identity.profile() + ", not " + reference.profile();
        }
        if (identity.count() != null && identity.count() != count) {
            return name + " was one of " + identity.count() + " injectors, not of " + count;
        }
        return null;
    }

    /** The count the injectors say they were planned with; when they disagree, the largest, and a line saying so. */
    private static int expectedCount(Map<Integer, Identity> identities, int folders, List<String> missing) {
        TreeSet<Integer> counts = new TreeSet<>();
        identities.values().stream().map(Identity::count).filter(java.util.Objects::nonNull).forEach(counts::add);
        if (counts.size() > 1) {
            missing.add("the injectors disagree on how many the run had: " + counts);
        }
        return counts.isEmpty() ? folders : counts.last();
    }

    private static JsonNode thresholdsOf(Path part) throws IOException {
        Path file = part.resolve(ThresholdsFile.FILE_NAME);
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()).path("thresholds") : JSON.missingNode();
    }

    /** Which run, profile and share an injector says it is (fields null where it says nothing). */
    private record Identity(String runId, String profile, Integer index, Integer count) {

        /**
         * From the plan it wrote before its load, else from its summary; nothing when neither can be read (its
         * results are then named as unreadable when they are read).
         */
        static Identity of(Path part, int index) {
            try {
                RunFolder.InjectorPlan plan = RunFolder.readPlan(part);
                if (plan != null) {
                    return new Identity(plan.runId(), plan.profile(), plan.shardIndex(), plan.shardCount());
                }
            } catch (IOException e) {
                // an unreadable plan: the summary says the same, where there is one
            }
            try {
                return Files.isRegularFile(part.resolve(SummaryWriter.FILE_NAME)) ? ofSummary(part) : new Identity(null, null, index, null);
            } catch (IOException e) {
                return new Identity(null, null, index, null);
            }
        }

        static Identity ofSummary(Path folder) throws IOException {
            JsonNode summary = JSON.readTree(folder.resolve(SummaryWriter.FILE_NAME).toFile());
            JsonNode injector = summary.path("injector");
            return new Identity(injector.path("runId").isTextual() ? injector.path("runId").asText() : null,
                    summary.path("profile").path("name").isTextual() ? summary.path("profile").path("name").asText() : null,
                    injector.path("shardIndex").isInt() ? injector.path("shardIndex").asInt() : null,
                    injector.path("shardCount").isInt() ? injector.path("shardCount").asInt() : null);
        }
    }
}
