package io.stella.harness.run.end;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.latency.ConversationRecorder;
import io.stella.harness.latency.VoiceMetrics;
import io.stella.harness.livekit.media.CallListener;
import io.stella.harness.livekit.media.CallReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call whose agent was lost, and a room given two agents, veto a GO by name; a crash a new agent took over from is
 * evidence, judged by the profile's thresholds.
 */
class AgentFaultEvidenceTest {

    private static final CallReport.AudioStats HEARD = new CallReport.AudioStats(500, 0, 0, 0, 48_000, 100, 0, 0);

    @Test
    void aCrashTakenOverIsEvidenceAndNoVeto() {
        VoiceMetrics voice = voiceOf(call(null, new CallReport.Agents(2, 1, List.of(new CallReport.AgentRecovery(0, 720L, 8_000)))),
                call(null, new CallReport.Agents(1, 1, List.of())));

        assertEquals(List.of(), AgentFaultEvidence.faults(voice));
        String sentence = AgentFaultEvidence.sentence(voice).orElseThrow();
        assertTrue(sentence.startsWith("the agent left 1 call(s) mid-call: a new agent took over 1 time(s) (agentRecoveryWire P50 720 ms"),
                sentence);
        assertTrue(sentence.endsWith("none came 0 time(s) (AGENT_LOST); 1 of those calls went to their end; 0 call(s) had two agents at once"),
                sentence);
    }

    @Test
    void aLostCallAndTwoAgentsInARoomEachVetoByName() {
        VoiceMetrics voice = voiceOf(call(CallReport.AGENT_LOST, new CallReport.Agents(1, 1,
                        List.of(new CallReport.AgentRecovery(0, null, 8_000)))),
                call(null, new CallReport.Agents(2, 2, List.of())));

        assertEquals(List.of("1 time(s) a call's agent left mid-call and no other took over (AGENT_LOST)",
                "1 call(s) had two agents in their room at once (TWO_AGENTS: one job given to two workers)"),
                AgentFaultEvidence.faults(voice));
    }

    @Test
    void callsThatMetNoFaultSayNothing() {
        VoiceMetrics voice = voiceOf(call(null, CallReport.Agents.NONE));

        assertEquals(List.of(), AgentFaultEvidence.faults(voice));
        assertTrue(AgentFaultEvidence.sentence(voice).isEmpty());
    }

    private static VoiceMetrics voiceOf(CallReport... calls) {
        VoiceMetrics voice = new VoiceMetrics();
        voice.measureFrom(0);
        ConversationRecorder recorder = new ConversationRecorder(voice, 5_000, 5, 20, 5_000);
        for (CallReport call : calls) {
            CallListener listener = recorder.forCall(ConversationShape.PACKET);
            listener.ended(call);
        }
        return voice;
    }

    private static CallReport call(String failure, CallReport.Agents agents) {
        return new CallReport(10L, 300L, 200L, List.of(), HEARD, CallReport.SentAudio.NONE, failure,
                failure == null ? null : "the agent left and no other came", agents);
    }
}
