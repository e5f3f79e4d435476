package io.stella.harness.livekit.media;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A caller with real media against the stand-in's agent, both ends webrtc-java on loopback. */
class MediaCallTest {

    static Conversation conversation(boolean greeting, int turns, long replyTimeoutMillis) {
        return new Conversation(greeting, List.of(SpeechClip.load("voice/short-prompt.wav", "test")), turns, replyTimeoutMillis,
                300, 10_000, Pcm.rmsOfDbfs(-40), 800);
    }

    @Test
    void aCallerHearsTheGreetingAndEveryReply() throws Exception {
        try (MediaTarget target = new MediaTarget(Map.of("REFERENCE_AGENT_REPLY_DELAY", "300ms",
                "REFERENCE_AGENT_REPLY_CLIP", "voice/short-reply.wav", "REFERENCE_AGENT_GREETING_CLIP", "voice/short-reply.wav"));
             WebRtcEngine engine = new WebRtcEngine("test-callers")) {
            CallReport report = new MediaCall(target.livekitUrl(), target.callerTokenForNewRoom(), conversation(true, 2, 5000),
                    engine, CallListener.NONE).run();

            assertNull(report.failureReason(), report.toString());
            assertTrue(report.greetingMillis() != null, report.toString());
            assertTrue(report.mediaSetupMillis() != null, report.toString());
            assertTrue(report.audio().packetsReceived() > 100 && report.audio().lostPercent() == 0, report.toString());
            assertEquals(100, report.audio().playoutPercent(), 5, "playout close to real time: " + report.audio());
            assertEquals(2, report.turns().size());
            for (CallReport.Turn turn : report.turns()) {
                assertTrue(turn.answered(), report.toString());
                assertTrue(turn.voiceToVoiceMillis() >= 300 + 500, "delay plus endpointing at least: " + turn);
                assertEquals(1300, turn.replyMillis(), 100, "the reply clip is 1.3 s long: " + turn);
            }
        }
    }
}
