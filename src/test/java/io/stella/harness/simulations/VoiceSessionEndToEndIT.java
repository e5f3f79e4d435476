package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.judgement.ExitCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LiveKit journeys run as a user runs them, each in its own JVM against the embedded target. */
class VoiceSessionEndToEndIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CLIENT_SECRET = "e2e-client-secret-1d5f";
    static final String JWT_SECRET = "e2e-jwt-secret-8c2a77";
    static final String LIVEKIT_SECRET = "e2e-livekit-secret-40be19";
    /** The header of any JWT (HS256): no token of the run may be written anywhere. */
    static final Pattern ANY_JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ");

    /** A backend shaped otherwise than v1 everywhere (paths, OAuth2 form token, nested answers, statuses). */
    static final String OTHER_CONTRACT = "src/test/resources/contracts/oauth-nested.json";

    /**
     * The runs judged on errors and abort rules only (no latency band, no GO needed): side by side, the
     * run a real Prometheus scrapes (LiveMetricsEndToEndIT's: totals, not latencies) and the two runs an
     * abort rule stops. The runs whose assertions need the injector on schedule (the token run's GO, fifty
     * sessions, agent delay) each run alone.
     */
    static final GatlingFork.SideBySide ERRORS_AND_ABORTS = new GatlingFork.SideBySide(3)
            .add("live-metrics", LiveMetricsEndToEndIT::prometheusScrapesARun)
            .add("voice-abort", () -> GatlingFork.run("voice-abort", VoiceSessionSimulation.class, Map.of(
                    "profile", "src/test/resources/profiles/voice-abort.json", "REFERENCE_MAX_PARTICIPANTS", "1")))
            .add("livekit-tokens-abort", () -> GatlingFork.run("livekit-tokens-abort", LiveKitTokenSimulation.class, Map.of(
                    "profile", "src/test/resources/profiles/livekit-tokens-abort.json", "REFERENCE_ERROR_PERCENT", "100")));

    /**
     * The shipped voice profile's load (with limits a busy CI box meets: voice-e2e.json), against a
     * target that speaks another contract (and the harness told so through the contract file only): the LiveKit URL and participant token come from where that
     * contract keeps them. Every WebSocket action counts among the requests in flight.
     */
    @Test
    void fiftyConcurrentVoiceSessionsPassAndReportTheVoiceMetrics() throws Exception {
        GatlingFork.Result run = GatlingFork.run("voice", VoiceSessionSimulation.class, Map.of(
                "profile", "src/test/resources/profiles/voice-e2e.json", "STELLA_CONTRACT", OTHER_CONTRACT,
                "STELLA_CLIENT_SECRET", CLIENT_SECRET, "JWT_SECRET", JWT_SECRET, "LIVEKIT_API_SECRET", LIVEKIT_SECRET));

        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        assertEquals("PASS", summary.get("status").asText());
        assertTrue(summary.get("peakSessionsHeld").asInt() >= 45, "peak sessions held: " + summary.get("peakSessionsHeld"));
        assertTrue(summary.get("safety").get("peakConcurrentRequests").asInt() >= 2,
                "pings and joins of concurrent sessions overlap: " + summary.get("safety"));
        assertTrue(!run.output().contains("not timed live"), run.output());
        io.stella.harness.results.ResultSchemas.assertValid(run.onlyRunFolder());
        for (String metric : List.of("timeToJoin", "timeToAgent", "sessionSetup", "signalingRtt")) {
            JsonNode percentiles = summary.get("voiceMetrics").get(metric).get("measured").get("percentilesMillis");
            for (String p : List.of("p50", "p95", "p99")) {
                assertTrue(percentiles.get(p).isNumber(), metric + " " + p + " in " + percentiles);
            }
        }
        // Plausible, not only present: the stand-in's agent joins 200 ms after dispatch (REFERENCE_AGENT_DELAY_MS);
        // a fresh clone's CI read time to agent P50 198 ms, join 7 ms, setup 214 ms, signaling RTT 2 ms.
        assertBetween(180, 260, p50(summary, "timeToAgent"), "time to agent P50, agent delay 200 ms");
        assertBetween(0, 100, p50(summary, "timeToJoin"), "time to join P50 on loopback");
        assertBetween(0, 50, p50(summary, "signalingRtt"), "signaling RTT P50 on loopback");
        assertTrue(p50(summary, "agentWait") <= p50(summary, "timeToAgent"), "the wait after joining is part of time to agent");
        assertTrue(p50(summary, "sessionSetup") >= p50(summary, "timeToAgent"), "setup from arrival includes time to agent");
        assertEquals(List.of("token", "createSession", "timeToJoin", "agentWait"),
                summary.get("setupBudget").get("stages").findValuesAsText("stage"));

        assertNoSecretIn(run, List.of(CLIENT_SECRET, JWT_SECRET, LIVEKIT_SECRET));
    }

    @Test
    void anAgentThatJoinsAfter300MillisecondsReadsAsTimeToAgent300() throws Exception {
        GatlingFork.Result run = GatlingFork.run("agent-delay", VoiceSessionSimulation.class, Map.of(
                "profile", "src/test/resources/profiles/agent-delay.json", "REFERENCE_AGENT_DELAY_MS", "300"));

        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        double p50 = summary.get("voiceMetrics").get("timeToAgent").get("measured").get("percentilesMillis").get("p50").asDouble();
        assertEquals(300, p50, 20, "time to agent P50");
    }

    @Test
    void theTokenSimulationValidatesParticipantTokensAndDrivesRoomService() throws Exception {
        // alone: its GO needs the injector on its schedule (beside two other JVMs on a busy machine it fell behind: INCONCLUSIVE)
        GatlingFork.Result run = GatlingFork.run("livekit-tokens", LiveKitTokenSimulation.class, Map.of(
                "profile", "src/test/resources/profiles/livekit-tokens-errors.json", "STELLA_CONTRACT", OTHER_CONTRACT));

        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        JsonNode requests = summary.get("requests");
        for (String request : List.of("validateToken", "createRoom", "listRooms", "deleteRoom")) {
            assertTrue(requests.get(request).get("wholeRun").get("count").asLong() > 0, request);
            assertEquals(0, requests.get(request).get("wholeRun").get("errors").asLong(), request);
        }
        assertTrue(summary.get("safety").get("peakConcurrentRequests").asInt() >= 1, summary.get("safety").toString());
        assertTrue(!run.output().contains("not timed live"), run.output());
    }

    /** LiveKit refuses every join past the first participant: a rule on the WebSocket join stops the run. */
    @Test
    void anAbortRuleOnTheWebSocketJoinStopsAVoiceRun() throws Exception {
        GatlingFork.Result run = ERRORS_AND_ABORTS.result("voice-abort");

        assertAbortedBy(run, "abortOnFail/0 (join errors > 50% for 2 s)");
    }

    /** The backend fails every call: a rule on the token calls of the LiveKit token simulation stops it. */
    @Test
    void anAbortRuleStopsALivekitTokenRun() throws Exception {
        GatlingFork.Result run = ERRORS_AND_ABORTS.result("livekit-tokens-abort");

        assertAbortedBy(run, "abortOnFail/0 (token errors > 50% for 2 s)");
    }

    private static void assertAbortedBy(GatlingFork.Result run, String rule) throws Exception {
        assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
        assertTrue(run.output().contains("STELLA harness: ABORTED by " + rule), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        assertEquals("ABORTED", summary.get("status").asText());
        assertTrue(summary.get("safety").get("abortedBy").asText().startsWith("abortOnFail/0"), summary.get("safety").toString());
    }

    static double p50(JsonNode summary, String metric) {
        return summary.get("voiceMetrics").get(metric).get("measured").get("percentilesMillis").get("p50").asDouble();
    }

    static void assertBetween(double low, double high, double value, String what) {
        assertTrue(value >= low && value <= high, what + ": " + value + " not within " + low + ".." + high);
    }

    /** Every file the run wrote (our folder, Gatling's run folder) and everything it printed. */
    static void assertNoSecretIn(GatlingFork.Result run, List<String> secrets) throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(run.resultsRoot(), run.gatlingResults())) {
            try (Stream<Path> tree = Files.walk(root)) {
                tree.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertTrue(files.size() > 5, "the scan must see the run's files: " + files);
        List<String> leaks = new ArrayList<>();
        scan("console output", run.output(), secrets, leaks);
        for (Path file : files) {
            scan(file.toString(), new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1), secrets, leaks);
        }
        assertEquals(List.of(), leaks);
    }

    /** Adds to {@code leaks} where {@code text} holds one of the secrets or any token. */
    static void scan(String where, String text, List<String> secrets, List<String> leaks) {
        secrets.stream().filter(text::contains).forEach(secret -> leaks.add(where + " holds a configured secret"));
        if (ANY_JWT.matcher(text).find()) {
            leaks.add(where + " holds a token");
        }
    }
}
