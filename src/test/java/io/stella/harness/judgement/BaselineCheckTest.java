package io.stella.harness.judgement;

import io.stella.harness.results.RunFolder;
import io.stella.harness.config.ConfigException;
import io.stella.harness.latency.IntervalLogRecorder;
import io.stella.harness.results.BaselineView;
import io.stella.harness.results.History;
import io.stella.harness.verdict.FigureTrend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given two results folders (summary.json and latency.hlog as runs write them), expect the
 * comparison to read each measured window from its interval log and name what regressed.
 */
class BaselineCheckTest {

    static final long RUN_START = Instant.parse("2026-11-27T01:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void aCapacityRunIsComparedOnItsKneeAloneForItsWindowMixesTheStepsPastIt() throws IOException {
        Path baseline = folder("baseline", 10, 0, 50.0);
        Path current = folder("current", 25, 0, 40.0);

        BaselineView view = BaselineCheck.compare(baseline, current, 10);

        assertEquals("capacity", view.baselineProfile());
        assertEquals(List.of("knee (journeys/s)"), view.changes().stream().map(change -> change.figure()).toList());
        assertTrue(view.regressions().get(0).startsWith("knee (journeys/s) 50.0 -> 40.0 (-20.0%)"), view.regressions().toString());
    }

    @Test
    void aSlowerRunWithoutASearchRegressesOnItsPercentiles() throws IOException {
        BaselineView view = BaselineCheck.compare(folder("baseline", 10, 0, null), folder("current", 25, 0, null), 10);

        assertTrue(view.regressions().stream().anyMatch(line -> line.startsWith("createSession P99 (ms) 10.0 -> 25.0 (+150.0%)")),
                view.regressions().toString());
    }

    @Test
    void theWarmUpIsLeftOutOfBothWindows() throws IOException {
        // Both runs are equal after their 5 s warm-up; only the warm-ups differ (a slow first second).
        Path baseline = folder("baseline", 10, 0, null);
        Path current = folder("current", 10, 900, null);

        assertEquals(0, BaselineCheck.compare(baseline, current, 10).regressions().size());
    }

    @Test
    void aBaselineThatIsNoResultsFolderIsRefusedBeforeLoad() {
        ConfigException error = assertThrows(ConfigException.class, () -> BaselineCheck.validate(dir.resolve("nope")));

        assertEquals("baseline: " + dir.resolve("nope") + " is not a results folder (no summary.json in it)",
                error.problems().get(0));
    }

    @Test
    void latestIsTheNewestEarlierGoodResultsOfTheSameProfile() throws IOException {
        Path root = dir.resolve("results");
        for (String name : new String[] {"capacity-20261126T020000Z", "capacity-20261127T020000Z", "capacity-20261127T020000Z-2",
                "load-20261128T020000Z", "capacity-large-20261128T020000Z"}) {
            results(root.resolve(name), "GO");
        }
        Files.createDirectories(root.resolve("capacity-20261128T020000Z")); // a run that wrote nothing
        results(root.resolve("capacity-20261129T020000Z"), "NO-GO"); // the night a slowdown began: no baseline for the next

        assertEquals(Optional.of(root.resolve("capacity-20261127T020000Z-2")), BaselineCheck.latest(root, "capacity", Set.of()));
        assertEquals(Optional.of(root.resolve("capacity-20261129T020000Z")),
                BaselineCheck.latest(root, "capacity", Set.of("capacity-20261129T020000Z")), "a NO-GO night accepted in the history");
        assertEquals(Optional.empty(), BaselineCheck.latest(root, "spike", Set.of()));
        assertEquals(Optional.empty(), BaselineCheck.latest(dir.resolve("no-results-yet"), "capacity", Set.of()));
    }

    private static void results(Path folder, String signOff) throws IOException {
        Files.writeString(Files.createDirectories(folder).resolve("summary.json"), "{}");
        Files.writeString(folder.resolve("signoff.json"), "{\"verdict\": \"" + signOff + "\"}");
    }

    @Test
    void aBaselineWhoseResultsCannotBeReadIsRefusedBeforeLoadNamingTheFile() throws IOException {
        Path broken = folder("broken", 10, 0, null);
        Files.writeString(broken.resolve("summary.json"), "{\"window\": {\"measuredFrom\": \"yesterday\", \"measuredSec\": 30}}");

        ConfigException error = assertThrows(ConfigException.class, () -> BaselineCheck.validate(broken));

        assertEquals(1, error.problems().size());
        assertTrue(error.problems().get(0).startsWith("baseline: " + broken.resolve("summary.json") + " cannot be read ("),
                error.problems().get(0));
    }

    @Test
    void aLastingSlowdownStaysARegressionTheNightAfterAndAnAcceptanceEndsIt() throws IOException {
        // six good nights at 10 ms, then a night at 25 that regressed (NO-GO): it must not enter the band
        Path history = history(10, 11, 10, 9, 10, 11);
        Files.writeString(history, regressedNight("2026-11-07T02:00:00Z", 25), java.nio.file.StandardOpenOption.APPEND);
        Path slowedNight = folder("slowed", 25, 0, null);

        BaselineView secondNight = BaselineCheck.compare(slowedNight, RecordedRun.read(folder("current", 25, 0, null)), 10, history);

        assertTrue(secondNight.regressions().stream().anyMatch(line -> line.startsWith("createSession P99 (ms) 25.0 -> 25.0 (0.0%)")
                && line.contains("band of the last 6 runs")), "against its regressed baseline no change, against the band a regression: "
                + secondNight.regressions());
        assertEquals(6, secondNight.historyRuns(), "the regressed night is no good run");

        History.append(history, new History.Acceptance("2026-11-08T09:00:00Z", "capacity", "alice", "new TLS termination",
                List.of("2026-11-07T02:00:00Z")));
        BaselineView accepted = BaselineCheck.compare(slowedNight, RecordedRun.read(folder("current", 25, 0, null)), 10, history);

        assertEquals(List.of(), accepted.regressions());
        assertEquals(7, accepted.historyRuns());
    }

    private static String regressedNight(String runStart, double millis) {
        String figures = "{\"createSession\": " + millis + "}";
        return String.format(java.util.Locale.ROOT, "{\"runStart\": \"%s\", \"profile\": \"capacity\", \"simulation\":"
                + " \"BackendApiSimulation\", \"status\": \"PASS\", \"signOff\": \"NO-GO\", \"p50Millis\": %s, \"p95Millis\": %s,"
                + " \"p99Millis\": %s, \"errorPercent\": {\"createSession\": 0}, \"regressions\": 3, \"folder\": \"slowed\"}%n",
                runStart, figures, figures, figures);
    }

    @Test
    void aStepThatLastedThreeNightsKeepsRegressingAndNamesTheNightItBegan() throws IOException {
        // nine nights near 10 ms, then three at 25 that an older harness kept as good; tonight 25 again, like the latest
        Path history = history(10, 11, 10, 9, 10, 11, 10, 10, 9, 25, 25, 25);
        Path baseline = folder("baseline", 25, 0, null);

        BaselineView view = BaselineCheck.compare(baseline, RecordedRun.read(folder("current", 25, 0, null)), 10, history);

        assertTrue(view.regressions().stream().anyMatch(line -> line.startsWith("createSession P99 (ms) 25.0 -> 25.0 (0.0%)")
                && line.endsWith("; the change began with the run of 2026-11-10T02:00:00Z")), view.regressions().toString());
        assertEquals(12, view.historyRuns());
        FigureTrend p99 = view.trends().stream().filter(trend -> trend.figure().equals("createSession P99 (ms)")).findFirst()
                .orElseThrow(() -> new AssertionError("no trend of createSession P99 in " + view.trends()));
        assertEquals(9, p99.changeBegan());
        assertTrue(p99.changeInWords().startsWith("createSession P99 (ms): a change began with the run of 2026-11-10T02:00:00Z,"
                + " 3 runs ago: 25 (median) since it, band 10..10 (median 10) over the 9 runs before it"), p99.changeInWords());
        assertTrue(view.trends().stream().anyMatch(trend -> trend.figure().equals("createSession P95 (ms)")),
                "every P95 is drawn: " + view.trends());
    }

    @Test
    void aRegressionNamesTheNightItsChangeBeganWhenThatWasBeforeTonight() throws IOException {
        Path history = history(10, 11, 10, 9, 10, 11, 10, 10, 9, 10, 14);
        Path baseline = folder("baseline", 14, 0, null);

        BaselineView view = BaselineCheck.compare(baseline, RecordedRun.read(folder("current", 25, 0, null)), 10, history);

        assertTrue(view.regressions().stream().anyMatch(line -> line.startsWith("createSession P99 (ms) 14.0 -> 25.0")
                && line.endsWith("; the change began with the run of 2026-11-11T02:00:00Z")), view.regressions().toString());
    }

    @Test
    void withAHistoryOfFewerThanFiveRunsASlowerRunIsReportedNotGatedAndABareBaselineStillGates() throws IOException {
        Path history = history(10, 11, 10);
        Path baseline = folder("baseline", 10, 0, null);
        Path current = folder("current", 25, 0, null);

        BaselineView early = BaselineCheck.compare(baseline, RecordedRun.read(current), 10, history);

        assertEquals(List.of(), early.regressions());
        assertEquals(3, early.historyRuns());
        assertTrue(early.notGatedYet().stream().anyMatch(line -> line.startsWith("createSession P99 (ms) 10.0 -> 25.0 (+150.0%)")
                && line.endsWith("; not gated yet: 3 of 5 earlier runs")), early.notGatedYet().toString());
        assertEquals(List.of(), BaselineCheck.compare(baseline, RecordedRun.read(current), 10,
                dir.resolve("no-history-yet.jsonl")).regressions(), "the first night, with a history file not written yet");
        assertFalse(BaselineCheck.compare(baseline, current, 10).regressions().isEmpty(), "no history asked for: gated");
    }

    /** A history of the profile: one night a day from 2026-11-01, createSession's P50, P95 and P99 all at the night's value. */
    private Path history(double... millis) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int night = 0; night < millis.length; night++) {
            String figures = "{\"createSession\": " + millis[night] + "}";
            lines.append(String.format(java.util.Locale.ROOT, "{\"runStart\": \"2026-11-%02dT02:00:00Z\", \"profile\": \"capacity\","
                    + " \"simulation\": \"BackendApiSimulation\", \"status\": \"PASS\", \"signOff\": \"GO\","
                    + " \"p50Millis\": %s, \"p95Millis\": %s, \"p99Millis\": %s, \"errorPercent\": {\"createSession\": 0},"
                    + " \"regressions\": 0, \"folder\": \"night-%d\"}%n", night + 1, figures, figures, figures, night));
        }
        return Files.writeString(dir.resolve("history.jsonl"), lines);
    }

    /** 30 s of createSession at one latency after a 5 s warm-up answered at {@code warmUpMillis} (0: like the rest). */
    private Path folder(String name, long millis, long warmUpMillis, Double knee) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        try (OutputStream out = Files.newOutputStream(folder.resolve(RunFolder.INTERVAL_LOG));
             IntervalLogRecorder log = new IntervalLogRecorder(out, RUN_START, name)) {
            for (int second = 0; second < 35; second++) {
                long latency = second < 5 && warmUpMillis > 0 ? warmUpMillis : millis;
                // as a run writes them: requests started in the warm-up are tagged apart
                String tag = second < 5 ? IntervalLogRecorder.WARM_UP_TAG_PREFIX + "createSession" : "createSession";
                for (int i = 0; i < 100; i++) {
                    log.record(tag, RUN_START + second * 1000L + i * 5, latency * 1000);
                }
            }
        }
        String capacity = knee == null ? "" : ", \"capacity\": {\"kneeRatePerSec\": " + knee + "}";
        Files.writeString(folder.resolve("summary.json"), """
                {"profile": {"name": "capacity"},
                 "window": {"runStart": "2026-11-27T01:00:00Z", "measuredFrom": "2026-11-27T01:00:05Z", "measuredSec": 30},
                 "requests": {"createSession": {"measured": {"count": 3000, "errors": 0}}}%s}
                """.formatted(capacity));
        return folder;
    }
}
