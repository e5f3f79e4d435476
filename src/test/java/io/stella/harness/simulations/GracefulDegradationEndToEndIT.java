package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.reference.ReferenceSwitches;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capacity search followed by 1.5x its knee and then 0.5x, against the embedded reference target:
 * as it ships it sheds the excess at once with 429 + Retry-After (PASS); told to refuse slowly (each
 * refusal held a second, as a bare 503) the graceful-degradation item FAILS and says why.
 */
class GracefulDegradationEndToEndIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROFILE = "src/test/resources/profiles/degradation-e2e.json";

    @Test
    void fastSheddingPassesWithEveryFigureReported() throws Exception {
        JsonNode summary = run("degradation-fast", Map.of());
        JsonNode degradation = summary.get("degradation");

        assertEquals("PASS", degradation.get("status").asText(), degradation.toString());
        JsonNode evidence = degradation.get("evidence");
        assertTrue(evidence.get("refused").asLong() > 0, "2x the knee must be refused in part: " + evidence);
        assertEquals(0, evidence.get("refusedWithoutRetryAfter").asLong(), evidence.toString());
        assertTrue(evidence.get("refusalP99Millis").asDouble() <= 100, evidence.toString());
        assertEquals(2 * evidence.get("kneeRatePerSec").asDouble(), evidence.get("overloadRatePerSec").asDouble(), 1e-6);
        assertTrue(evidence.get("recoveredWithinSec").isNumber(), evidence.toString());
        assertTrue(degradation.get("timeline").size() >= 17, "a second-by-second timeline of overload and recovery");
    }

    @Test
    void slowRefusalsFailTheItemWithTheReason() throws Exception {
        JsonNode summary = run("degradation-slow", Map.of(ReferenceSwitches.FAST_SHEDDING, "false"));
        JsonNode degradation = summary.get("degradation");

        assertEquals("FAIL", degradation.get("status").asText(), degradation.toString());
        String reason = degradation.get("reason").asText();
        assertTrue(reason.contains("refused slowly"), reason);
        assertTrue(reason.contains("without Retry-After"), reason);
    }

    private static JsonNode run(String name, Map<String, String> reference) throws Exception {
        Map<String, String> properties = new HashMap<>(reference);
        properties.put("profile", PROFILE);
        GatlingFork.Result run = GatlingFork.run(name, properties);
        assertTrue(run.exitCode() == 0 || run.exitCode() == 99, run.output());
        return JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
    }
}
