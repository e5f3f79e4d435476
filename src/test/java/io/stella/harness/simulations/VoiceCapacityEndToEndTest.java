package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.results.ResultSchemas;
import io.stella.harness.run.ExitCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The knee of a voice platform is where its agents run out: the shipped voice-media-capacity search
 * over real media, against the stand-in with an agent pool of 5 conversations and one of 10, finds
 * the knee near 5 and near 10 conversations held at once, each step judged on its own voice figures.
 */
class VoiceCapacityEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theKneeIsWhereTheAgentPoolRunsOutNearFiveConversationsThenNearTen() throws Exception {
        // The two searches run side by side (each is mostly waiting on calls): the suite pays for one.
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Future<GatlingFork.Result> five = both.submit(() -> GatlingFork.run("voice-capacity-5", VoiceConversationSimulation.class,
                    pool(1, 5)));
            Future<GatlingFork.Result> ten = both.submit(() -> GatlingFork.run("voice-capacity-10", VoiceConversationSimulation.class,
                    pool(2, 5)));
            assertKneeNear(five.get(), 4, 6);
            assertKneeNear(ten.get(), 8, 11);
        } finally {
            both.shutdownNow();
        }
    }

    private static Map<String, String> pool(int workers, int conversationsPerWorker) {
        return Map.of("profile", "voice-media-capacity", "REFERENCE_AGENT_WORKERS", Integer.toString(workers),
                "REFERENCE_AGENT_CONVERSATIONS_PER_WORKER", Integer.toString(conversationsPerWorker));
    }

    private static void assertKneeNear(GatlingFork.Result run, int fewest, int most) throws Exception {
        assertEquals(ExitCode.OK.code(), run.exitCode(), run.output());
        Path folder = run.onlyRunFolder();
        JsonNode capacity = JSON.readTree(folder.resolve("summary.json").toFile()).get("capacity");
        assertEquals("KNEE_FOUND", capacity.get("finding").asText(), capacity.toString());
        int held = capacity.get("kneeConcurrentSessions").asInt();
        assertTrue(held >= fewest && held <= most, "conversations held at the knee: " + held + "\n" + capacity);

        boolean unansweredAboveTheKnee = false;
        for (JsonNode step : capacity.get("steps")) {
            JsonNode voice = step.get("voice");
            assertTrue(voice.has("voiceToVoice") && voice.has("timeToGreeting") && step.has("heldAtOnce"), step.toString());
            if (step.get("held").asBoolean()) {
                assertEquals(0, voice.get("timeToGreeting").get("noReply").asLong(), "a step that held had every greeting: " + step);
            } else {
                unansweredAboveTheKnee |= voice.get("timeToGreeting").get("noReply").asLong() > 0
                        || voice.get("call").get("noReply").asLong() > 0;
            }
        }
        assertTrue(unansweredAboveTheKnee, "callers past the pool are left unanswered: " + capacity);

        JsonNode signOff = JSON.readTree(folder.resolve("signoff.json").toFile());
        JsonNode load = null;
        for (JsonNode item : signOff.get("items")) {
            if (item.get("item").asText().equals("LOAD_TESTING_COMPLETED")) {
                load = item;
            }
        }
        assertTrue(load != null && load.get("reason").asText().contains(held + " conversations held at once"), String.valueOf(load));
        assertTrue(load.get("evidence").toString().contains("voiceToVoice P50") && load.get("evidence").toString().contains("no reply"),
                load.toString());
        assertTrue(run.output().contains("voice, step by step"), run.output());
        ResultSchemas.assertValid(folder);
    }
}
