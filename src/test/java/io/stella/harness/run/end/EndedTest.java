package io.stella.harness.run.end;

import io.stella.harness.judgement.ExitCode;
import io.stella.harness.results.Summary;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A run's last lines: what a release manager reads first, so a missed limit and an unproven one read differently. */
class EndedTest {

    @Test
    void theLastLinesNameEachThresholdThatDidNotPassUnderItsStatus() {
        Summary summary = Summary.builder().status("INCONCLUSIVE").thresholds(List.of(
                view("voiceToVoiceWire P50 <= 1800 ms", "PASS", "<= 1800 ms", "1302 ms (95% CI 1301..1303 ms, n=213)", null),
                view("timeToGreetingWire P90 <= 2000 ms", "INCONCLUSIVE", "<= 2000 ms", "259 ms (95% CI 249..2176 ms, n=68)",
                        "the confidence interval straddles the limit"),
                view("call errors <= 2 %", "FAIL", "<= 2 %", "3.5 % (3 of 86)", null))).build();
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        new Ended(Path.of("results", "run"), null, summary, ExitCode.NO_GO).printLastLines(new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(List.of(
                "  INCONCLUSIVE: timeToGreetingWire P90 <= 2000 ms: required <= 2000 ms, actual 259 ms (95% CI 249..2176 ms, n=68)"
                        + " (the confidence interval straddles the limit)",
                "  FAIL: call errors <= 2 %: required <= 2 %, actual 3.5 % (3 of 86)",
                "STELLA harness: NO-GO, exit code 99; results in " + Path.of("results", "run")),
                console.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private static Summary.VerdictView view(String threshold, String status, String required, String actual, String reason) {
        return new Summary.VerdictView(threshold, status, required, actual, reason, null, null);
    }
}
