package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Settings;
import io.stella.harness.latency.IntervalLogRecorder;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.reference.ReferenceSettings;
import io.stella.harness.reference.ReferenceTarget;
import io.stella.harness.judgement.ExitCode;
import io.stella.harness.commands.Judge;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three injector JVMs share one run against one reference target, each with its shard; then their
 * results are merged without a request sent (the target is stopped first), and judged on the merge.
 */
class ShardedRunEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "sharded-client-secret";
    private static final String RUN_ID = "sharded-e2e";
    private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9};
    /**
     * How far ahead a start instant is given, as a scheduler gives its injectors time to boot: with another
     * process keeping one of the 2 cores busy, an injector JVM took 9.3 s to reach its opening (2026-12-05).
     */
    private static final java.time.Duration INJECTOR_BOOT = java.time.Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void threeInjectorsMergeExactlyAndAreJudgedOnTheirSum() throws Exception {
        Path resultsRoot = Path.of("target", "e2e", "sharded-results").toAbsolutePath();
        GatlingFork.deleteTree(resultsRoot);
        try (ReferenceTarget reference = unlimitedReference()) {
            ExecutorService injectors = Executors.newFixedThreadPool(3);
            List<Future<GatlingFork.Result>> runs = new ArrayList<>();
            for (int index = 0; index < 3; index++) {
                Map<String, String> properties = new HashMap<>(Map.of("profile", "src/test/resources/profiles/sharded.json",
                        "STELLA_BASE_URL", reference.baseUrl().toString(), "STELLA_CLIENT_ID", "stella-harness",
                        "STELLA_CLIENT_SECRET", SECRET, "shard", index + "/3", "STELLA_RUN_ID", RUN_ID,
                        "harness.resultsRoot", resultsRoot.toString()));
                String name = "sharded-" + index;
                runs.add(injectors.submit(() -> GatlingFork.run(name, BackendApiSimulation.class, properties)));
            }
            for (Future<GatlingFork.Result> run : runs) {
                GatlingFork.Result result = run.get();
                assertEquals(ExitCode.OK.code(), result.exitCode(), result.output());
                assertTrue(result.output().contains("shard   injector "), result.output());
            }
            injectors.shutdown();
        } // the target is gone: whatever follows sends nothing

        Path run = resultsRoot.resolve(RUN_ID);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ExitCode merged = Judge.run(new String[] {run.toString()}, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(ExitCode.OK, merged, console.toString(StandardCharsets.UTF_8));
        io.stella.harness.results.ResultSchemas.assertValid(run);
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals(3, summary.get("judgedFrom").size());
        for (String request : List.of("all", "token", "createSession", "healthz")) {
            long sum = 0;
            for (int index = 0; index < 3; index++) {
                JsonNode injector = JSON.readTree(run.resolve("injectors/" + index + "/summary.json").toFile());
                sum += injector.get("requests").get(request).get("measured").get("count").asLong();
            }
            JsonNode figures = summary.get("requests").get(request).get("measured");
            assertEquals(sum, figures.get("count").asLong(), request + ": the merge counts what the injectors counted");
            LatencyWindow oneHistogram = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
            oneHistogram.addLatencies(rawHistogramOfAll(run, request));
            assertEquals(sum, oneHistogram.count(), request);
            for (double percentile : PERCENTILES) {
                double expected = oneHistogram.percentileMillis(percentile); // reported as every summary reports it
                assertEquals(expected, figures.get("percentilesMillis").get("p" + Numbers.plain(percentile)).asDouble(), 1e-9,
                        request + " P" + percentile + " of the merge equals that of one histogram fed every sample");
            }
        }
        assertEquals("PASS", verdictOf(summary, "all throughput"), "the floor of 80 req/s holds for the three together");

        // One injector's data alone does not reach the whole run's floor: the PASS above came from the merge.
        ByteArrayOutputStream alone = new ByteArrayOutputStream();
        assertEquals(ExitCode.NO_GO, Judge.run(new String[] {run.resolve("injectors/0").toString(), "--thresholds",
                run.resolve("thresholds.json").toString()}, new PrintStream(alone, true, StandardCharsets.UTF_8)));

        // Judged again against a stricter file, the verdict flips; the target is long gone.
        Path stricter = Files.writeString(dir.resolve("stricter.json"), """
                {"description": "stricter", "thresholds": {"all": {"maxMillisAtPercentile": {"50": 0.5}}}}""");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(ExitCode.NO_GO, Judge.run(new String[] {run.toString(), "--thresholds", stricter.toString()},
                new PrintStream(again, true, StandardCharsets.UTF_8)), again.toString(StandardCharsets.UTF_8));
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("no request was sent"));
    }

    /**
     * Two injectors given one start instant measure the same window (within the second a merge
     * allows); injectors an abort rule stopped make the merge a NO-GO that names each, though every
     * merged threshold would hold.
     */
    @Test
    void injectorsGivenOneStartOverlapAndAbortedOnesMakeTheMergeNoGoNamingThem() throws Exception {
        String startAt = java.time.Instant.now().plus(INJECTOR_BOOT).toString();
        Map<String, String> aborting = Map.of("shard.startAt", startAt, "profile", "src/test/resources/profiles/sharded-abort.json");
        Path run = twoInjectors("sharded-abort", aborting, aborting, ExitCode.NO_GO, ExitCode.NO_GO);

        long from0 = measuredFrom(run, 0);
        long from1 = measuredFrom(run, 1);
        assertTrue(Math.abs(from0 - from1) < 1_000, "measured windows begin " + Math.abs(from0 - from1) + " ms apart");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ExitCode merged = Judge.run(new String[] {run.toString()}, new PrintStream(console, true, StandardCharsets.UTF_8));

        String output = console.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.NO_GO, merged, output);
        assertTrue(output.contains("VETO  injector 0: the load was ABORTED by abortOnFail/0"), output);
        assertTrue(output.contains("VETO  injector 1: the load was ABORTED by abortOnFail/0"), output);
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals("ABORTED", summary.get("status").asText());
        assertEquals("NO-GO", JSON.readTree(run.resolve("signoff.json").toFile()).get("verdict").asText());
    }

    /** Injectors started five seconds apart measured different windows: their merge is INCONCLUSIVE, naming the skew. */
    @Test
    void injectorsStartedFiveSecondsApartMergeInconclusiveNamingTheSkew() throws Exception {
        java.time.Instant start = java.time.Instant.now().plus(INJECTOR_BOOT);
        Path run = twoInjectors("sharded-skew", Map.of("shard.startAt", start.toString()),
                Map.of("shard.startAt", start.plusSeconds(5).toString()), ExitCode.OK, ExitCode.OK);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ExitCode merged = Judge.run(new String[] {run.toString()}, new PrintStream(console, true, StandardCharsets.UTF_8));

        String output = console.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCode.NO_GO, merged, output);
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals("INCONCLUSIVE", summary.get("status").asText(), output);
        assertTrue(java.util.regex.Pattern.compile("the injectors' measured windows began [45]\\.\\d s apart").matcher(output).find(),
                output);
    }

    /**
     * An injector killed mid-run (SIGKILL, it and its children: an OOM kill or a lost pod) leaves its plan and no
     * results: the merge of the run is NO-GO and names it, though the other injector's share holds every threshold.
     */
    @Test
    void anInjectorKilledMidRunMakesTheMergeNoGoNamingIt() throws Exception {
        String runId = "sharded-killed";
        String startAt = java.time.Instant.now().plus(INJECTOR_BOOT).toString();
        Path resultsRoot = freshResultsRoot(runId);
        try (ReferenceTarget reference = unlimitedReference()) {
            ExecutorService injectors = Executors.newFixedThreadPool(2);
            Future<GatlingFork.Result> zero = injectors.submit(() -> GatlingFork.run(runId + "-0", BackendApiSimulation.class,
                    injector(reference, runId, resultsRoot, 0, Map.of("shard.startAt", startAt))));
            Future<GatlingFork.Result> one = injectors.submit(() -> GatlingFork.run(runId + "-1", BackendApiSimulation.class,
                    injector(reference, runId, resultsRoot, 1, Map.of("shard.startAt", startAt)),
                    "Simulation " + BackendApiSimulation.class.getName() + " started", java.time.Duration.ofSeconds(4), GatlingFork::kill));
            assertEquals(ExitCode.OK.code(), zero.get().exitCode(), zero.get().output());
            assertEquals(137, one.get().exitCode(), "killed by SIGKILL: " + one.get().output());
            injectors.shutdown();
        }

        String output = judged(resultsRoot.resolve(runId), ExitCode.NO_GO);

        assertTrue(output.contains("VETO  injector 1 of 2 left no results: its folder "), output);
        assertTrue(output.contains("next: the merge describes only part of the planned load"), output);
        assertEquals("INCONCLUSIVE", JSON.readTree(resultsRoot.resolve(runId).resolve("summary.json").toFile()).get("status").asText());
    }

    /** An injector that starts after the common start refuses before any load, saying so in its folder; the merge names it. */
    @Test
    void anInjectorStartedAfterTheCommonStartIsRefusedAndTheMergeNamesIt() throws Exception {
        String runId = "sharded-late";
        java.time.Instant startAt = java.time.Instant.now().plus(INJECTOR_BOOT);
        Path resultsRoot = freshResultsRoot(runId);
        try (ReferenceTarget reference = unlimitedReference()) {
            ExecutorService injectors = Executors.newFixedThreadPool(2);
            Future<GatlingFork.Result> zero = injectors.submit(() -> GatlingFork.run(runId + "-0", BackendApiSimulation.class,
                    injector(reference, runId, resultsRoot, 0, Map.of("shard.startAt", startAt.toString()))));
            Future<GatlingFork.Result> one = injectors.submit(() -> {
                Thread.sleep(Math.max(0, startAt.toEpochMilli() + 2_000 - System.currentTimeMillis()));
                return GatlingFork.run(runId + "-1", BackendApiSimulation.class,
                        injector(reference, runId, resultsRoot, 1, Map.of("shard.startAt", startAt.toString())));
            });
            assertEquals(ExitCode.OK.code(), zero.get().exitCode(), zero.get().output());
            assertEquals(ExitCode.INVALID_CONFIG.code(), one.get().exitCode(), one.get().output());
            assertTrue(one.get().output().contains("this injector would measure a window the others did not"), one.get().output());
            injectors.shutdown();
        }

        String output = judged(resultsRoot.resolve(runId), ExitCode.NO_GO);

        assertTrue(output.contains("VETO  injector 1 of 2 was refused before any load: -Dshard.startAt: the injectors' start "
                + startAt + " passed "), output);
    }

    /** The reference target the injectors share, with no rate limit: the load is the injectors' to shape. */
    private static ReferenceTarget unlimitedReference() {
        return ReferenceTarget.start(ReferenceSettings.from(new Settings(Map.of(
                "STELLA_CLIENT_SECRET", SECRET, ReferenceSettings.RATE_LIMIT, "0"))));
    }

    /** The shared results root of a run, emptied of an earlier test run's folders. */
    private static Path freshResultsRoot(String runId) throws java.io.IOException {
        Path resultsRoot = Path.of("target", "e2e", runId + "-results").toAbsolutePath();
        GatlingFork.deleteTree(resultsRoot);
        return resultsRoot;
    }

    private static Map<String, String> injector(ReferenceTarget reference, String runId, Path resultsRoot, int index,
                                                Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("profile", "src/test/resources/profiles/sharded.json",
                "STELLA_BASE_URL", reference.baseUrl().toString(), "STELLA_CLIENT_ID", "stella-harness",
                "STELLA_CLIENT_SECRET", SECRET, "shard", index + "/2", "STELLA_RUN_ID", runId,
                "harness.resultsRoot", resultsRoot.toString()));
        properties.putAll(extra);
        return properties;
    }

    /** The judge's console on {@code run}, having checked its exit code. */
    private static String judged(Path run, ExitCode expected) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ExitCode code = Judge.run(new String[] {run.toString()}, new PrintStream(console, true, StandardCharsets.UTF_8));
        String output = console.toString(StandardCharsets.UTF_8);
        assertEquals(expected, code, output);
        return output;
    }

    /** Two injectors of one run against one reference target, each with its own extra settings; each must exit as given. */
    private static Path twoInjectors(String runId, Map<String, String> first, Map<String, String> second, ExitCode firstExits,
                                     ExitCode secondExits)
            throws Exception {
        Path resultsRoot = freshResultsRoot(runId);
        try (ReferenceTarget reference = unlimitedReference()) {
            ExecutorService injectors = Executors.newFixedThreadPool(2);
            List<Future<GatlingFork.Result>> runs = new ArrayList<>();
            List<Map<String, String>> extras = List.of(first, second);
            for (int index = 0; index < 2; index++) {
                Map<String, String> properties = new HashMap<>(Map.of("profile", "src/test/resources/profiles/sharded.json",
                        "STELLA_BASE_URL", reference.baseUrl().toString(), "STELLA_CLIENT_ID", "stella-harness",
                        "STELLA_CLIENT_SECRET", SECRET, "shard", index + "/2", "STELLA_RUN_ID", runId,
                        "harness.resultsRoot", resultsRoot.toString()));
                properties.putAll(extras.get(index));
                String name = runId + "-" + index;
                runs.add(injectors.submit(() -> GatlingFork.run(name, BackendApiSimulation.class, properties)));
            }
            GatlingFork.Result zero = runs.get(0).get();
            assertEquals(firstExits.code(), zero.exitCode(), zero.output());
            GatlingFork.Result one = runs.get(1).get();
            assertEquals(secondExits.code(), one.exitCode(), one.output());
            injectors.shutdown();
        }
        return resultsRoot.resolve(runId);
    }

    private static long measuredFrom(Path run, int injector) throws Exception {
        JsonNode summary = JSON.readTree(run.resolve("injectors/" + injector + "/summary.json").toFile());
        return java.time.Instant.parse(summary.get("window").get("measuredFrom").asText()).toEpochMilli();
    }

    /** One histogram fed every measured interval of every injector, read here on its own: what a merge must equal. */
    private static Histogram rawHistogramOfAll(Path run, String request) throws Exception {
        Histogram all = new Histogram(3);
        for (int index = 0; index < 3; index++) {
            Path folder = run.resolve("injectors/" + index);
            HistogramLogReader reader = new HistogramLogReader(folder.resolve("latency.hlog").toFile());
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                Histogram histogram = (Histogram) interval;
                boolean measured = !histogram.getTag().startsWith(IntervalLogRecorder.WARM_UP_TAG_PREFIX);
                if (measured && (request.equals("all") || request.equals(histogram.getTag()))) {
                    all.add(histogram);
                }
            }
        }
        return all;
    }

    private static String verdictOf(JsonNode summary, String prefix) {
        for (JsonNode verdict : summary.get("thresholds")) {
            if (verdict.get("threshold").asText().startsWith(prefix)) {
                return verdict.get("status").asText();
            }
        }
        throw new AssertionError("no threshold " + prefix + " in " + summary.get("thresholds"));
    }
}
