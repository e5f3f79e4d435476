package io.stella.harness.livekit.media;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.latency.ConversationRecorder;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.reference.livekit.media.AgentStamps;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Turn-taking against the stand-in agent on the packet engine, each figure checked against what the agent was told
 * and what it stamped on the machine's one monotonic clock.
 *
 * <p>Barge-in, leg by leg: callers speak their second and third turns over the agent's reply, a second into it; the
 * agent is told to stop once a caller has spoken over it for 300 ms. The caller stamps its interrupting prompt's first
 * packet sent (A) and the end of the reply's last loud packet received (D: it arrived, and its 20 ms played); the
 * agent the caller's first loud packet received (B) and the moment it cut its reply (C). bargeInStop as the run
 * records it must be the sum of the legs, the agent's wait (B to C) its configured 300 ms within 20 ms, and
 * bargeInStop's median 300 ms plus its path within 20 ms. An agent told never to stop is NOT_INTERRUPTED at every
 * barge-in.
 *
 * <p>Backchannels: an "uh-huh" (0.41 s) during the reply leaves an agent that waits 500 ms talking (none counted); an
 * agent told to stop after 200 ms takes every one for an interruption (FALSE_INTERRUPTION each time).
 *
 * <p>Premature replies: an agent whose endpointing (100 ms) is shorter than a pause in the caller's prompt answers
 * into it; each turn counts one PREMATURE_REPLY, and its talk over equals the prompt's end less the agent's first
 * reply packet sent, within 20 ms (an agent that never stops: one that does stops after 500 ms of the caller
 * speaking on, and talks over the caller for about 380 ms).
 */
class TurnTakingIT {

    private static final long INTERRUPT_AFTER_MILLIS = 300;
    private static final long WITHIN_NANOS = 20_000_000;
    private static final int CONVERSATIONS = 8;
    private static final int TURNS = 3;
    private static final BargeIn SECOND_AND_THIRD = new BargeIn(List.of(2, 3), 1_000, 1_000);

    /** One barge-in as both sides stamped it. */
    record Legs(AgentStamps.Interruption agent, CallReport.SpokenOver caller) {
        long uplinkNanos() {
            return agent.callerSpeechHeardNanos() - caller.startedNanos();
        }

        long agentWaitNanos() {
            return agent.cutNanos() - agent.callerSpeechHeardNanos();
        }

        /** The cut to the reply silent at the caller: its last packet (sent at the tick before the cut) on its way, and played. */
        long lastAudioNanos() {
            return caller.silentNanos() - agent.cutNanos();
        }
    }

    @Test
    void anAgentThatStopsAfter300MillisecondsReadsThatPlusItsPath() throws Exception {
        Measured measured = converse(Long.toString(INTERRUPT_AFTER_MILLIS));

        List<Legs> legs = new ArrayList<>();
        for (Map.Entry<String, CallReport> call : measured.calls().entrySet()) {
            List<CallReport.SpokenOver> interruptions = call.getValue().turns().stream().map(CallReport.Turn::bargeIn)
                    .filter(java.util.Objects::nonNull).toList();
            List<AgentStamps.Interruption> stamped = measured.stamps().interruptions().stream()
                    .filter(interruption -> interruption.room().equals(call.getKey())).toList();
            assertEquals(2, interruptions.size(), "turns 2 and 3 spoke over a reply: " + call.getValue());
            assertEquals(2, stamped.size(), "the agent stopped twice: " + stamped);
            assertTrue(call.getValue().turns().stream().allMatch(CallReport.Turn::answered), "every turn answered: " + call.getValue());
            // the reply spoken over is split too: its "speaking" may come after its first audio, and before the barge-in
            assertTrue(call.getValue().turns().stream().allMatch(turn -> turn.stages() != null), "every turn split: " + call.getValue());
            for (int i = 0; i < 2; i++) {
                assertTrue(interruptions.get(i).silentWithinLimit(), "stopped within the limit: " + interruptions.get(i));
                legs.add(new Legs(stamped.get(i), interruptions.get(i)));
            }
        }
        LatencyWindow bargeInStop = packet(measured.voice(), VoiceMetrics.BARGE_IN_STOP);
        assertEquals(2L * CONVERSATIONS, bargeInStop.count());
        double pathMillis = median(legs, leg -> leg.uplinkNanos() + leg.lastAudioNanos()) / 1e6;
        System.out.printf("bargeInStop P50 %.0f ms = uplink %.2f + agent's wait %.2f + its last audio after the cut %.2f"
                        + " (medians, ms; n=%d)%n", bargeInStop.percentileMillis(50), median(legs, Legs::uplinkNanos) / 1e6,
                median(legs, Legs::agentWaitNanos) / 1e6, median(legs, Legs::lastAudioNanos) / 1e6, legs.size());
        for (Legs leg : legs) {
            long sumNanos = leg.uplinkNanos() + leg.agentWaitNanos() + leg.lastAudioNanos();
            assertTrue(Math.abs(sumNanos / 1_000_000 - leg.caller().silentAfterMillis()) <= 1, "bargeInStop is the sum of its legs: " + leg);
            long waitErrorNanos = leg.agentWaitNanos() - INTERRUPT_AFTER_MILLIS * 1_000_000;
            assertTrue(waitErrorNanos >= 0 && waitErrorNanos <= WITHIN_NANOS, "the agent waited its 300 ms: " + leg);
        }
        assertTrue(Math.abs(bargeInStop.percentileMillis(50) - (INTERRUPT_AFTER_MILLIS + pathMillis)) <= 20,
                "bargeInStop P50 " + bargeInStop.percentileMillis(50) + " ms against 300 + a path of " + pathMillis + " ms");
    }

    @Test
    void anAgentToldNeverToStopIsNotInterruptedAtEveryBargeIn() throws Exception {
        Measured measured = converse("never");

        assertTrue(measured.stamps().interruptions().isEmpty());
        LatencyWindow bargeInStop = packet(measured.voice(), VoiceMetrics.BARGE_IN_STOP);
        assertEquals(Map.of(ErrorKind.NOT_INTERRUPTED, 2L * CONVERSATIONS), bargeInStop.errorsByKind());
    }

    @Test
    void anUhHuhShorterThanTheAgentsInterruptionDelayLeavesItTalking() throws Exception {
        Measured measured = converse(Map.of("REFERENCE_AGENT_INTERRUPT_AFTER_MS", "500"), backchannelling(2));

        LatencyWindow backchannels = packet(measured.voice(), VoiceMetrics.BACKCHANNEL);
        assertEquals(2L * CONVERSATIONS, backchannels.count(), "an uh-huh in each reply");
        assertEquals(Map.of(), backchannels.errorsByKind());
        assertTrue(measured.stamps().interruptions().isEmpty(), "the agent never stopped: " + measured.stamps().interruptions());
        assertTrue(measured.calls().values().stream().allMatch(call -> call.turns().stream()
                .allMatch(turn -> turn.answered() && turn.stages() != null)), "every turn answered, and split by the agent's stages");
    }

    @Test
    void anAgentThatStopsOnBackchannelsIsFalselyInterruptedEachTime() throws Exception {
        // one turn: an agent that stopped then answers the uh-huh itself, which would talk over a next prompt
        Measured measured = converse(Map.of("REFERENCE_AGENT_INTERRUPT_AFTER_MS", "200"), backchannelling(1));

        LatencyWindow backchannels = packet(measured.voice(), VoiceMetrics.BACKCHANNEL);
        assertEquals(Map.of(ErrorKind.FALSE_INTERRUPTION, (long) CONVERSATIONS), backchannels.errorsByKind());
        assertEquals(CONVERSATIONS, measured.stamps().interruptions().size());
    }

    @Test
    void anAgentThatAnswersIntoAPauseRepliesPrematurelyAndTalksOverTheCaller() throws Exception {
        // prompt-1 pauses 160 ms from 440 ms in: an endpointing of 100 ms takes that for the end of the turn. An agent
        // that stops when spoken over would stop 500 ms after the caller spoke on: this one talks to the prompt's end.
        Conversation conversation = new Conversation(false, List.of(SpeechClip.load("voice/prompt-1.wav", "test")), 1, 3000, 200,
                20_000, Pcm.rmsOfDbfs(-40), 500);
        Measured measured = converse(Map.of("REFERENCE_AGENT_ENDPOINTING_MS", "100", "REFERENCE_AGENT_INTERRUPT_AFTER_MS", "never"),
                conversation);

        LatencyWindow talkOver = packet(measured.voice(), VoiceMetrics.TALK_OVER);
        assertEquals(Map.of(ErrorKind.PREMATURE_REPLY, (long) CONVERSATIONS), talkOver.errorsByKind());
        for (Map.Entry<String, CallReport> call : measured.calls().entrySet()) {
            CallReport.Turn turn = call.getValue().turns().get(0);
            AgentStamps.Turn agent = measured.stamps().turns().stream().filter(stamped -> stamped.room().equals(call.getKey()))
                    .findFirst().orElseThrow();
            long expectedMillis = (turn.promptEndedNanos() - agent.replySentNanos()) / 1_000_000;
            assertEquals(1, turn.talkOver().agentStarts(), turn.toString());
            assertTrue(Math.abs(turn.talkOver().millis() - expectedMillis) <= 20,
                    "talk over " + turn.talkOver().millis() + " ms against the prompt's end less the reply's first packet sent, "
                            + expectedMillis + " ms");
        }
        System.out.printf("talk over P50 %.0f ms (n=%d)%n", talkOver.percentileMillis(50), talkOver.count());
    }

    /** Turns of short-prompt, the caller saying uh-huh 700 ms into every reply (reply.wav talks on for 2.1 s more). */
    private static Conversation backchannelling(int turns) {
        List<Integer> everyTurn = java.util.stream.IntStream.rangeClosed(1, turns).boxed().toList();
        return new Conversation(false, List.of(SpeechClip.load("voice/short-prompt.wav", "test")), turns, 5000, 200, 20_000,
                Pcm.rmsOfDbfs(-40), 500).withBackchannel(new Backchannel(everyTurn, 700, 1_000, Backchannel.SHIPPED_CLIP),
                SpeechClip.load(Backchannel.SHIPPED_CLIP, "test"));
    }

    private record Measured(Map<String, CallReport> calls, AgentStamps stamps, VoiceMetrics voice) {
    }

    private static Measured converse(String interruptAfter) throws Exception {
        // the reply (reply.wav) is loud a second in, and so is each prompt 300 ms in: no pause decides the figure
        Conversation conversation = new Conversation(false, List.of(SpeechClip.load("voice/short-prompt.wav", "test"),
                SpeechClip.load("voice/prompt-1.wav", "test")), TURNS, 5000, 200, 20_000, Pcm.rmsOfDbfs(-40), 500)
                .withBargeIn(SECOND_AND_THIRD);
        return converse(Map.of("REFERENCE_AGENT_INTERRUPT_AFTER_MS", interruptAfter), conversation);
    }

    /** {@link #CONVERSATIONS} calls of that conversation with an agent told {@code agentSettings} beside the test's own. */
    private static Measured converse(Map<String, String> agentSettings, Conversation conversation) throws Exception {
        Map<String, String> agent = new HashMap<>(Map.of("REFERENCE_AGENT_REPLY_DELAY", "200ms", "REFERENCE_AGENT_ENDPOINTING_MS", "500",
                "REFERENCE_AGENT_GREETS", "false", "REFERENCE_AGENT_REPLY_CLIP", "voice/reply.wav",
                "REFERENCE_AGENT_MEDIA_ENGINE", ConversationShape.PACKET));
        agent.putAll(agentSettings);
        VoiceMetrics voice = new VoiceMetrics();
        voice.measureFrom(0);
        ConversationRecorder recorder = new ConversationRecorder(voice, conversation.replyTimeoutMillis(), 5, 20,
                conversation.replyTimeoutMillis());
        try (MediaTarget target = new MediaTarget(agent)) {
            Map<String, CallReport> reports = target.converse(conversation, CONVERSATIONS, recorder);
            reports.values().forEach(report -> assertNull(report.failureReason(), report.toString()));
            return new Measured(reports, target.agentStamps(), voice);
        }
    }

    private static LatencyWindow packet(VoiceMetrics voice, String metric) {
        return voice.recorded().get(VoiceMetrics.onEngine(metric, ConversationShape.PACKET)).measured();
    }

    private static double median(List<Legs> legs, java.util.function.ToLongFunction<Legs> leg) {
        long[] sorted = legs.stream().mapToLong(leg).sorted().toArray();
        return sorted[(sorted.length - 1) / 2];
    }
}
