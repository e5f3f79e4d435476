package io.stella.harness.run;

import io.stella.harness.results.BaselineView;
import io.stella.harness.results.History;
import io.stella.harness.results.SummaryWriter;
import io.stella.harness.verdict.BaselineComparison;
import io.stella.harness.verdict.FigureTrend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.List;

/**
 * Compares two results folders ({@code -Dbaseline=<folder>} against this run's), each read back the
 * same way ({@link RecordedRun}).
 */
public final class BaselineCheck {

    public static final double DEFAULT_TOLERANCE_PERCENT = 10;

    private BaselineCheck() {
    }

    /** Refuses, before any load, a baseline that is not a results folder; names the setting and the path. */
    public static void validate(Path baselineFolder) {
        RecordedRun.requireResultsFolder("baseline", baselineFolder);
    }

    /** {@code -Dbaseline=latest}: the newest earlier results folder of the profile under the results root. */
    public static final String LATEST = "latest";

    /**
     * The newest results folder of {@code profile} under {@code resultsRoot} (by the UTC stamp in its
     * name, {@code <profile>-<yyyyMMdd'T'HHmmss'Z'>}), if there is one: what a nightly run compares with.
     */
    public static Optional<Path> latest(Path resultsRoot, String profile) throws IOException {
        if (!Files.isDirectory(resultsRoot)) {
            return Optional.empty();
        }
        Pattern name = Pattern.compile(Pattern.quote(profile) + "-\\d{8}T\\d{6}Z(-(\\d+))?");
        try (Stream<Path> folders = Files.list(resultsRoot)) {
            return folders.filter(folder -> name.matcher(folder.getFileName().toString()).matches())
                    .filter(folder -> Files.isRegularFile(folder.resolve(SummaryWriter.FILE_NAME)))
                    .max(Comparator.comparing((Path folder) -> folder.getFileName().toString().substring(profile.length() + 1, profile.length() + 17))
                            .thenComparingInt(folder -> suffix(name, folder)));
        }
    }

    private static int suffix(Pattern name, Path folder) {
        Matcher matcher = name.matcher(folder.getFileName().toString());
        return matcher.matches() && matcher.group(2) != null ? Integer.parseInt(matcher.group(2)) : 1;
    }

    public static BaselineView compare(Path baselineFolder, Path currentFolder, double tolerancePercent) throws IOException {
        return compare(baselineFolder, RecordedRun.read(currentFolder), tolerancePercent, null);
    }

    /**
     * Compares with this run as measured, before its results are written (and before it is added to
     * the history): with a history file, each figure against the band its earlier runs of the same
     * profile span, where there are enough of them, and the trends of the figures the sign-off draws
     * (the knee, every P95, and any figure that regressed or whose change is named), each regression
     * saying the run its change began with.
     */
    public static BaselineView compare(Path baselineFolder, RecordedRun now, double tolerancePercent, Path history) throws IOException {
        RecordedRun before = RecordedRun.read(baselineFolder);
        List<BaselineComparison.Change> changes = BaselineComparison.compare(before.windows(), now.windows(),
                before.errors(), now.errors(), before.knee(), now.knee(), tolerancePercent);
        List<History.Entry> earlier = history == null ? List.of() : History.read(history).stream()
                .filter(run -> run.profile().equals(before.profile())).toList();
        if (history != null) {
            changes = BaselineComparison.againstHistory(changes, History.figures(earlier), tolerancePercent);
        }
        changes = BaselineComparison.withTheAggregateAttributed(changes);
        List<FigureTrend> trends = earlier.isEmpty() ? List.of() : trends(changes, History.nights(earlier),
                Instant.ofEpochMilli(now.measuredFromEpochMillis()).toString(), tolerancePercent);
        Map<String, String> begun = new HashMap<>();
        trends.stream().filter(trend -> trend.changeBegan() != null && trend.changeBegan() < trend.nights().size() - 1)
                .forEach(trend -> begun.put(trend.figure(), trend.nights().get(trend.changeBegan()).runStart()));
        List<String> regressions = changes.stream().filter(BaselineComparison.Change::regression)
                .map(change -> line(change) + (begun.containsKey(change.figure())
                        ? "; the change began with the run of " + begun.get(change.figure()) : ""))
                .toList();
        List<String> notGatedYet = changes.stream().filter(BaselineComparison.Change::notGatedYet).map(BaselineCheck::line).toList();
        return new BaselineView(baselineFolder.toString(), before.profile(), tolerancePercent, changes, regressions,
                notGatedYet, history == null ? null : history.toString(), history == null ? null : earlier.size(), trends);
    }

    private static String line(BaselineComparison.Change change) {
        return change.figure() + " " + change.baseline() + " -> " + change.current()
                + (change.changePercent() == null ? "" : " (" + (change.changePercent() > 0 ? "+" : "") + change.changePercent() + "%)")
                + ", " + change.note();
    }

    private static List<FigureTrend> trends(List<BaselineComparison.Change> changes, Map<String, List<FigureTrend.Night>> nights,
                                            String runStart, double tolerancePercent) {
        List<FigureTrend> trends = new ArrayList<>();
        for (BaselineComparison.Change change : changes) {
            List<FigureTrend.Night> earlier = nights.getOrDefault(change.figure(), List.of());
            if (earlier.isEmpty()) {
                continue;
            }
            FigureTrend trend = FigureTrend.of(change.figure(), earlier, new FigureTrend.Night(runStart, change.current()),
                    change.regression(), tolerancePercent);
            if (change.figure().equals(BaselineComparison.KNEE) || change.figure().endsWith(" P95 (ms)") || trend.regressed()
                    || trend.changeBegan() != null) {
                trends.add(trend);
            }
        }
        return trends;
    }
}
