package io.stella.harness.run.end;

import io.stella.harness.judgement.RecordedRun;
import io.stella.harness.results.History;
import io.stella.harness.results.Summary;
import io.stella.harness.run.RunPlan;
import io.stella.harness.verdict.BaselineComparison;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Adds the run to {@code -Dhistory}: its figures, and a capacity search's at each planned step that held. */
final class HistoryLine {

    private HistoryLine() {
    }

    /**
     * The history was checked writable before the load; a write that fails now is said in one line and
     * loses nothing else (the run's own results are written first).
     */
    static void append(RunPlan plan, Path folder, Summary summary, String signOff, RecordedRun recorded, PrintStream out) {
        if (plan.history() == null) {
            return;
        }
        try {
            History.append(plan.history(), History.entryOf(summary, signOff, folder, stepFigures(recorded)));
            out.println("STELLA harness: appended to the history " + plan.history());
        } catch (IOException | RuntimeException e) {
            out.println("STELLA harness: could not append to the history " + plan.history() + ": " + e.getMessage());
        }
    }

    /** A capacity search's percentiles at each planned step that held: later nights compare at them. */
    private static Map<String, Double> stepFigures(RecordedRun recorded) {
        Map<String, Double> figures = new LinkedHashMap<>();
        recorded.heldSteps().forEach((rate, windows) -> BaselineComparison.percentilesOf(windows, BaselineComparison.stepSuffix(rate))
                .forEach((figure, measured) -> figures.put(figure, measured.value())));
        return figures;
    }
}
