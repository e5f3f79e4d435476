package io.stella.harness.run.end;

import io.stella.harness.results.DirectoryCopy;
import io.stella.harness.results.GatlingFigures;
import io.stella.harness.results.GatlingReportReader;
import io.stella.harness.results.RunFolder;
import io.stella.harness.results.Summary;
import io.stella.harness.results.SummaryWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gatling's own report, added to a run's results once Gatling has written it (after the run's end was
 * judged and written): a copy of it, and its figures beside ours in summary.json, with a warning for any
 * count that differs. Our figures and verdicts stand whatever happens here.
 */
public final class GatlingReport {

    private GatlingReport() {
    }

    public static Ended addTo(Ended ended, PrintStream out) {
        if (ended.folder() == null) {
            return ended;
        }
        try {
            return add(ended, out);
        } catch (IOException | RuntimeException e) {
            out.println("STELLA harness: Gatling's report could not be added (" + e + "); our figures stand: "
                    + ended.folder().resolve(SummaryWriter.FILE_NAME));
            return ended;
        }
    }

    private static Ended add(Ended ended, PrintStream out) throws IOException {
        Path gatlingRun = ended.simulationLog().getParent();
        Path index = gatlingRun.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            out.println("STELLA harness: Gatling wrote no report (" + index + " is missing); summary.json has our figures");
            return ended;
        }
        Path copy = ended.folder().resolve(RunFolder.GATLING_REPORT_DIR);
        DirectoryCopy.copy(gatlingRun, copy);
        Map<String, GatlingFigures> gatling = GatlingReportReader.read(index);
        Summary summary = ended.summary();
        summary = summary.toBuilder().requests(withGatling(summary.requests(), gatling))
                .gatling(new Summary.GatlingView(summary.gatling().version(), summary.gatling().runFolder(),
                        copy.resolve("index.html").toString(),
                        "Gatling's figures cover the whole run, warm-up included: compare them with wholeRun"))
                .build();
        SummaryWriter.write(ended.folder(), summary);
        countMismatches(summary, gatling).forEach(out::println);
        out.println("Gatling's report: " + copy.resolve("index.html"));
        return new Ended(ended.folder(), ended.simulationLog(), summary, ended.exitCode());
    }

    /** Lines naming every request whose whole-run count or error count differs from Gatling's. */
    static List<String> countMismatches(Summary summary, Map<String, GatlingFigures> gatling) {
        return summary.requests().entrySet().stream()
                .filter(entry -> gatling.containsKey(entry.getKey()))
                .filter(entry -> entry.getValue().wholeRun().count() != gatling.get(entry.getKey()).count()
                        || entry.getValue().wholeRun().errors() != gatling.get(entry.getKey()).errors())
                .map(entry -> "STELLA harness: WARNING " + entry.getKey() + " counts differ from Gatling's: ours "
                        + entry.getValue().wholeRun().count() + " (" + entry.getValue().wholeRun().errors()
                        + " errors), Gatling's " + gatling.get(entry.getKey()).count() + " ("
                        + gatling.get(entry.getKey()).errors() + " errors)")
                .toList();
    }

    private static Map<String, Summary.RequestFigures> withGatling(Map<String, Summary.RequestFigures> ours,
                                                                    Map<String, GatlingFigures> gatling) {
        Map<String, Summary.RequestFigures> merged = new LinkedHashMap<>();
        ours.forEach((name, figures) -> merged.put(name, figures.withGatling(gatling.get(name))));
        return merged;
    }
}
