package io.stella.harness.run.end;

import io.stella.harness.judgement.RunJudgement;
import io.stella.harness.results.Summary;
import io.stella.harness.run.RunPlan;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The end of a run, in one pass down: Gatling's log measured into histograms ({@link RunMeasuring}),
 * the facts found from them ({@link RunFacts}), the one judgement ({@link RunJudgement}, the same a
 * re-judge and a merge make), the writers ({@link RunResults}, the console, the history), the exit code.
 * Called on the run's own thread once the simulation has ended (its log is then whole), or, for a run
 * stopped by a signal before its end, on the thread that handles it. Never throws: a failure is one
 * line and a harness-error exit code, and Gatling's log, which the harness never touches, keeps the
 * measurements.
 */
public final class RunEnd {

    private static final long FD_WAIT_MILLIS = 15_000;
    private static final long FD_WAIT_REPORT_MILLIS = 200;

    private RunEnd() {
    }

    public static Ended finish(RunPlan plan, EndInputs inputs, PrintStream out) {
        try {
            return measureJudgeAndWrite(plan, inputs, out);
        } finally {
            if (inputs.voice() != null) {
                inputs.voice().discardSpool();
            }
        }
    }

    private static Ended measureJudgeAndWrite(RunPlan plan, EndInputs inputs, PrintStream out) {
        long waitedMillis = FileDescriptors.awaitOneFree(FD_WAIT_MILLIS);
        if (waitedMillis >= FD_WAIT_REPORT_MILLIS) {
            out.println("STELLA harness: waited " + waitedMillis + " ms for a free file descriptor (the run's sockets held them all)");
        }
        Path log = null;
        try {
            log = SimulationLogs.newestSince(plan.gatlingResultsDir(), plan.startedAt()).orElse(null);
            if (log == null) {
                out.println("STELLA harness: no simulation.log under " + plan.gatlingResultsDir() + " written since " + plan.startedAt()
                        + "; nothing was measured");
                return Ended.failed();
            }
            Measured measured = RunMeasuring.measure(plan, log, inputs.voice());
            RunFacts facts = RunFacts.of(plan, measured, inputs);
            RunJudgement.Outcome judged = RunJudgement.judge(facts.judgement(plan, measured, inputs));
            Summary summary = RunResults.write(plan, measured, facts, judged, inputs);
            EndConsole.print(out, plan, measured.folder(), summary, facts.comparison(), judged.signOff());
            HistoryLine.append(plan, measured.folder(), summary, judged.signOff().verdict(), facts.recorded(), out);
            return new Ended(measured.folder(), log, summary, judged.exitCode());
        } catch (IOException e) {
            out.println(writeFailure(plan.resultsRoot(), e, log));
            return Ended.failed();
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError is a broken harness build (a class missing at run time): still one line, exit 1.
            out.println("STELLA harness: could not finish the results: " + e);
            return Ended.failed();
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
                + (diskFull ? " (the disk is full: free some space, or point -Dharness.resultsRoot elsewhere)" : "")
                + (simulationLog == null ? "" : "; the measurements are kept in Gatling's log " + simulationLog);
    }
}
