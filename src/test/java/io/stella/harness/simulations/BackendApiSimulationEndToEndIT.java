package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.judgement.ExitCode;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import io.stella.harness.latency.IntervalLogRecorder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job as a user runs it: BackendApiSimulation in its own JVM against the embedded
 * reference target, judged by the harness, with the exit code and folder a user would get.
 */
class BackendApiSimulationEndToEndIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> REQUESTS = List.of("createSession", "endSession", "getSession", "healthz", "listSessions",
            "readyz", "token");

    /** One smoke run for every test that reads one (a fork costs about 25 s of the suite). */
    private static GatlingFork.Result smoke;

    static synchronized GatlingFork.Result smokeRun() throws Exception {
        if (smoke == null) {
            smoke = GatlingFork.run("smoke", Map.of());
        }
        return smoke;
    }

    /** Where the nightly test's results root is: the smoke run's folder is copied there as the earlier run. */
    private static final Path NIGHTLY_ROOT = Path.of("target", "e2e", "nightly", "results").toAbsolutePath();

    /**
     * Runs whose verdicts do not rest on the target's latency (a NO-GO by an impossible threshold, a
     * NO-GO by a 30 ms regression, an interrupted run's counts) run side by side, after the smoke run
     * (which must be alone: its GO rests on latency targets) and its copy as the nightly baseline.
     */
    private static final GatlingFork.SideBySide AFTER_SMOKE = new GatlingFork.SideBySide(3)
            .add("baseline-after", BackendApiSimulationEndToEndIT::runTheNightlyCommandAfterTheSmokeRun)
            // smoke lasts 20 s, its first 5 a warm-up: SIGINT 9 s after Gatling starts it lands in the measured window
            // however long the JVM took to start beside the others (14 s after the JVM's start once landed before it)
            .add("interrupted", () -> GatlingFork.run("interrupted", BackendApiSimulation.class, Map.of(),
                    "Simulation " + BackendApiSimulation.class.getName() + " started", Duration.ofSeconds(9), GatlingFork::interrupt));

    /**
     * The starved run (whose verdicts must read INCONCLUSIVE, which a busier machine only makes surer)
     * beside the runs refused before any load, which send nothing and only read their refusal.
     */
    private static final GatlingFork.SideBySide STARVED_AND_REFUSED = new GatlingFork.SideBySide(4)
            .add("starved", () -> GatlingFork.run("starved", Map.of("profile", "src/test/resources/profiles/starved.json")))
            .add("bad-baseline", () -> GatlingFork.run("bad-baseline", Map.of("baseline", "target/no-such-results-folder")))
            .add("history-line", () -> GatlingFork.run("history-line", Map.of("history", brokenHistory().toString())))
            .add("history-folder", () -> GatlingFork.run("history-folder", Map.of("history", "src")))
            .add("unwritable-results", () -> GatlingFork.run("unwritable-results", Map.of("harness.resultsRoot", "pom.xml/results")))
            .add("fraction", () -> GatlingFork.run("fraction", Map.of("profile", "src/test/resources/profiles/fraction.json")))
            .add("syntax", () -> GatlingFork.run("syntax", Map.of("profile", "src/test/resources/profiles/syntax.json")));

    /** A nightly history whose second line is cut short (a disk that filled up as it was written). */
    private static Path brokenHistory() throws IOException {
        Path history = Files.createDirectories(Path.of("target", "e2e", "broken-history").toAbsolutePath()).resolve("history.jsonl");
        return Files.writeString(history, "{\"runStart\": \"2026-12-01T02:00:00Z\", \"profile\": \"smoke\", \"status\": \"PASS\","
                + " \"regressions\": 0}\n{\"runStart\": \"2026-12-02T02:00:00Z\", \"prof\n");
    }

    private static GatlingFork.Result afterSmoke(String run) throws Exception {
        smokeRun(); // alone, before any of them
        return AFTER_SMOKE.result(run);
    }

    /** The nightly history the test starts from: five earlier nights, enough for a band (fewer are not gated yet). */
    private static final int EARLIER_NIGHTS = 5;

    /**
     * README's nightly command (-Dbaseline=latest -Dhistory=...) against a target 30 ms slower, in the smoke
     * run's results root, with a history of {@value #EARLIER_NIGHTS} nights as the smoke run measured them.
     */
    private static GatlingFork.Result runTheNightlyCommandAfterTheSmokeRun() throws Exception {
        GatlingFork.Result baseline = smokeRun();
        GatlingFork.deleteTree(NIGHTLY_ROOT.getParent());
        Path history = NIGHTLY_ROOT.resolve("history.jsonl");
        if (baseline.exitCode() == ExitCode.OK.code()) {
            copyTree(baseline.onlyRunFolder(), NIGHTLY_ROOT.resolve(baseline.onlyRunFolder().getFileName()));
            Files.writeString(history, earlierNights(baseline.onlyRunFolder()));
        }
        return GatlingFork.run("baseline-after", Map.of("REFERENCE_ADDED_LATENCY", "30ms",
                "baseline", "latest", "history", history.toString(), "harness.resultsRoot", NIGHTLY_ROOT.toString()));
    }

    /** History lines (History.Entry's fields) of nights that each measured what this run's summary.json holds. */
    private static String earlierNights(Path runFolder) throws IOException {
        JsonNode summary = JSON.readTree(runFolder.resolve("summary.json").toFile());
        Map<String, Map<String, Double>> byFigure = new HashMap<>();
        summary.get("requests").fields().forEachRemaining(request -> {
            JsonNode measured = request.getValue().get("measured");
            for (String percentile : List.of("p50", "p95", "p99")) {
                byFigure.computeIfAbsent(percentile + "Millis", figure -> new HashMap<>())
                        .put(request.getKey(), measured.get("percentilesMillis").get(percentile).asDouble());
            }
            byFigure.computeIfAbsent("errorPercent", figure -> new HashMap<>()).put(request.getKey(), measured.get("errorPercent").asDouble());
        });
        StringBuilder lines = new StringBuilder();
        for (int night = 1; night <= EARLIER_NIGHTS; night++) {
            Map<String, Object> entry = new HashMap<>(byFigure);
            entry.putAll(Map.of("runStart", "2026-11-0" + night + "T02:00:00Z", "profile", "smoke", "simulation",
                    summary.get("simulation").asText(), "status", "PASS", "signOff", "GO", "regressions", 0,
                    "folder", runFolder.toString()));
            lines.append(JSON.writeValueAsString(entry)).append('\n');
        }
        return lines.toString();
    }

    @Test
    void theSmokeProfilePassesAndFillsItsResultsFolder() throws Exception {
        GatlingFork.Result run = smokeRun();

        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        Path folder = run.onlyRunFolder();
        assertTrue(folder.getFileName().toString().matches("smoke-\\d{8}T\\d{6}Z"), folder.toString());
        assertTrue(run.output().contains("Verdict: PASS   Results: " + folder), run.output());
        assertTrue(Files.isRegularFile(folder.resolve("gatling/index.html")), "Gatling's report is in the folder");

        JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
        assertEquals("PASS", summary.get("status").asText());
        for (JsonNode verdict : summary.get("thresholds")) {
            assertEquals("PASS", verdict.get("status").asText(), verdict.toString());
            assertEquals(1, verdict.get("windows").get("windows").asInt(), "one whole 10-s window in 15 s steady: " + verdict);
        }
        Map<String, Long> hlogCounts = countsByTag(folder.resolve("latency.hlog"));
        for (String request : REQUESTS) {
            JsonNode figures = summary.get("requests").get(request);
            JsonNode ours = figures.get("wholeRun");
            JsonNode gatling = figures.get("gatling");
            assertTrue(ours.get("count").asLong() > 0, request);
            assertEquals(gatling.get("count").asLong(), ours.get("count").asLong(), request + ": count as Gatling's");
            assertEquals(gatling.get("errors").asLong(), ours.get("errors").asLong(), request + ": errors as Gatling's");
            assertEquals(ours.get("count").asLong(), hlogCounts.get(request), request + ": every response is in latency.hlog");
            for (String percentile : List.of("p50", "p90", "p95", "p99", "p99.9")) {
                assertTrue(figures.get("measured").get("percentilesMillis").has(percentile), request + " " + percentile);
            }
            // the tail's exemplars: each with the trace id its traceparent carried, slowest first, none slower than the run's max
            JsonNode slowest = figures.get("slowest");
            assertTrue(slowest != null && slowest.size() == 5, request + ": " + slowest);
            java.util.Set<String> traceIds = new java.util.HashSet<>();
            long previous = Long.MAX_VALUE;
            for (JsonNode slow : slowest) {
                assertTrue(slow.get("traceId").asText().matches("[0-9a-f]{32}") && traceIds.add(slow.get("traceId").asText()), slow.toString());
                assertTrue(slow.get("latencyMillis").asLong() <= previous, request + " slowest first: " + slowest);
                previous = slow.get("latencyMillis").asLong();
                assertTrue(slow.get("startedAt").asText().compareTo(summary.get("window").get("measuredFrom").asText()) >= 0,
                        "in the measured window: " + slow);
            }
        }
        JsonNode signOff = JSON.readTree(folder.resolve("signoff.json").toFile());
        assertEquals("GO", signOff.get("verdict").asText(), signOff.toString());
        assertTrue(Files.readString(folder.resolve("signoff.md")).startsWith("# Sign-off: GO"));
        org.w3c.dom.Document junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(folder.resolve("signoff-junit.xml").toFile());
        assertEquals(io.stella.harness.signoff.ChecklistItem.values().length, junit.getElementsByTagName("testcase").getLength());
        for (String item : List.of("CONNECTION_REUSE", "CDN_CONFIGURED", "RATE_LIMITING_ENABLED", "CORS_CONFIGURED",
                "API_AUTHENTICATION", "LIVEKIT_TOKENS_VALIDATED", "HEALTH_CHECKS_CONFIGURED", "KEY_METRICS_DEFINED",
                "RESPONSE_TIME_TARGETS")) {
            boolean passed = false;
            for (JsonNode result : signOff.get("items")) {
                passed |= result.get("item").asText().equals(item) && result.get("status").asText().equals("PASS");
            }
            assertTrue(passed, item + " passes against the reference target: " + signOff);
        }
        assertTrue(run.output().contains("Sign-off: GO"), run.output());

        assertFalse(summary.get("injector").get("behind").asBoolean(), "a smoke run keeps to its schedule");
        Rejudge.assertSameVerdicts(folder, ExitCode.OK);

        JsonNode manifest = summary.get("manifest");
        assertEquals("3.15.1", manifest.get("gatlingVersion").asText());
        assertEquals("microseconds", manifest.get("histogram").get("unit").asText());
        assertFalse(manifest.get("harnessVersion").asText().isEmpty());
        assertTrue(summary.get("target").get("embedded").asBoolean());
        assertEquals("smoke", summary.get("profile").get("name").asText());
    }

    /**
     * A target shaped otherwise than v1 everywhere the contract file can say (paths, an OAuth2 form
     * token, nested answers, other statuses), the harness told so through that file only: the journey
     * and every probe speak it, and the run reads GO.
     */
    @Test
    void theSmokeRunPassesAgainstATargetSpeakingAnotherContract() throws Exception {
        GatlingFork.Result run = GatlingFork.run("other-contract", Map.of("STELLA_CONTRACT", VoiceSessionEndToEndIT.OTHER_CONTRACT));

        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        for (String request : REQUESTS) {
            assertEquals(0, summary.get("requests").get(request).get("wholeRun").get("errors").asLong(), request);
        }
        JsonNode signOff = JSON.readTree(run.onlyRunFolder().resolve("signoff.json").toFile());
        assertEquals("GO", signOff.get("verdict").asText(), signOff.toString());
        for (JsonNode item : signOff.get("items")) {
            assertTrue(List.of("PASS", "NOT_RUN").contains(item.get("status").asText()), item.toString());
        }
        assertTrue(run.output().contains("GET /v2/health/live 200"), "the pre-flight asked the contract's liveness path:\n"
                + run.output());
    }

    @Test
    void anImpossibleThresholdFailsTheRunAndNamesTheBreach() throws Exception {
        // The target also fails 10% of API calls, so error counts are compared with Gatling's too.
        // alone: a FAIL needs the injector on its schedule (beside other JVMs on a busy machine it read INCONCLUSIVE, as it should)
        GatlingFork.Result run = GatlingFork.run("impossible", Map.of("profile", "src/test/resources/profiles/impossible.json",
                "REFERENCE_ERROR_PERCENT", "10"));

        assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
        assertTrue(run.output().contains("FAIL: all P99 <= 0.001 ms: required <= 0.001 ms, actual "), run.output());
        assertTrue(run.output().contains("STELLA harness: NO-GO, exit code 99"), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        assertEquals("FAIL", summary.get("status").asText(), summary.get("thresholds").toString());
        summary.get("requests").fields().forEachRemaining(entry -> {
            JsonNode ours = entry.getValue().get("wholeRun");
            JsonNode gatling = entry.getValue().get("gatling");
            assertEquals(gatling.get("count").asLong(), ours.get("count").asLong(), entry.getKey());
            assertEquals(gatling.get("errors").asLong(), ours.get("errors").asLong(), entry.getKey());
        });
        assertTrue(summary.get("requests").get("all").get("wholeRun").get("errors").asLong() > 0, "the run saw failures");
        assertEquals(summary.get("requests").get("all").get("wholeRun").get("errors").asLong(),
                summary.get("requests").get("all").get("wholeRun").get("errorsByKind").get("HTTP_5XX").asLong());
        Rejudge.assertSameVerdicts(run.onlyRunFolder(), ExitCode.NO_GO);
    }

    @Test
    void aStarvedInjectorMakesEveryVerdictInconclusiveNotPassOrFail() throws Exception {
        GatlingFork.Result run = STARVED_AND_REFUSED.result("starved");

        assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        assertEquals("INCONCLUSIVE", summary.get("status").asText());
        assertTrue(summary.get("injector").get("behind").asBoolean(), summary.get("injector").toString());
        for (JsonNode verdict : summary.get("thresholds")) {
            assertEquals("INCONCLUSIVE", verdict.get("status").asText(), verdict.toString());
            assertTrue(verdict.get("reason").asText().startsWith("the injector fell behind its schedule"), verdict.toString());
        }
        Rejudge.assertSameVerdicts(run.onlyRunFolder(), ExitCode.NO_GO);
    }

    @Test
    void theNightlyCommandComparesWithTheLatestEarlierRunNamesTheRegressionsGoesNoGoAndAddsToTheHistory() throws Exception {
        GatlingFork.Result baseline = smokeRun();
        assertEquals(ExitCode.OK.code(), baseline.exitCode(), baseline.output());
        // The smoke run's folder, copied into a results root of this test's own, is the earlier run;
        // README's nightly command: -Dbaseline=latest -Dhistory=..., in the same results root
        GatlingFork.Result slower = afterSmoke("baseline-after");
        Path root = NIGHTLY_ROOT;
        Path before = root.resolve(baseline.onlyRunFolder().getFileName());
        Path history = root.resolve("history.jsonl");

        assertEquals(ExitCode.NO_GO.code(), slower.exitCode(), slower.output());
        assertTrue(slower.output().contains("baseline: latest is " + before), slower.output());
        Path after;
        try (var folders = Files.list(root)) {
            after = folders.filter(Files::isDirectory).filter(folder -> !folder.equals(before)).findFirst().orElseThrow();
        }
        JsonNode comparison = JSON.readTree(after.resolve("summary.json").toFile()).get("baseline");
        assertEquals(before.toString(), comparison.get("baselineFolder").asText());
        List<String> regressions = JSON.convertValue(comparison.get("regressions"), List.class);
        assertTrue(regressions.stream().anyMatch(line -> line.startsWith("createSession P50 (ms)")), regressions.toString());
        assertTrue(slower.output().contains("REGRESSION createSession P50 (ms)"), slower.output());
        assertTrue(slower.output().contains("band of the last " + EARLIER_NIGHTS + " runs"), "judged against the history's band:\n"
                + slower.output());
        List<String> lines = Files.readAllLines(history);
        assertEquals(EARLIER_NIGHTS + 1, lines.size(), lines.toString());
        JsonNode entry = JSON.readTree(lines.get(EARLIER_NIGHTS));
        assertEquals("smoke", entry.get("profile").asText());
        assertEquals("NO-GO", entry.get("signOff").asText());
        assertTrue(entry.get("p99Millis").get("createSession").asDouble() >= 30, entry.toString());
    }

    @Test
    void ctrlCLeavesAnInterruptedSummaryWithWhatWasMeasuredSoFar() throws Exception {
        GatlingFork.Result run = afterSmoke("interrupted");

        assertEquals(ExitCode.INTERRUPTED.code(), run.exitCode(), run.output());
        Path folder = run.onlyRunFolder();
        JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
        assertEquals("INTERRUPTED", summary.get("status").asText());
        long measured = summary.get("requests").get("all").get("wholeRun").get("count").asLong();
        assertTrue(measured > 0, "figures so far: " + summary.get("requests"));
        assertEquals(measured, countsByTag(folder.resolve("latency.hlog")).values().stream().mapToLong(Long::longValue).sum(),
                "the interval log holds every response summary.json counts");
        JsonNode signOff = JSON.readTree(folder.resolve("signoff.json").toFile());
        assertEquals("NO-GO", signOff.get("verdict").asText());
        assertTrue(run.output().contains("STELLA harness: INTERRUPTED, exit code 130"), run.output());
        Rejudge.assertSameVerdicts(folder, ExitCode.NO_GO);
    }

    @Test
    void aBaselineThatIsNoResultsFolderIsRefusedBeforeAnyLoad() throws Exception {
        GatlingFork.Result run = STARVED_AND_REFUSED.result("bad-baseline");

        assertEquals(ExitCode.INVALID_CONFIG.code(), run.exitCode(), run.output());
        assertTrue(run.output().contains("baseline: target/no-such-results-folder is not a results folder (no summary.json in it)"),
                run.output());
        assertNoLoadWasSent(run);
    }

    @Test
    void aHistoryWithABrokenLineIsRefusedBeforeAnyLoadNamingTheLine() throws Exception {
        GatlingFork.Result run = STARVED_AND_REFUSED.result("history-line");
        Path history = brokenHistory();

        assertEquals(ExitCode.INVALID_CONFIG.code(), run.exitCode(), run.output());
        assertTrue(run.output().lines().anyMatch(line -> line.startsWith("history: " + history + ": line 2 is no history entry (")
                && line.endsWith("; mend or move the file, nothing was sent")), run.output());
        assertNoLoadWasSent(run);
    }

    @Test
    void aHistoryThatIsAFolderIsRefusedBeforeAnyLoad() throws Exception {
        GatlingFork.Result run = STARVED_AND_REFUSED.result("history-folder");

        assertEquals(ExitCode.INVALID_CONFIG.code(), run.exitCode(), run.output());
        assertTrue(run.output().contains("history: src is a folder; give the history file (JSON lines) a folder holds"), run.output());
        assertNoLoadWasSent(run);
    }

    @Test
    void aResultsRootThatCannotBeWrittenIsRefusedBeforeAnyLoad() throws Exception {
        GatlingFork.Result run = STARVED_AND_REFUSED.result("unwritable-results");

        assertEquals(ExitCode.INVALID_CONFIG.code(), run.exitCode(), run.output());
        assertTrue(run.output().lines().anyMatch(line -> line.startsWith("harness.resultsRoot: pom.xml/results: this run's results"
                + " folder cannot be made (") && line.endsWith("a run that cannot keep its evidence does not start, nothing was sent")),
                run.output());
        assertNoLoadWasSent(run);
    }

    @Test
    void aPercentileWrittenAsAFractionIsRefusedBeforeAnyLoad() throws Exception {
        GatlingFork.Result run = STARVED_AND_REFUSED.result("fraction");

        assertEquals(ExitCode.INVALID_CONFIG.code(), run.exitCode(), run.output());
        assertTrue(run.output().contains("src/test/resources/profiles/fraction.json: /thresholds/all/maxMillisAtPercentile/0.99"
                + " looks like a fraction: percentiles are on the 0-100 scale, write \"99\" for P99 (was 0.99)"), run.output());
        assertNoLoadWasSent(run);
    }

    @Test
    void aSyntaxErrorIsRefusedBeforeAnyLoadWithItsLine() throws Exception {
        GatlingFork.Result run = STARVED_AND_REFUSED.result("syntax");

        assertEquals(ExitCode.INVALID_CONFIG.code(), run.exitCode(), run.output());
        assertTrue(run.output().lines().anyMatch(line -> line.startsWith("src/test/resources/profiles/syntax.json: ")
                && line.contains("is not valid JSON") && line.contains("at line 3")), run.output());
        assertNoLoadWasSent(run);
    }

    /** No run folder, no Gatling log, and no stack trace: the run stopped before the first request. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (var tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    static void assertNoLoadWasSent(GatlingFork.Result run) throws IOException {
        assertEquals(List.of(), run.runFolders());
        assertFalse(Files.exists(run.gatlingResults()) && Files.walk(run.gatlingResults())
                .anyMatch(path -> path.endsWith("simulation.log")), "Gatling recorded no request");
        assertFalse(run.output().contains("\tat "), "no stack trace for a user mistake:\n" + run.output());
    }

    static Map<String, Long> countsByTag(Path hlog) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null) {
            counts.merge(interval.getTag().replace(IntervalLogRecorder.WARM_UP_TAG_PREFIX, ""),
                    ((org.HdrHistogram.Histogram) interval).getTotalCount(), Long::sum);
        }
        return counts;
    }
}
