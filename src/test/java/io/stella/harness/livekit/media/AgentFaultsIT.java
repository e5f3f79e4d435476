package io.stella.harness.livekit.media;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.latency.ConversationRecorder;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.MediaFigures;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.reference.livekit.AgentFaults;
import io.stella.harness.reference.livekit.media.AgentStamps;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agents that die mid-call, against the stand-in on the packet engine: every second agent is told to crash 6 s after
 * joining its room (mid-way through the reply to the call's one turn), and a new agent for the same job to join
 * {@value #REDISPATCH_MILLIS} ms after it left and greet the caller. The caller breaks off the turn, waits for the
 * new agent, and says the turn again. Its agentRecovery (the leave seen in signaling to the new greeting's first loud
 * packet) is checked against the agent side's own stamps (the crash, and the greeting's first packet sent) within
 * 20 ms, and that against the re-dispatch delay the stand-in was told. Told never to re-dispatch, those calls are
 * lost (AGENT_LOST). An agent that crashes while the call is still being set up is no lost call either: the new
 * agent's greeting is the greeting. (Jobs given to two workers are checked end to end, in VoiceTurnsEndToEndIT.)
 */
class AgentFaultsIT {

    private static final int CONVERSATIONS = 8;
    private static final long REDISPATCH_MILLIS = 700;
    private static final long WITHIN_MILLIS = 20;
    private static final Map<String, String> EVERY_SECOND_AGENT_CRASHES = Map.of(AgentFaults.CRASH_PERCENT, "50",
            AgentFaults.CRASH_AFTER, "6000");

    @Test
    void aCrashedAgentIsTakenOverAfterItsRedispatchDelayAndEveryCallGoesToItsEnd() throws Exception {
        LatencyWindow recovery = crashAndTakeOver(CONVERSATIONS, 6_000, REDISPATCH_MILLIS);

        System.out.printf("agentRecoveryWire P50 %.0f ms, max %.0f ms (re-dispatch %d ms, n=%d)%n", recovery.percentileMillis(50),
                recovery.maxMillis(), REDISPATCH_MILLIS, recovery.count());
    }

    @Test
    void aNewAgentHeardBeforeTheOldVoiceHadEndedIsHeardAsOneThatTookOver() throws Exception {
        // 7.1 s after joining is about 1.9 s into the reply, in its longest loud stretch (1.7-2.7 s): a new agent greeting
        // 200 ms after the crash is heard before the caller's ear had the 500 ms of quiet it needs to end the old reply
        LatencyWindow recovery = crashAndTakeOver(4, 7_100, 200);

        System.out.printf("agentRecoveryWire P50 %.0f ms, max %.0f ms (re-dispatch 200 ms, n=%d)%n", recovery.percentileMillis(50),
                recovery.maxMillis(), recovery.count());
    }

    /**
     * Every second of {@code conversations} calls loses its agent {@code crashAfterMillis} after it joined, in its one
     * turn's reply, and gets a new one
     * {@code redispatchMillis} later: each call goes to its end with the turn said again, and its agentRecovery reads the
     * agent's own crash to the new greeting's first packet sent within 20 ms, that within 0-40 ms of what it was told.
     */
    private static LatencyWindow crashAndTakeOver(int conversations, long crashAfterMillis, long redispatchMillis) throws Exception {
        Map<String, String> faults = new HashMap<>(Map.of(AgentFaults.CRASH_PERCENT, "50", AgentFaults.CRASH_AFTER,
                Long.toString(crashAfterMillis), AgentFaults.REDISPATCH_AFTER, Long.toString(redispatchMillis)));
        Measured measured = converse(faults, conversations, 1, 10_000);

        assertEquals(new MediaFigures.AgentFaults(conversations / 2, conversations / 2, conversations / 2, 0, 0),
                measured.voice().media().agentFaults(), "half the calls lost their agent, each got a new one and went to its end");
        for (Map.Entry<String, CallReport> call : measured.calls().entrySet()) {
            CallReport report = call.getValue();
            assertEquals(null, report.failure(), report.toString());
            assertEquals(1, report.turns().size(), "the broken-off turn said again, once: " + report);
            assertTrue(report.turns().stream().allMatch(CallReport.Turn::answered), report.toString());
            List<AgentStamps.TakeOver> takeOvers = measured.stamps().takeOvers().stream()
                    .filter(takeOver -> takeOver.room().equals(call.getKey())).toList();
            assertEquals(report.agents().recoveries().size(), takeOvers.size(), "a recovery for each take-over: " + report);
            if (!takeOvers.isEmpty()) {
                long agentSideMillis = (takeOvers.get(0).greetingSentNanos() - takeOvers.get(0).leftNanos()) / 1_000_000;
                long callerMillis = report.agents().recoveries().get(0).recoveredAfterMillis();
                assertEquals(2, report.agents().seen(), "the first agent and the one that took over: " + report);
                assertTrue(Math.abs(callerMillis - agentSideMillis) <= WITHIN_MILLIS,
                        "agentRecovery " + callerMillis + " ms against the agent's crash to the new greeting sent, " + agentSideMillis + " ms");
                assertTrue(agentSideMillis >= redispatchMillis && agentSideMillis <= redispatchMillis + 2 * WITHIN_MILLIS,
                        "the new agent greeted " + agentSideMillis + " ms after the crash, told " + redispatchMillis);
            }
        }
        LatencyWindow recovery = packet(measured.voice(), VoiceMetrics.AGENT_RECOVERY);
        assertEquals(conversations / 2, recovery.count());
        assertEquals(Map.of(), recovery.errorsByKind());
        assertEquals(Map.of(ErrorKind.AGENT_LEFT, (long) conversations / 2), packet(measured.voice(), VoiceMetrics.CONVERSATION).errorsByKind());
        return recovery;
    }

    @Test
    void aCrashedAgentNeverReplacedLosesItsCall() throws Exception {
        Map<String, String> faults = new HashMap<>(EVERY_SECOND_AGENT_CRASHES);
        faults.put(AgentFaults.REDISPATCH_AFTER, "never");
        Measured measured = converse(faults, 4, 1, 3_000);

        assertEquals(new MediaFigures.AgentFaults(2, 0, 0, 2, 0), measured.voice().media().agentFaults());
        assertEquals(2, measured.calls().values().stream().filter(call -> CallReport.AGENT_LOST.equals(call.failure())).count(),
                measured.calls().toString());
        assertEquals(Map.of(ErrorKind.AGENT_LOST, 2L), packet(measured.voice(), VoiceMetrics.AGENT_RECOVERY).errorsByKind());
        assertEquals(Map.of(ErrorKind.AGENT_LOST, 2L), measured.voice().recorded().get(VoiceMetrics.CALL).measured().errorsByKind());
    }

    @Test
    void anAgentThatCrashesWhileTheCallIsSetUpIsNoLostCall() throws Exception {
        // 150 ms after joining: before, during or just after the caller's join and media set-up, as it falls
        Measured measured = converse(Map.of(AgentFaults.CRASH_PERCENT, "100", AgentFaults.CRASH_AFTER, "150",
                AgentFaults.REDISPATCH_AFTER, Long.toString(REDISPATCH_MILLIS)), 4, 1, 10_000);

        for (CallReport call : measured.calls().values()) {
            assertEquals(null, call.failure(), call.toString());
            assertTrue(call.greetingMillis() != null && call.turns().get(0).answered(), call.toString());
            assertTrue(call.agents().recoveries().stream().allMatch(CallReport.AgentRecovery::recovered), call.toString());
        }
        assertEquals(0, measured.voice().media().agentFaults().agentsNotReplaced());
        System.out.printf("crashed while set up: %d of %d calls saw their agent leave, %d take-overs stamped by the agents%n",
                measured.voice().media().agentFaults().callsAgentLeft(), measured.calls().size(), measured.stamps().takeOvers().size());
    }

    private record Measured(Map<String, CallReport> calls, AgentStamps stamps, VoiceMetrics voice) {
    }

    /** Calls of short-prompt turns after a greeting, with an agent that replies in 200 ms and is told {@code faults}. */
    private static Measured converse(Map<String, String> faults, int conversations, int turns, long mediaTimeoutMillis)
            throws Exception {
        Map<String, String> agent = new HashMap<>(Map.of("REFERENCE_AGENT_REPLY_DELAY", "200ms", "REFERENCE_AGENT_ENDPOINTING_MS", "500",
                "REFERENCE_AGENT_MEDIA_ENGINE", ConversationShape.PACKET));
        agent.putAll(faults);
        Conversation conversation = new Conversation(true, List.of(SpeechClip.load("voice/short-prompt.wav", "test")), turns, 5000,
                200, mediaTimeoutMillis, Pcm.rmsOfDbfs(-40), 500);
        VoiceMetrics voice = new VoiceMetrics();
        voice.measureFrom(0);
        ConversationRecorder recorder = new ConversationRecorder(voice, conversation.replyTimeoutMillis(), 5, 20,
                conversation.replyTimeoutMillis());
        try (MediaTarget target = new MediaTarget(agent)) {
            return new Measured(target.converse(conversation, conversations, recorder), target.agentStamps(), voice);
        }
    }

    private static LatencyWindow packet(VoiceMetrics voice, String metric) {
        return voice.recorded().get(VoiceMetrics.onEngine(metric, ConversationShape.PACKET)).measured();
    }
}
