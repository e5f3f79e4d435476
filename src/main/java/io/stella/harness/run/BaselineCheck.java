package io.stella.harness.run;

import io.stella.harness.results.BaselineView;
import io.stella.harness.verdict.BaselineComparison;

import java.io.IOException;
import java.nio.file.Path;
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

    public static BaselineView compare(Path baselineFolder, Path currentFolder, double tolerancePercent) throws IOException {
        RecordedRun before = RecordedRun.read(baselineFolder);
        RecordedRun now = RecordedRun.read(currentFolder);
        List<BaselineComparison.Change> changes = BaselineComparison.compare(before.windows(), now.windows(),
                before.errors(), now.errors(), before.knee(), now.knee(), tolerancePercent);
        List<String> regressions = changes.stream().filter(BaselineComparison.Change::regression)
                .map(change -> change.figure() + " " + change.baseline() + " -> " + change.current()
                        + (change.changePercent() == null ? "" : " (" + (change.changePercent() > 0 ? "+" : "") + change.changePercent() + "%)")
                        + ", " + change.note())
                .toList();
        return new BaselineView(baselineFolder.toString(), before.profile(), tolerancePercent, changes, regressions);
    }
}
