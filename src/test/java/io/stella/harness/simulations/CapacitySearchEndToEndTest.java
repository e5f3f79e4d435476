package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.run.ExitCode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capacity search against a reference target whose capacity we set: every API answer held 20 ms
 * and at most N calls in flight, so about N / 20 ms calls a second fit (Little's law); above that
 * the target sheds with 503. With 4 in flight that is 200 calls/s; a journey of this mix makes 4.3
 * calls, so the knee is near 45 journeys/s less the time the harness and the target spend besides
 * the 20 ms (measured on a fresh clone, 2026-12-01: 41.25); with 2 in flight near half that (19.84).
 * The bands allow a loaded 2-core machine its noise; the knees' ratio must follow the limit's.
 */
class CapacitySearchEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLowerConcurrencyLimitMovesTheKneeDown() throws Exception {
        JsonNode wide = capacity("capacity-limit-4", "4");
        JsonNode narrow = capacity("capacity-limit-2", "2");

        assertEquals("KNEE_FOUND", wide.get("finding").asText(), wide.toString());
        assertEquals("KNEE_FOUND", narrow.get("finding").asText(), narrow.toString());
        double wideKnee = wide.get("kneeRatePerSec").asDouble();
        double narrowKnee = narrow.get("kneeRatePerSec").asDouble();
        assertTrue(wideKnee >= 30 && wideKnee <= 50, "knee with 4 in flight, journeys/s: " + wideKnee);
        assertTrue(narrowKnee >= 15 && narrowKnee <= 25, "knee with 2 in flight, journeys/s: " + narrowKnee);
        assertTrue(narrowKnee / wideKnee >= 0.35 && narrowKnee / wideKnee <= 0.65,
                "halving the limit about halves the knee: " + narrowKnee + " / " + wideKnee);
        assertTrue(narrow.get("planning").has("headroom"), narrow.toString());
    }

    static JsonNode capacity(String name, String maxConcurrent) throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of("profile", "src/test/resources/profiles/capacity-short.json",
                "REFERENCE_ADDED_LATENCY", "20ms", "REFERENCE_MAX_CONCURRENT", maxConcurrent,
                "REFERENCE_RATE_LIMIT_PER_SEC", "0"));
        GatlingFork.Result run = GatlingFork.run(name, properties);
        // GO: the thresholds hold at the knee, a knee was found, and planning's headroom (knee / 5) is ample
        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        io.stella.harness.results.ResultSchemas.assertValid(run.onlyRunFolder());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        return summary.get("capacity");
    }
}
