package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.Settings;
import io.stella.harness.reference.ReceivedTraces;
import io.stella.harness.reference.ReceivedTraces.Received;
import io.stella.harness.reference.ReferenceSettings;
import io.stella.harness.reference.ReferenceTarget;
import io.stella.harness.judgement.ExitCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the harness says it sends reaches the target: a run in its own JVM against a reference target
 * in this process, which records the trace context of every request it receives; summary.json's
 * slowest requests are then looked up there, as a person would look them up in the target's traces.
 */
class TraceContextEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "trace-context-secret";

    /** What a run left, and what its target received. */
    private record Run(GatlingFork.Result result, ReceivedTraces received) {
    }

    @Test
    void everySlowestRequestReachedTheTargetWithItsTraceIdInBothHeadersNotMarkedSampled() throws Exception {
        Run run = run("trace-default", Map.of("profile", "smoke"));

        assertJudged(run.result());
        JsonNode summary = JSON.readTree(run.result().onlyRunFolder().resolve("summary.json").toFile());
        List<String> slowest = slowestTraceIds(summary);
        Set<Received> received = run.received().all();
        assertTrue(slowest.size() >= 5, "summary.json names the slowest requests: " + slowest);
        for (String traceId : slowest) {
            assertTrue(received.contains(new Received(traceId, "00", traceId)),
                    traceId + " reached the target as traceparent 00-" + traceId + "-<span>-00 and X-Request-Id " + traceId);
        }
        long traced = received.stream().filter(entry -> entry.traceId() != null).count();
        assertTrue(traced >= summary.get("requests").get("all").get("wholeRun").get("count").asLong(),
                "every request of the run carried a traceparent: " + traced + " received");
        assertTrue(received.stream().allMatch(entry -> entry.traceId() == null || entry.flags().equals("00")),
                "no request asked the target to trace it");
        assertFalse(run.result().output().contains("  traces  "), run.result().output());
    }

    @Test
    void askedForEveryRequestIsMarkedSampledAndTheRunSaysSo() throws Exception {
        Run run = run("trace-sampled", Map.of("profile", "src/test/resources/profiles/one-second.json", "trace.sampled", "true"));

        assertJudged(run.result());
        JsonNode summary = JSON.readTree(run.result().onlyRunFolder().resolve("summary.json").toFile());
        Set<Received> received = run.received().all();
        for (String traceId : slowestTraceIds(summary)) {
            assertTrue(received.contains(new Received(traceId, "01", traceId)), traceId + " marked sampled: " + received);
        }
        assertTrue(received.stream().anyMatch(entry -> entry.traceId() != null), received.toString());
        assertTrue(received.stream().allMatch(entry -> entry.traceId() == null || entry.flags().equals("01")), received.toString());
        assertTrue(run.result().output().contains("  traces  every request's traceparent is marked sampled (flags 01,"
                + " -Dtrace.sampled=true)"), run.result().output());
    }

    @Test
    void aTraceSampledOtherThanTrueOrFalseIsRefusedBeforeAnyLoadInOneLine() throws Exception {
        Run run = run("trace-maybe", Map.of("profile", "src/test/resources/profiles/one-second.json", "trace.sampled", "maybe"));

        assertEquals(ExitCode.INVALID_CONFIG.code(), run.result().exitCode(), run.result().output());
        assertTrue(run.result().output().lines().anyMatch(line -> line.equals("trace.sampled: must be true or false (was maybe)")),
                run.result().output());
        BackendApiSimulationEndToEndIT.assertNoLoadWasSent(run.result());
        assertTrue(run.received().all().isEmpty(), "the target heard nothing: " + run.received().all());
    }

    /** The run against a reference target of its own, started here and stopped once the run has ended. */
    private static Run run(String name, Map<String, String> settings) throws Exception {
        try (ReferenceTarget reference = ReferenceTarget.start(ReferenceSettings.from(new Settings(Map.of(
                "STELLA_CLIENT_SECRET", SECRET))))) {
            Map<String, String> properties = new HashMap<>(settings);
            properties.putAll(Map.of("STELLA_BASE_URL", reference.baseUrl().toString(), "STELLA_CLIENT_ID",
                    reference.settings().clientId(), "STELLA_CLIENT_SECRET", SECRET,
                    "CORS_ORIGINS", String.join(",", reference.settings().corsOrigins())));
            GatlingFork.Result result = GatlingFork.run(name, BackendApiSimulation.class, properties);
            assertEquals(0, reference.received().notRecorded(), "the target's record holds the whole run");
            return new Run(result, reference.received());
        }
    }

    /** The run was judged, GO or NO-GO: its verdict rests on latency on a shared machine, what reached the target does not. */
    private static void assertJudged(GatlingFork.Result result) {
        assertTrue(result.exitCode() == ExitCode.OK.code() || result.exitCode() == ExitCode.NO_GO.code(), result.output());
    }

    /** Every trace id in summary.json's {@code requests.<name>.slowest}. */
    private static List<String> slowestTraceIds(JsonNode summary) {
        List<String> traceIds = new ArrayList<>();
        summary.get("requests").forEach(request -> request.path("slowest").forEach(slow -> traceIds.add(slow.get("traceId").asText())));
        return traceIds;
    }
}
