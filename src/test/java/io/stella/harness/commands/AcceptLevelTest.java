package io.stella.harness.commands;

import io.stella.harness.judgement.ExitCode;
import io.stella.harness.results.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accepting a nightly's new level: the runs that regressed since the last good one, who and why, on a line of its own. */
class AcceptLevelTest {

    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theRunsThatRegressedSinceTheLastGoodOneAreAcceptedWithWhoAndWhy() throws IOException {
        Path history = history(night(1, 0), night(2, 0), night(3, 2), night(4, 3));

        String output = accepted(ExitCode.OK, history.toString(), "--by", "alice", "--why", "TLS now ends at the pod");

        History.Contents contents = History.read(history);
        assertEquals(List.of(new History.Acceptance(NOW.toString(), "capacity", "alice", "TLS now ends at the pod",
                List.of("2026-11-03T02:00:00Z", "2026-11-04T02:00:00Z"))), contents.acceptances());
        assertEquals(4, History.goodRuns(contents, "capacity").size(), "the accepted runs are good runs now");
        assertEquals(1, History.goodRuns(contents, "capacity").get(3).level(), "they begin a new level");
        assertTrue(output.startsWith("accepted 2 run(s) of profile capacity as its new level, from the run of 2026-11-03T02:00:00Z"),
                output);
    }

    @Test
    void nothingRegressedIsNothingToAccept() throws IOException {
        Path history = history(night(1, 0), night(2, 0));

        assertEquals("accept: " + history + ": no run of profile capacity regressed since its last good run; nothing to accept",
                accepted(ExitCode.INVALID_CONFIG, history.toString(), "--by", "alice", "--why", "x"));
    }

    @Test
    void whoAndWhyAreRequired() throws IOException {
        Path history = history(night(1, 2));

        assertTrue(accepted(ExitCode.INVALID_CONFIG, history.toString(), "--by", "alice")
                .startsWith("accept: say who accepts and why (--by, --why)"));
    }

    private String accepted(ExitCode expected, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(expected, AcceptLevel.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), NOW));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private static String night(int day, int regressions) {
        return String.format(java.util.Locale.ROOT, "{\"runStart\": \"2026-11-%02dT02:00:00Z\", \"profile\": \"capacity\", \"status\":"
                + " \"PASS\", \"signOff\": \"%s\", \"kneeRatePerSec\": 50.0, \"regressions\": %d, \"folder\": \"results/night-%d\"}",
                day, regressions == 0 ? "GO" : "NO-GO", regressions, day);
    }

    private Path history(String... lines) throws IOException {
        return Files.writeString(dir.resolve("history.jsonl"), String.join("\n", lines) + "\n");
    }
}
