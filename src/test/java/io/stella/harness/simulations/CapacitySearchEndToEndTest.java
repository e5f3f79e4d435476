package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capacity search against a reference target whose capacity we set: every API answer held 20 ms
 * and at most N calls in flight, so about N / 20 ms calls a second fit (Little's law); above that
 * the target sheds with 503. Halving N must move the knee down.
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
        assertTrue(narrowKnee < wideKnee, "knee with 2 in flight " + narrowKnee + " vs with 4 in flight " + wideKnee);
        assertTrue(narrow.get("planning").has("headroom"), narrow.toString());
    }

    static JsonNode capacity(String name, String maxConcurrent) throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of("profile", "src/test/resources/profiles/capacity-short.json",
                "REFERENCE_ADDED_LATENCY", "20ms", "REFERENCE_MAX_CONCURRENT", maxConcurrent,
                "REFERENCE_RATE_LIMIT_PER_SEC", "0"));
        GatlingFork.Result run = GatlingFork.run(name, properties);
        assertTrue(run.exitCode() == 0 || run.exitCode() == 99, run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        return summary.get("capacity");
    }
}
