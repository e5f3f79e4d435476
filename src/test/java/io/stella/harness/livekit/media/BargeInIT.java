package io.stella.harness.livekit.media;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.latency.ConversationRecorder;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.livekit.packet.Impairment;
import io.stella.harness.livekit.packet.PacketEngine;
import io.stella.harness.reference.livekit.media.AgentStamps;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Barge-in, leg by leg. Callers on the packet engine speak their second and third turns over the stand-in agent's
 * reply, a second into it; the agent is told to stop once a caller has spoken over it for 300 ms. Both sides stamp
 * on the machine's one monotonic clock: the caller its interrupting prompt's first packet sent (A) and the end of the
 * reply's last loud packet received (D: it arrived, and its 20 ms played); the agent the caller's first loud packet received (B) and the moment it cut its
 * reply (C). bargeInStop as the run records it must be the sum of the legs, the agent's wait (B to C) its
 * configured 300 ms within 20 ms, and bargeInStop's median 300 ms plus its path within 20 ms. An agent told never
 * to stop is NOT_INTERRUPTED at every barge-in.
 */
class BargeInIT {

    private static final long INTERRUPT_AFTER_MILLIS = 300;
    private static final long WITHIN_NANOS = 20_000_000;
    private static final int CONVERSATIONS = 8;
    private static final int TURNS = 3;
    private static final BargeIn SECOND_AND_THIRD = new BargeIn(List.of(2, 3), 1_000, 1_000);

    /** One barge-in as both sides stamped it. */
    record Legs(AgentStamps.Interruption agent, CallReport.Interruption caller) {
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
            List<CallReport.Interruption> interruptions = call.getValue().turns().stream().map(CallReport.Turn::interruption)
                    .filter(java.util.Objects::nonNull).toList();
            List<AgentStamps.Interruption> stamped = measured.stamps().interruptions().stream()
                    .filter(interruption -> interruption.room().equals(call.getKey())).toList();
            assertEquals(2, interruptions.size(), "turns 2 and 3 spoke over a reply: " + call.getValue());
            assertEquals(2, stamped.size(), "the agent stopped twice: " + stamped);
            assertTrue(call.getValue().turns().stream().allMatch(CallReport.Turn::answered), "every turn answered: " + call.getValue());
            for (int i = 0; i < 2; i++) {
                assertTrue(interruptions.get(i).stopped(), "stopped within the limit: " + interruptions.get(i));
                legs.add(new Legs(stamped.get(i), interruptions.get(i)));
            }
        }
        LatencyWindow bargeInStop = measured.voice().recorded()
                .get(VoiceMetrics.onEngine(VoiceMetrics.BARGE_IN_STOP, ConversationShape.PACKET)).measured();
        assertEquals(2L * CONVERSATIONS, bargeInStop.count());
        double pathMillis = median(legs, leg -> leg.uplinkNanos() + leg.lastAudioNanos()) / 1e6;
        System.out.printf("bargeInStop P50 %.0f ms = uplink %.2f + agent's wait %.2f + its last audio after the cut %.2f"
                        + " (medians, ms; n=%d)%n", bargeInStop.percentileMillis(50), median(legs, Legs::uplinkNanos) / 1e6,
                median(legs, Legs::agentWaitNanos) / 1e6, median(legs, Legs::lastAudioNanos) / 1e6, legs.size());
        for (Legs leg : legs) {
            long sumNanos = leg.uplinkNanos() + leg.agentWaitNanos() + leg.lastAudioNanos();
            assertTrue(Math.abs(sumNanos / 1_000_000 - leg.caller().stopMillis()) <= 1, "bargeInStop is the sum of its legs: " + leg);
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
        LatencyWindow bargeInStop = measured.voice().recorded()
                .get(VoiceMetrics.onEngine(VoiceMetrics.BARGE_IN_STOP, ConversationShape.PACKET)).measured();
        assertEquals(Map.of(ErrorKind.NOT_INTERRUPTED, 2L * CONVERSATIONS), bargeInStop.errorsByKind());
    }

    private record Measured(Map<String, CallReport> calls, AgentStamps stamps, VoiceMetrics voice) {
    }

    private static Measured converse(String interruptAfter) throws Exception {
        Map<String, String> agent = new HashMap<>(Map.of("REFERENCE_AGENT_REPLY_DELAY", "200ms", "REFERENCE_AGENT_ENDPOINTING_MS", "500",
                "REFERENCE_AGENT_GREETS", "false", "REFERENCE_AGENT_REPLY_CLIP", "voice/reply.wav",
                "REFERENCE_AGENT_MEDIA_ENGINE", ConversationShape.PACKET, "REFERENCE_AGENT_INTERRUPT_AFTER_MS", interruptAfter));
        VoiceMetrics voice = new VoiceMetrics();
        voice.measureFrom(0);
        ConversationRecorder recorder = new ConversationRecorder(voice, 5000, 5, 20);
        // the reply (reply.wav) is loud a second in, and so is each prompt 300 ms in: no pause decides the figure
        Conversation conversation = new Conversation(false, List.of(SpeechClip.load("voice/short-prompt.wav", "test"),
                SpeechClip.load("voice/prompt-1.wav", "test")), TURNS, 5000, 200, 20_000, Pcm.rmsOfDbfs(-40), 500, Impairment.NONE,
                SECOND_AND_THIRD);
        ExecutorService callers = Executors.newFixedThreadPool(CONVERSATIONS);
        try (MediaTarget target = new MediaTarget(agent); CallMedia.Engine engine = new PacketEngine("barge-in-callers")) {
            Map<String, Future<CallReport>> calls = new HashMap<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                MediaTarget.Room room = target.newRoom();
                calls.put(room.name(), callers.submit(() -> new MediaCall(target.livekitUrl(), room.callerToken(), conversation,
                        engine, recorder.forCall(ConversationShape.PACKET)).run()));
                Thread.sleep(100);
            }
            Map<String, CallReport> reports = new HashMap<>();
            for (Map.Entry<String, Future<CallReport>> call : calls.entrySet()) {
                CallReport report = call.getValue().get();
                assertNull(report.failureReason(), report.toString());
                assertNotNull(report.turns());
                reports.put(call.getKey(), report);
            }
            return new Measured(reports, target.agentStamps(), voice);
        } finally {
            callers.shutdownNow();
        }
    }

    private static double median(List<Legs> legs, java.util.function.ToLongFunction<Legs> leg) {
        long[] sorted = legs.stream().mapToLong(leg).sorted().toArray();
        return sorted[(sorted.length - 1) / 2];
    }
}
