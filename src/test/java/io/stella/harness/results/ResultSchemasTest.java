package io.stella.harness.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schemas can fail: a verdict without its numbers, or a status no run has, is refused. */
class ResultSchemasTest {

    static final String SUMMARY = """
            {"status": "PASS", "simulation": "S", "profile": {"name": "p"},
             "window": {"measuredFrom": "2026-12-01T10:00:00Z", "measuredSec": 15},
             "requests": {"all": {"measured": {"count": 3, "errors": 0, "percentilesMillis": {"p50": 1.0}}}},
             "thresholds": [{"threshold": "all P50 <= 50 ms", "status": "PASS", "required": "<= 50 ms", "actual": "1 ms",
                             "measured": {"limit": 50, "value": 1.0, "ciLow": null, "ciHigh": 2.0, "samples": 3, "unit": "ms"}}]}
            """;

    @Test
    void aSummaryWithNumericVerdictsFits() throws Exception {
        assertTrue(ResultSchemas.problems(ResultSchemas.SUMMARY, ResultSchemas.JSON.readTree(SUMMARY)).isEmpty());
    }

    @Test
    void aVerdictWithoutNumbersOrAnUnknownStatusDoesNot() throws Exception {
        ObjectNode summary = (ObjectNode) ResultSchemas.JSON.readTree(SUMMARY);
        ((ObjectNode) summary.get("thresholds").get(0)).remove("measured");
        summary.put("status", "GREAT");

        var problems = ResultSchemas.problems(ResultSchemas.SUMMARY, summary);

        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().anyMatch(problem -> problem.contains("measured")), problems.toString());
        assertTrue(problems.stream().anyMatch(problem -> problem.contains("status")), problems.toString());
    }

    @Test
    void theSchemasAreWhereReadmeSaysTheyAre() {
        assertTrue(Path.of("schemas", "summary.schema.json").toFile().isFile());
        assertTrue(Path.of("schemas", "signoff.schema.json").toFile().isFile());
    }
}
