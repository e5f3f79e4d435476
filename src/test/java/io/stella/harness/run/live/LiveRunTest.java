package io.stella.harness.run.live;

import io.stella.harness.config.AbortRule;
import io.stella.harness.config.Connections;
import io.stella.harness.config.ConversationShape;
import io.stella.harness.config.Limits;
import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Profile;
import io.stella.harness.config.VoiceShape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveRunTest {

    private static final long START = 1_000_000L;

    @Test
    void atTheCeilingOfRequestsInFlightAnArrivingUserIsTurnedAwayAndCounted() {
        LiveRun live = new LiveRun(profile(2, List.of()), null);
        live.runStarts(START);

        assertTrue(live.admit("journey", START));
        live.requestStarts();
        live.requestStarts();
        assertFalse(live.admit("journey", START + 10), "two in flight, ceiling two");
        assertFalse(live.admit("probes", START + 20));
        live.requestEnds("token", START, 30, 200, false, false);
        assertTrue(live.admit("journey", START + 40), "one answered: room for one more");

        LiveRun.Observed observed = live.observed();
        assertEquals(2, observed.maxConcurrentRequests());
        assertEquals(2, observed.peakConcurrentRequests());
        assertEquals(2, observed.usersTurnedAwayAtCeiling());
        assertNull(observed.aborted());
    }

    @Test
    void failuresReachTheAbortRulesByTheirCompletionTime() {
        LiveRun live = new LiveRun(profile(100, List.of(new AbortRule("all", 50.0, null, null, 1, 0))), null);
        live.runStarts(START);

        for (int i = 0; i < 4; i++) {
            live.requestStarts();
            live.requestEnds("createSession", START + 100, 500, null, false, true); // ended in second 0
        }
        assertNull(live.aborted(), "second 0 is judged once a later answer shows it is over");
        live.requestStarts();
        live.requestEnds("healthz", START + 1_200, 10, 200, false, false);

        assertEquals("abortOnFail/0 (all errors > 50% for 1 s) fired 1 s into the run: errors 100% of 4 in second 0",
                live.aborted().describe());
        assertEquals(live.aborted(), live.observed().aborted());
    }

    private static Profile profile(int maxConcurrentRequests, List<AbortRule> rules) {
        return new Profile("p", "p.json", "d", new LoadShape(0, 1, 0, 1, 10), Map.of("journey", 1.0), List.of(), 1000,
                VoiceShape.DEFAULT, Set.of(), null, new Limits(100, maxConcurrentRequests), rules, Connections.DEFAULT,
                ConversationShape.DEFAULT);
    }
}
