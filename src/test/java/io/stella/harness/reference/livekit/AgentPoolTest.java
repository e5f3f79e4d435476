package io.stella.harness.reference.livekit;

import io.livekit.server.AgentDispatchServiceClient;
import io.livekit.server.RoomServiceClient;
import livekit.LivekitModels;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stand-in's agent pool, driven by the LiveKit SDK's own clients: a dispatch beyond the pool
 * waits for a free agent and gets one when a conversation ends, or none past the wait limit; the
 * target's /metrics shows the pool as it is.
 */
class AgentPoolTest {

    @Test
    void aDispatchBeyondThePoolWaitsForAFreeAgentAndGetsNoneOnceItWaitedTooLong() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of("REFERENCE_AGENT_DELAY_MS", "0",
                AgentPool.WORKERS, "2", AgentPool.CONVERSATIONS_PER_WORKER, "1", AgentPool.MAX_WAIT, "2000"))) {
            RoomServiceClient rooms = RoomServiceClient.createClient(standIn.httpUrl(), StandInFixture.API_KEY, StandInFixture.API_SECRET);
            AgentDispatchServiceClient dispatches = AgentDispatchServiceClient.createClient(standIn.httpUrl(),
                    StandInFixture.API_KEY, StandInFixture.API_SECRET);
            for (String room : List.of("first", "second", "third")) {
                rooms.createRoom(room).execute();
                dispatches.createDispatch(room, "stella-agent", "{}").execute();
            }

            assertEquals(1, agentsIn(rooms, "first", 1));
            assertEquals(1, agentsIn(rooms, "second", 1));
            assertEquals(0, agentsIn(rooms, "third", 0));
            assertEquals(Map.of("workers", 2.0, "busy", 2.0, "free", 0.0, "waiting", 1.0, "unanswered", 0.0), pool(standIn));

            rooms.deleteRoom("first").execute();
            assertEquals(1, agentsIn(rooms, "third", 1), "the freed agent takes the waiting conversation");

            rooms.createRoom("fourth").execute();
            dispatches.createDispatch("fourth", "stella-agent", "{}").execute();
            Thread.sleep(2_500);
            assertEquals(0, agentsIn(rooms, "fourth", 0));
            assertEquals(Map.of("workers", 2.0, "busy", 2.0, "free", 0.0, "waiting", 0.0, "unanswered", 1.0), pool(standIn));
            rooms.deleteRoom("second").execute();
            Thread.sleep(300);
            assertEquals(0, agentsIn(rooms, "fourth", 0), "a conversation given up on stays unanswered");
        }
    }

    @Test
    void withItsAgentMetricsSwitchedOffTheTargetSaysNothingOfThePool() throws Exception {
        try (StandInFixture standIn = new StandInFixture(Map.of("REFERENCE_AGENT_METRICS", "false"))) {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(standIn.httpUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("stella_active_sessions"), metrics);
            assertTrue(!metrics.contains("stella_agent"), metrics);
        }
    }

    /** The room's agents once {@code expected} are there, or after two seconds (a third of one when none is expected). */
    private static int agentsIn(RoomServiceClient rooms, String room, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + (expected > 0 ? 2_000 : 300);
        int agents;
        do {
            agents = (int) rooms.listParticipants(room).execute().body().stream()
                    .filter(participant -> participant.getKind() == LivekitModels.ParticipantInfo.Kind.AGENT).count();
            if (agents == expected && expected > 0) {
                return agents;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        return agents;
    }

    /** The pool's gauges from the target's /metrics. */
    private static Map<String, Double> pool(StandInFixture standIn) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(standIn.httpUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Map.of("workers", sample(metrics, "stella_agent_workers "),
                "busy", sample(metrics, "stella_agent_conversations{state=\"busy\"} "),
                "free", sample(metrics, "stella_agent_conversations{state=\"free\"} "),
                "waiting", sample(metrics, "stella_agent_jobs_waiting "),
                "unanswered", sample(metrics, "stella_agent_jobs_unanswered_total "));
    }

    private static double sample(String metrics, String prefix) {
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(prefix.length()).trim()))
                .orElseThrow(() -> new AssertionError(prefix + "missing in\n" + metrics));
    }
}
