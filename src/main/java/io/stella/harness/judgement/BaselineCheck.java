package io.stella.harness.judgement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.ConfigException;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.results.BaselineView;
import io.stella.harness.results.History;
import io.stella.harness.results.SummaryWriter;
import io.stella.harness.signoff.SignOff;
import io.stella.harness.signoff.SignOffWriters;
import io.stella.harness.verdict.BaselineComparison;
import io.stella.harness.verdict.FigureTrend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares this run with an earlier one ({@code -Dbaseline=<folder>}) and with the good runs of a
 * history ({@code -Dhistory=<file>}), each results folder read back the same way ({@link RecordedRun}).
 */
public final class BaselineCheck {

    public static final double DEFAULT_TOLERANCE_PERCENT = 10;
    /** {@code -Dbaseline=latest}: the newest earlier good results folder of the profile under the results root. */
    public static final String LATEST = "latest";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineCheck() {
    }

    /**
     * Refuses, before any load, a baseline this run could not be compared with: not a results folder, or
     * one whose results cannot be read; names the setting, the file and why.
     */
    public static void validate(Path baselineFolder) {
        RecordedRun.requireResultsFolder("baseline", baselineFolder);
        try {
            RecordedRun.read(baselineFolder);
        } catch (IOException e) {
            throw new ConfigException("baseline: " + e.getMessage() + "; nothing was sent");
        }
    }

    /**
     * The newest good results folder of {@code profile} under {@code resultsRoot} (by the UTC stamp in its
     * name, {@code <profile>-<yyyyMMdd'T'HHmmss'Z'>}), if there is one: what a nightly run compares with. Good:
     * its sign-off read GO, or the history accepted it ({@code accepted}: folder names).
     * A regressed night is no baseline: the night after it would compare with the slowdown and read GO.
     */
    public static Optional<Path> latest(Path resultsRoot, String profile, Set<String> accepted) throws IOException {
        if (!Files.isDirectory(resultsRoot)) {
            return Optional.empty();
        }
        Pattern name = Pattern.compile(Pattern.quote(profile) + "-\\d{8}T\\d{6}Z(-(\\d+))?");
        try (Stream<Path> folders = Files.list(resultsRoot)) {
            return folders.filter(folder -> name.matcher(folder.getFileName().toString()).matches())
                    .filter(folder -> Files.isRegularFile(folder.resolve(SummaryWriter.FILE_NAME)))
                    .filter(folder -> wentGo(folder) || accepted.contains(folder.getFileName().toString()))
                    .max(Comparator.comparing((Path folder) -> folder.getFileName().toString().substring(profile.length() + 1, profile.length() + 17))
                            .thenComparingInt(folder -> suffix(name, folder)));
        }
    }

    private static boolean wentGo(Path folder) {
        try {
            return SignOff.GO.equals(JSON.readTree(folder.resolve(SignOffWriters.JSON).toFile()).path("verdict").asText());
        } catch (IOException e) {
            return false; // no sign-off, or one that cannot be read: no baseline to trust
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
     * the history): with the single baseline's rules when there is one, and with a history file, each
     * figure against the band its good earlier runs of the same profile span, where there are enough of
     * them; and the trends of the figures the sign-off draws (the knee, every P95, and any figure that
     * regressed or whose change is named), each regression saying the run its change began with.
     *
     * @param baselineFolder the earlier run, or null (a history alone, before any good run was kept)
     * @param history        the history file, or null
     */
    public static BaselineView compare(Path baselineFolder, RecordedRun now, double tolerancePercent, Path history) throws IOException {
        RecordedRun before = baselineFolder == null ? null : RecordedRun.read(baselineFolder);
        History.Contents contents = history == null ? null : History.read(history);
        Map<String, List<FigureTrend.Night>> nights = contents == null ? Map.of() : History.nights(contents, now.profile());
        Double referenceRate = ReferenceStep.choose(now, before, nights);
        Map<String, LatencyWindow> referenceNow = referenceRate == null ? Map.of() : now.heldSteps().get(referenceRate);
        List<BaselineComparison.Change> changes = before == null ? List.of() : BaselineComparison.compare(before.windows(),
                now.windows(), before.errors(), now.errors(), before.knee(), now.knee(), now.capacitySearch(),
                referenceRate == null ? null : new BaselineComparison.ReferenceStep(referenceRate, before.heldSteps().get(referenceRate),
                        referenceNow), tolerancePercent);
        Map<String, BaselineComparison.Measured> figures = BaselineComparison.figuresOf(now.windows(), now.errors(), now.knee(),
                now.kneeResolution(), now.capacitySearch(), referenceRate, referenceNow);
        if (contents != null) {
            changes = BaselineComparison.againstHistory(changes, figures, nights, tolerancePercent);
        }
        changes = BaselineComparison.withTheAggregateAttributed(changes);
        int level = nights.values().stream().flatMap(List::stream).mapToInt(FigureTrend.Night::level).max().orElse(0);
        List<FigureTrend> trends = nights.isEmpty() ? List.of() : trends(changes, nights, new Trended(
                Instant.ofEpochMilli(now.measuredFromEpochMillis()).toString(), level, figures), tolerancePercent);
        Map<String, String> begun = new HashMap<>();
        trends.stream().filter(trend -> trend.changeBegan() != null && trend.changeBegan() < trend.nights().size() - 1)
                .forEach(trend -> begun.put(trend.figure(), trend.nights().get(trend.changeBegan()).runStart()));
        List<String> regressions = changes.stream().filter(BaselineComparison.Change::regression)
                .map(change -> line(change) + (begun.containsKey(change.figure())
                        ? "; the change began with the run of " + begun.get(change.figure()) : ""))
                .toList();
        List<String> notGatedYet = changes.stream().filter(BaselineComparison.Change::notGatedYet).map(BaselineCheck::line).toList();
        return new BaselineView(baselineFolder == null ? null : baselineFolder.toString(), before == null ? null : before.profile(),
                tolerancePercent, changes, regressions, notGatedYet, history == null ? null : history.toString(),
                contents == null ? null : History.goodRuns(contents, now.profile()).size(), trends);
    }

    private static String line(BaselineComparison.Change change) {
        return change.figure() + " " + change.baseline() + " -> " + change.current()
                + (change.changePercent() == null ? "" : " (" + (change.changePercent() > 0 ? "+" : "") + change.changePercent() + "%)")
                + ", " + change.note();
    }

    /** This run as a trend's last night: its start, the level it is judged at, its figures. */
    private record Trended(String runStart, int level, Map<String, BaselineComparison.Measured> figures) {
    }

    private static List<FigureTrend> trends(List<BaselineComparison.Change> changes, Map<String, List<FigureTrend.Night>> nights,
                                            Trended now, double tolerancePercent) {
        List<FigureTrend> trends = new ArrayList<>();
        for (BaselineComparison.Change change : changes) {
            List<FigureTrend.Night> earlier = nights.getOrDefault(change.figure(), List.of());
            if (earlier.isEmpty()) {
                continue;
            }
            BaselineComparison.Measured measured = now.figures().get(change.figure());
            FigureTrend trend = FigureTrend.of(change.figure(), earlier, new FigureTrend.Night(now.runStart(), change.current(), now.level()),
                    change.regression(), tolerancePercent, measured == null ? 0 : measured.resolution());
            if (change.figure().equals(BaselineComparison.KNEE) || change.figure().endsWith(" P95 (ms)") || trend.regressed()
                    || trend.changeBegan() != null) {
                trends.add(trend);
            }
        }
        return trends;
    }
}
