package io.stella.harness.signoff;

import io.stella.harness.latency.DegradationMeasurements;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.verdict.FigureTrend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SignOffHtmlTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    static Path writeSignOff(Path dir) throws Exception {
        RequestStats token = RequestStats.named("token");
        RequestStats create = RequestStats.named("createSession");
        for (int millis = 1; millis <= 400; millis++) {
            token.measured().record(millis * 1000L, null);
            create.measured().record(millis * 2000L, null);
        }
        SignOff signOff = SignOffAssembler.assemble("Sim", "smoke", "http://127.0.0.1:1", List.of(SignOffTest.P99_MET),
                List.of(SignOffTest.CACHE_MISSING, SignOffTest.KEEP_ALIVE_OK));
        List<String> plots = SignOffPlots.of(Map.of("token", token, "createSession", create), dir.resolve("absent.hlog"), null);
        SignOffWriters.writeAll(dir, signOff, plots);
        return dir.resolve(SignOffHtml.FILE_NAME);
    }

    @Test
    void thePageIsOneSelfContainedFileWithEveryItemAndItsPlots() throws Exception {
        String html = Files.readString(writeSignOff(dir));

        assertTrue(html.contains("Sign-off: <span class=\"NO-GO\">NO-GO</span>"), html);
        for (ChecklistItem item : ChecklistItem.values()) {
            assertTrue(html.contains("<td>" + item.title() + "</td>"), item.title());
        }
        assertEquals(2, html.split("<svg ", -1).length - 1, "spectrum and latency over time");
        assertTrue(html.contains("<polyline"), "the spectrum has lines");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched from the network");
        assertTrue(html.contains(">no data</text>"), "the absent interval log says so");
    }

    @Test
    void aDegradationPhaseAddsItsTimelineAndChromiumRendersIt() throws Exception {
        List<DegradationMeasurements.Second> timeline = List.of(new DegradationMeasurements.Second(0, 50, 0, 0, 5.0),
                new DegradationMeasurements.Second(1, 40, 20, 1, 7.0), new DegradationMeasurements.Second(2, 45, 0, 0, 5.0));
        SignOff signOff = SignOffAssembler.assemble("Sim", "capacity", "http://127.0.0.1:1", List.of(SignOffTest.P99_MET), List.of());
        SignOffWriters.writeAll(dir, signOff, SignOffPlots.of(Map.of(), dir.resolve("absent.hlog"), null, timeline));
        Path page = dir.resolve(SignOffHtml.FILE_NAME);

        String html = Files.readString(page);
        assertEquals(4, html.split("<svg ", -1).length - 1, "spectrum, latency over time and the two timeline plots");
        assertTrue(html.contains("Degradation timeline: requests per second by outcome"), html);
        assertTrue(html.contains("Degradation timeline: P99 of accepted requests"), html);
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed here (.ci/run installs it)");
        String dom = chromium(page, "--dump-dom");
        assertTrue(dom.contains("Degradation timeline: P99 of accepted requests") && dom.contains("<polyline"), dom);
    }

    @Test
    void aRunWithAHistoryDrawsTheTrendMarksTheNightAChangeBeganAndNamesItInSignoffMd() throws Exception {
        List<FigureTrend.Night> nights = new java.util.ArrayList<>();
        double[] p50 = {20, 21, 20, 19, 20, 21, 20, 20, 19, 21, 25, 24};
        for (int night = 0; night < p50.length; night++) {
            nights.add(new FigureTrend.Night(String.format("2026-11-%02dT02:00:00Z", night + 1), p50[night]));
        }
        FigureTrend changed = FigureTrend.of("createSession P50 (ms)", nights, new FigureTrend.Night("2026-11-13T02:00:00Z", 25),
                false, 10);
        FigureTrend flat = FigureTrend.of("createSession P95 (ms)", nights.subList(0, 10), new FigureTrend.Night("2026-11-11T02:00:00Z", 21),
                false, 10);
        SignOff signOff = SignOffAssembler.assemble("Sim", "smoke", "http://127.0.0.1:1", List.of(SignOffTest.P99_MET), List.of());
        SignOffWriters.writeAll(dir, signOff, SignOffPlots.of(Map.of(), dir.resolve("absent.hlog"), null, null, List.of(changed, flat)),
                List.of(changed.changeInWords()));

        String html = Files.readString(dir.resolve(SignOffHtml.FILE_NAME));
        assertEquals(4, html.split("<svg ", -1).length - 1, "spectrum, latency over time, every P95 and the figure that changed");
        assertTrue(html.contains("Trend: P95 per request, run by run (this run last)"), html);
        String figure = html.substring(html.indexOf("Trend: createSession P50 (ms)"));
        assertTrue(figure.contains("class=\"mark\"") && figure.contains(">change began</text>"), "the first night of the change is marked");
        assertTrue(figure.contains(">11-11 02:00</text>") && figure.contains(">this run</text>"), "the axis names that night and this run");
        assertTrue(figure.contains(">band high, 10 runs</text>") && figure.contains(">band low</text>"), figure);
        String md = Files.readString(dir.resolve(SignOffWriters.MARKDOWN));
        assertTrue(md.contains("## Trend over the history\n\n- createSession P50 (ms): a change began with the run of 2026-11-11T02:00:00Z"),
                md);
    }

    @Test
    void headlessChromiumRendersThePageWithItsPlots() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed here (.ci/run installs it)");
        Path page = writeSignOff(dir);
        Path screenshot = dir.resolve("signoff.png");

        String dom = chromium(page, "--dump-dom");
        chromium(page, "--screenshot=" + screenshot, "--window-size=1000,1600");

        assertTrue(dom.contains("<svg") && dom.contains("<polyline"), "the plots are in the rendered page");
        assertTrue(dom.contains("CDN configured"), "the checklist is in the rendered page");
        assertTrue(Files.size(screenshot) > 20_000, "a screenshot with content: " + Files.size(screenshot) + " bytes");
    }

    /**
     * A capacity run's page as a person sees it: every plot with both axes labelled and ticked, the
     * profile's limits drawn, the knee marked, and the steps in order of throughput though the search
     * ran its refining steps last.
     */
    @Test
    void aCapacityRunsPlotsHaveLabelledTickedAxesTheLimitsDrawnAndTheKneeMarkedInChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed here (.ci/run installs it)");
        RequestStats all = RequestStats.named("createSession");
        for (int millis = 1; millis <= 400; millis++) {
            all.measured().record(millis * 1000L, null);
        }
        Path intervalLog = dir.resolve("latency.hlog");
        try (java.io.PrintStream out = new java.io.PrintStream(Files.newOutputStream(intervalLog))) {
            org.HdrHistogram.HistogramLogWriter writer = new org.HdrHistogram.HistogramLogWriter(out);
            for (int second = 0; second < 30; second++) {
                org.HdrHistogram.Histogram interval = io.stella.harness.latency.Histograms.newMicros();
                interval.recordValue((10 + second) * 1000L);
                interval.setStartTimeStamp(1_000_000L + second * 1000L);
                interval.setEndTimeStamp(1_000_000L + second * 1000L + 1000);
                interval.setTag("createSession");
                writer.outputIntervalHistogram(interval);
            }
        }
        // Stairs 10, 20, 30, 40 journeys/s: 40 broke, so the search tried 35 (held) and 37.5 (broke) after it.
        List<io.stella.harness.results.CapacityView.StepView> ran = List.of(step(0, 10, 50, 12, 0), step(1, 20, 100, 20, 0),
                step(2, 30, 150, 35, 0), step(3, 40, 200, 400, 4.0), step(4, 35, 175, 60, 0.2), step(5, 37.5, 187, 300, 2.5));
        io.stella.harness.results.CapacityView capacity = new io.stella.harness.results.CapacityView("KNEE_FOUND", 35.0, 175.0,
                37.5, ran, null, null, null);
        List<io.stella.harness.config.Threshold> thresholds = List.of(
                new io.stella.harness.config.Threshold.PercentileLimit("all", 99, 250),
                new io.stella.harness.config.Threshold.PercentileLimit("all", 95, 150),
                new io.stella.harness.config.Threshold.ErrorRateLimit("all", 1));
        SignOff signOff = SignOffAssembler.assemble("Sim", "capacity", "http://127.0.0.1:1", List.of(SignOffTest.P99_MET), List.of());
        SignOffWriters.writeAll(dir, signOff, SignOffPlots.of(Map.of("createSession", all), intervalLog, capacity, null, List.of(),
                thresholds));
        Path page = dir.resolve(SignOffHtml.FILE_NAME);
        Path screenshot = Path.of("target", "signoff-capacity.png").toAbsolutePath(); // kept to look at

        String dom = chromium(page, "--dump-dom");
        chromium(page, "--screenshot=" + screenshot, "--window-size=1000,2200");

        List<String> plots = java.util.Arrays.stream(dom.split("<svg ")).skip(1).toList();
        assertEquals(4, plots.size(), "spectrum, over time, the capacity curve and its error share");
        for (String plot : plots) {
            String title = plot.substring(plot.indexOf("aria-label=\"") + 12, plot.indexOf('"', plot.indexOf("aria-label=\"") + 12));
            assertEquals(2, count(plot, "class=\"axis\""), "x and y axis labels: " + title);
            assertTrue(count(plot, "class=\"tick\" text-anchor=\"middle\"") >= 3, "x ticks: " + title);
            assertTrue(count(plot, "class=\"tick\" text-anchor=\"end\"") >= 3, "y ticks: " + title);
            assertTrue(plot.contains("<title>"), "values on hover: " + title);
        }
        String curve = plots.get(2);
        assertTrue(curve.contains(">limit: all P99 &lt;= 250 ms</text>") && curve.contains(">limit: all P95 &lt;= 150 ms</text>"), curve);
        assertTrue(curve.contains("class=\"marker-label\"") && curve.contains(">knee 35/s</text>"), "the knee marked: " + curve);
        assertEquals(2, count(curve, ">broke</text>"), "the two steps that broke marked");
        String p95Points = curve.substring(curve.indexOf("points=\"") + 8, curve.indexOf('"', curve.indexOf("points=\"") + 8));
        double previousX = -1;
        for (String point : p95Points.split(" ")) {
            double x = Double.parseDouble(point.split(",")[0]);
            assertTrue(x > previousX, "the steps in order of throughput: " + p95Points);
            previousX = x;
        }
        assertTrue(plots.get(3).contains(">limit: all errors &lt;= 1 %</text>"), plots.get(3));
        assertTrue(plots.get(1).contains(">limit: all P99 &lt;= 250 ms</text>") && plots.get(1).contains(">limit: all P95 &lt;= 150 ms</text>"),
                "latency over time with every limit of all requests: " + plots.get(1));
        assertTrue(Files.size(screenshot) > 40_000, "a screenshot with content: " + Files.size(screenshot) + " bytes");
    }

    private static io.stella.harness.results.CapacityView.StepView step(int index, double rate, double requestsPerSec,
                                                                        double p99Millis, double errorPercent) {
        return new io.stella.harness.results.CapacityView.StepView(index, rate, requestsPerSec, 1000, (long) (errorPercent * 10),
                errorPercent, p99Millis / 3, p99Millis / 2, p99Millis, p99Millis <= 250 && errorPercent <= 1, List.of(), null, null);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private String chromium(Path page, String... action) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(action));
        command.add(page.toUri().toString());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "Chromium ended");
        assertEquals(0, process.exitValue(), "Chromium's exit code");
        return out;
    }
}
