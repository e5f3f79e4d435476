package io.stella.harness.livekit.media;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.latency.VoiceMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A turn split by the agent's own states ({@code lk.agent.state}, as LiveKit Agents publish it) against an
 * agent whose stages are known: the stand-in decides the caller's turn is over after its configured
 * endpointing (500 ms of silence), thinks for the delay it drew, and its reply's audio then goes out. Each
 * stage the caller reads from the states arriving in signaling must be that, within 20 ms: end of turn
 * the endpointing (plus the prompt's last packet on its way in), thinking the drawn delay, the output path
 * the reply's first packet on its way out; and the three add up to voice to voice. The check runs on
 * {@link VoiceToVoiceLegsIT}'s busy level of the 90/10 mix; here, an agent that publishes no state.
 */
class AgentStagesIT {

    static final long WITHIN_NANOS = 20_000_000;

    /**
     * Each stage reads what the agent was told within 20 ms, in a run of the 90/10 mix ({@link VoiceToVoiceLegsIT}
     * calls this for its busy level, so that the same conversations prove the legs and the stages).
     */
    static void eachStageReadsWhatTheAgentWasToldWithinTwentyMilliseconds(VoiceToVoiceLegsIT.Measured measured) {
        int turns = measured.turns().size();
        System.out.printf("stages (medians, ms): end of turn %.0f, thinking less the drawn delay %.0f, output %.0f against the"
                        + " reply's way out %.2f%n", VoiceToVoiceLegsIT.percentileMillis(measured.turns(),
                        turn -> turn.caller().stages().endOfTurnMillis() * 1_000_000, 50),
                VoiceToVoiceLegsIT.percentileMillis(measured.turns(),
                        turn -> (turn.caller().stages().thinkingMillis() - turn.agent().replyDelayMillis()) * 1_000_000, 50),
                VoiceToVoiceLegsIT.percentileMillis(measured.turns(), turn -> turn.caller().stages().outputMillis() * 1_000_000, 50),
                VoiceToVoiceLegsIT.percentileMillis(measured.turns(), VoiceToVoiceLegsIT.Legs::downlinkNanos, 50));
        for (VoiceToVoiceLegsIT.Legs turn : measured.turns()) {
            CallReport.Stages stages = turn.caller().stages();
            assertNotNull(stages, "a turn the agent published its states for: " + turn);
            long sum = stages.endOfTurnMillis() + stages.thinkingMillis() + stages.outputMillis();
            assertTrue(Math.abs(sum - turn.caller().voiceToVoiceMillis()) <= 2, "the stages add up to voice to voice: " + turn);
        }
        VoiceToVoiceLegsIT.holds(List.of(
                new VoiceToVoiceLegsIT.Check("end of turn less the configured endpointing",
                        turn -> turn.caller().stages().endOfTurnMillis() * 1_000_000 - VoiceToVoiceLegsIT.ENDPOINTING_MILLIS * 1_000_000,
                        -WITHIN_NANOS, WITHIN_NANOS),
                new VoiceToVoiceLegsIT.Check("thinking less the delay the agent drew",
                        turn -> (turn.caller().stages().thinkingMillis() - turn.agent().replyDelayMillis()) * 1_000_000,
                        -WITHIN_NANOS, WITHIN_NANOS),
                new VoiceToVoiceLegsIT.Check("the output path less the reply's way out (its first packet sent to heard)",
                        turn -> turn.caller().stages().outputMillis() * 1_000_000 - turn.downlinkNanos(), -WITHIN_NANOS, WITHIN_NANOS)),
                measured.turns());
        VoiceMetrics voice = measured.voice();
        assertEquals(turns, voice.recorded().get(VoiceMetrics.AGENT_THINKING).measured().count());
        assertEquals(turns, voice.recorded()
                .get(VoiceMetrics.onEngine(VoiceMetrics.AGENT_OUTPUT, ConversationShape.PACKET)).measured().count());
        assertFalse(voice.media().agentStages().agentPublishesNoState());
    }

    @Test
    void anAgentThatPublishesNoStateLeavesVoiceToVoiceAlone() throws Exception {
        VoiceToVoiceLegsIT.Measured measured = VoiceToVoiceLegsIT.converse(ConversationShape.PACKET, ConversationShape.PACKET,
                "800ms", 1, Map.of("REFERENCE_AGENT_STATE", "false"));

        measured.turns().forEach(turn -> assertNull(turn.caller().stages(), turn.toString()));
        assertEquals(VoiceToVoiceLegsIT.TURNS, measured.voiceToVoice().count());
        assertTrue(measured.voice().media().agentStages().agentPublishesNoState());
        assertNull(measured.voice().recorded().get(VoiceMetrics.AGENT_THINKING));
    }
}
