package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import io.stella.harness.judgement.ExitCode;
import io.stella.harness.results.ResultSchemas;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped voice-turns profile's conversations (shortened in time: voice-turns-short), run as a user runs them,
 * against an embedded agent told never to stop when the caller speaks over it: every barge-in is NOT_INTERRUPTED,
 * no conversation is good, and the run is a NO-GO that says why; summary.json and the sign-off carry every
 * turn-taking figure. (Against the agent as shipped, which stops after 500 ms, the shipped profile is GO:
 * BENCHMARKS.md part 14.)
 */
class VoiceTurnsEndToEndIT {

    @Test
    void anAgentThatTalksOnWhenInterruptedFailsTheShippedTurnTakingProfile() throws Exception {
        GatlingFork.Result run = GatlingFork.run("voice-turns", VoiceConversationSimulation.class,
                Map.of("profile", "src/test/resources/profiles/voice-turns-short.json", "REFERENCE_AGENT_MEDIA_ENGINE", "packet", "REFERENCE_AGENT_INTERRUPT_AFTER_MS", "never"));

        assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
        Path folder = run.onlyRunFolder();
        JsonNode summary = VoiceConversationEndToEndIT.JSON.readTree(folder.resolve("summary.json").toFile());
        JsonNode voice = summary.get("voiceMetrics");
        JsonNode bargeIns = voice.get("bargeInStopWire").get("measured");
        assertTrue(bargeIns.get("count").asLong() >= 8, bargeIns.toString());
        assertEquals(bargeIns.get("count").asLong(), bargeIns.get("errorsByKind").get("NOT_INTERRUPTED").asLong(), bargeIns.toString());
        JsonNode conversations = voice.get("conversationWire").get("measured");
        assertEquals(conversations.get("count").asLong(), conversations.get("errorsByKind").get("NOT_INTERRUPTED").asLong(),
                "no conversation was good, each for the barge-in it talked through: " + conversations);
        for (String metric : List.of("backchannelWire", "talkOverWire", "agentEndOfTurn", "agentThinking", "agentOutputWire")) {
            JsonNode measured = voice.get(metric).get("measured");
            assertTrue(measured.get("count").asLong() > 0 && measured.get("errors").asLong() == 0, metric + ": " + measured);
        }
        assertTrue(summary.get("media").get("agentStages").get("turnsStaged").asLong() > 0, summary.get("media").toString());
        boolean errorsFailed = false;
        for (JsonNode threshold : summary.get("thresholds")) {
            errorsFailed |= threshold.get("threshold").asText().equals("bargeInStopWire errors <= 0 %")
                    && threshold.get("status").asText().equals("FAIL");
        }
        assertTrue(errorsFailed, "the threshold on NOT_INTERRUPTED failed: " + summary.get("thresholds"));

        JsonNode responseTimes = VoiceConversationEndToEndIT.item(
                VoiceConversationEndToEndIT.JSON.readTree(folder.resolve("signoff.json").toFile()), "RESPONSE_TIME_TARGETS");
        assertEquals("FAIL", responseTimes.get("status").asText(), responseTimes.toString());
        JsonNode evidence = responseTimes.get("evidence");
        assertTrue(evidence.get("barge-in (bargeInStopWire)").asText().contains("talked on (NOT_INTERRUPTED) after "
                + bargeIns.get("count").asLong()), evidence.toString());
        for (String line : List.of("backchannels (backchannelWire)", "talk over (talkOverWire)", "goodput (conversationWire)",
                "agent stages")) {
            assertTrue(evidence.has(line), line + " in " + evidence);
        }
        assertTrue(run.output().contains("Sign-off: NO-GO"), run.output());
        ResultSchemas.assertValid(folder);
    }
}
