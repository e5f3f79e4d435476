package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.judgement.ExitCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Known truth: the reference target adds a latency we chose, and the harness must read it back.
 * Three runs of one light profile: no added latency (the base), +20 ms on every answer, and
 * 98% +10 ms / 2% +200 ms. Figures are the measured window's, all requests together; the issue's
 * tolerance is 2 ms either way.
 */
class MeasurementAccuracyEndToEndIT {

    static final String PROFILE = "src/test/resources/profiles/accuracy.json";
    static final double TOLERANCE_MILLIS = 2.0;
    static JsonNode base;

    @BeforeAll
    static void measureTheBase() throws Exception {
        base = measured("accuracy-base", Map.of());
    }

    @Test
    void twentyMillisecondsAddedToEveryAnswerRaiseP50ByTwenty() throws Exception {
        JsonNode slower = measured("accuracy-plus20", Map.of("REFERENCE_ADDED_LATENCY", "20ms"));

        assertEquals(p(base, "p50") + 20, p(slower, "p50"), TOLERANCE_MILLIS, describe(slower));
    }

    @Test
    void aNinetyEightTwoMixReadsPlusTenAtP50AndPlusTwoHundredAtP99() throws Exception {
        JsonNode mixed = measured("accuracy-mix", Map.of("REFERENCE_ADDED_LATENCY", "98%:10ms,2%:200ms"));

        assertEquals(p(base, "p50") + 10, p(mixed, "p50"), TOLERANCE_MILLIS, describe(mixed));
        // P99 falls in the middle of the slow 2%: their own base latency plus 200 ms.
        assertEquals(p(base, "p50") + 200, p(mixed, "p99"), TOLERANCE_MILLIS, describe(mixed));
    }

    static JsonNode measured(String name, Map<String, String> referenceSettings) throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(referenceSettings);
        properties.put("profile", PROFILE);
        GatlingFork.Result run = GatlingFork.run(name, properties);
        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        JsonNode summary = new ObjectMapper().readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        return summary.get("requests").get("all").get("measured");
    }

    static double p(JsonNode measured, String percentile) {
        return measured.get("percentilesMillis").get(percentile).asDouble();
    }

    static String describe(JsonNode measured) {
        return "base " + base.get("percentilesMillis") + " vs " + measured.get("percentilesMillis");
    }
}
