package io.stella.harness.run.end;

import io.stella.harness.judgement.ExitCode;
import io.stella.harness.results.Summary;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A run's end, once judged and written: its folder and Gatling's log (null when nothing could be
 * measured), what summary.json holds, and the code the JVM exits with.
 */
public record Ended(Path folder, Path simulationLog, Summary summary, ExitCode exitCode) {

    static Ended failed() {
        return new Ended(null, null, null, ExitCode.HARNESS_ERROR);
    }

    /** The run's status as judged (PASS, FAIL, INCONCLUSIVE, ABORTED, INTERRUPTED), or null when nothing could be judged. */
    public String status() {
        return summary == null ? null : summary.status();
    }

    /**
     * The last lines a run prints: every threshold that did not pass, under its status (FAIL: the limit
     * was missed; INCONCLUSIVE: the samples could not show it was met), and the exit code with where
     * the results are.
     */
    public void printLastLines(PrintStream out) {
        if (summary != null) {
            summary.thresholds().stream().filter(verdict -> !"PASS".equals(verdict.status()))
                    .forEach(verdict -> out.println("  " + verdict.status() + ": " + verdict.threshold() + ": required " + verdict.required()
                            + ", actual " + verdict.actual() + (verdict.reason() == null ? "" : " (" + verdict.reason() + ")")));
        }
        out.println("STELLA harness: " + exitCode.meaning() + ", exit code " + exitCode.code()
                + (folder == null ? "" : "; results in " + folder));
        out.flush();
    }
}
