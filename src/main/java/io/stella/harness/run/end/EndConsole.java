package io.stella.harness.run.end;

import io.stella.harness.results.BaselineView;
import io.stella.harness.results.ConsoleReport;
import io.stella.harness.results.Summary;
import io.stella.harness.run.RunPlan;
import io.stella.harness.signoff.SignOff;
import io.stella.harness.signoff.SignOffReport;
import io.stella.harness.verdict.BaselineComparison;

import java.io.PrintStream;
import java.nio.file.Path;

/** What a run's end prints: the figures and verdicts, the comparison, the sign-off. */
final class EndConsole {

    private EndConsole() {
    }

    static void print(PrintStream out, RunPlan plan, Path folder, Summary summary, Comparison comparison, SignOff signOff) {
        ConsoleReport.print(out, summary, folder.toString());
        BaselineView baseline = comparison.view();
        if (baseline != null) {
            out.println("against " + Comparison.comparedWith(plan) + (baseline.historyRuns() == null ? "" : " (" + baseline.historyRuns()
                    + " good earlier run(s) of the profile in the history)") + ": " + baseline.changes().size() + " figures compared, "
                    + baseline.regressions().size() + " regression(s)"
                    + (baseline.notGatedYet().isEmpty() ? "" : ", " + baseline.notGatedYet().size() + " worse but not gated yet"
                    + " (a band needs " + BaselineComparison.MIN_RUNS_FOR_A_BAND + " good earlier runs)"));
            baseline.regressions().forEach(line -> out.println("  REGRESSION " + line));
            baseline.notGatedYet().forEach(line -> out.println("  worse, not gated yet " + line));
        }
        if (comparison.failure() != null) {
            out.println("STELLA harness: " + comparison.failure());
        }
        SignOffReport.print(out, signOff);
    }
}
