package io.stella.harness.results;

import java.io.PrintStream;
import java.util.Map;

/** The short report at the end of a run: figures per request, each verdict, where the files are. */
public final class ConsoleReport {

    private ConsoleReport() {
    }

    public static void print(PrintStream out, Summary summary, String folder) {
        out.println();
        out.println("=== STELLA harness: " + summary.simulation() + ", profile " + summary.profile().name()
                + " (measured window: " + summary.window().measuredSec() + " s after "
                + summary.window().warmUpSec() + " s warm-up; HdrHistogram, ms) ===");
        out.printf("%-16s %8s %7s %9s %9s %9s %9s %9s%n", "request", "count", "errors", "p50", "p95", "p99", "max", "req/s");
        for (Map.Entry<String, Summary.RequestFigures> entry : summary.requests().entrySet()) {
            WindowFigures figures = entry.getValue().measured();
            Map<String, Double> p = figures.percentilesMillis();
            out.printf("%-16s %8d %7d %9s %9s %9s %9s %9s%n", entry.getKey(), figures.count(), figures.errors(),
                    text(p.get("p50")), text(p.get("p95")), text(p.get("p99")), text(figures.maxMillis()),
                    text(figures.throughputPerSec()));
        }
        out.println();
        for (Summary.VerdictView verdict : summary.thresholds()) {
            String line = verdict.status() + "  " + verdict.threshold() + ": required " + verdict.required()
                    + ", actual " + verdict.actual();
            out.println(verdict.reason() == null ? line : line + " (" + verdict.reason() + ")");
        }
        out.println();
        out.println("Verdict: " + summary.status() + "   Results: " + folder);
    }

    private static String text(Double value) {
        return value == null ? "-" : String.format("%.3f", value);
    }
}
