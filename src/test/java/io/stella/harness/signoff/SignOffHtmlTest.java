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
