package io.stella.harness.livekit.media;

import io.stella.harness.config.ConversationShape;
import io.stella.harness.latency.ConversationRecorder;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.VoiceMetrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known truth: concurrent callers against the stand-in's agent with a known think-and-speak delay,
 * measured the way a run measures them (each call's figures through the recorder into the voice
 * metrics' HdrHistograms). Voice to voice is the delay plus the agent's endpointing silence plus
 * the pipeline's own delay, which an agent answering at once shows.
 */
class VoiceToVoiceTruthIT {

    static final long ENDPOINTING_MILLIS = 500;

    /** Voice to voice over {@code calls} concurrent calls of {@code turns} turns each, with the agent's delay as given. */
    static LatencyWindow voiceToVoice(String replyDelay, int calls, int turns, String seed) throws Exception {
        Map<String, String> agent = new java.util.HashMap<>(Map.of("REFERENCE_AGENT_REPLY_DELAY", replyDelay,
                "REFERENCE_AGENT_ENDPOINTING_MS", Long.toString(ENDPOINTING_MILLIS), "REFERENCE_AGENT_GREETS", "false",
                "REFERENCE_AGENT_REPLY_CLIP", "voice/short-reply.wav"));
        if (seed != null) {
            agent.put("REFERENCE_AGENT_SEED", seed);
        }
        VoiceMetrics voice = new VoiceMetrics();
        voice.measureFrom(0);
        ConversationRecorder recorder = new ConversationRecorder(voice, 5000, 5, 20);
        Conversation conversation = new Conversation(false, List.of(SpeechClip.load("voice/short-prompt.wav", "test")), turns,
                5000, 200, 10_000, Pcm.rmsOfDbfs(-40), 500);
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try (MediaTarget target = new MediaTarget(agent); WebRtcEngine engine = new WebRtcEngine("truth-callers")) {
            List<Future<CallReport>> reports = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String token = target.callerTokenForNewRoom();
                reports.add(callers.submit(() -> new MediaCall(target.livekitUrl(), token, conversation, engine,
                        recorder.forCall(ConversationShape.LIBWEBRTC)).run()));
            }
            for (Future<CallReport> report : reports) {
                assertNull(report.get().failureReason(), report.get().toString());
            }
        } finally {
            callers.shutdownNow();
        }
        return voice.recorded().get(VoiceMetrics.VOICE_TO_VOICE).measured();
    }

    @Test
    void anAgentDelayOf800MillisecondsReadsAsItselfPlusEndpointingPlusThePipelineWithin20Milliseconds() throws Exception {
        LatencyWindow atOnce = voiceToVoice("0ms", 5, 3, null);
        double pipelineMillis = atOnce.percentileMillis(50) - ENDPOINTING_MILLIS;
        LatencyWindow delayed = voiceToVoice("800ms", 5, 3, null);

        System.out.printf("voice to voice P50: agent at once %.0f ms (pipeline %.0f ms), agent at 800 ms %.0f ms%n",
                atOnce.percentileMillis(50), pipelineMillis, delayed.percentileMillis(50));
        assertTrue(pipelineMillis > 0 && pipelineMillis < 400, "the pipeline's own delay: " + pipelineMillis + " ms");
        assertEquals(15, delayed.count());
        assertEquals(800 + ENDPOINTING_MILLIS + pipelineMillis, delayed.percentileMillis(50), 20,
                "voice to voice P50 with the agent at 800 ms (pipeline " + pipelineMillis + " ms)");
    }

    /** Seed 10 draws 4 slow replies in its first 40: the slowest 4 of 40 turns, so P95 (rank 38) is slow and P90 is not. */
    @Test
    void aNinetyTenMixShowsItsSlowModeAtP95() throws Exception {
        LatencyWindow mixed = voiceToVoice("90%:600ms,10%:2000ms", 10, 4, "10");

        assertEquals(40, mixed.count());
        double p50 = mixed.percentileMillis(50);
        double p95 = mixed.percentileMillis(95);
        System.out.printf("90/10 mix: P50 %.0f ms, P90 %.0f ms, P95 %.0f ms%n", p50, mixed.percentileMillis(90), p95);
        assertEquals(2000 - 600, p95 - p50, 40, "P95 " + p95 + " ms is the slow mode, P50 " + p50 + " ms the fast one");
        assertTrue(mixed.percentileMillis(90) < p50 + 200, "P90 is still the fast mode: " + mixed.percentileMillis(90));
    }
}
