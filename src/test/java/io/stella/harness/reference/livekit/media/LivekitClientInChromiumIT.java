package io.stella.harness.reference.livekit.media;

import io.stella.harness.config.Settings;
import io.stella.harness.reference.ReferenceSettings;
import io.stella.harness.reference.ReferenceTarget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * LiveKit's own JavaScript client (livekit-client, pinned in src/test/resources/livekit-client), in
 * Debian's headless Chromium with a fake microphone, against the reference target's LiveKit stand-in,
 * as a voice app uses them: the app's backend gets a session from the STELLA backend, the page joins
 * the session's room, publishes its microphone and listens to the agent. The microphone says a short
 * prompt, then is quiet for 1.5 s, over and over. The agent does not greet: whatever the page hears
 * from it is an answer to what the page said.
 */
class LivekitClientInChromiumIT {

    static final long ENDPOINTING_MILLIS = 500;
    static final long REPLY_DELAY_MILLIS = 300;
    static final double SPEECH_DBFS = -40;
    static final int REPLIES = 2;
    static final long LISTEN_MILLIS = 20_000;
    /** The page reads its analysers every 20 ms: a time it reports may be up to two readings off. */
    static final long SAMPLING_SLACK_MILLIS = 40;
    /** Encoding, loopback, jitter buffers and decoding, there and back: far less than this. */
    static final long PIPELINE_BOUND_MILLIS = 1500;

    static PageReport call;

    @BeforeAll
    static void callTheAgentFromChromium() throws Exception {
        assumeTrue(Files.isExecutable(ChromiumCaller.CHROMIUM),
                "skipped: Debian's Chromium is not installed (" + ChromiumCaller.CHROMIUM + "; apt-get install chromium)");
        assumeTrue(LivekitClientPackages.onPath("node") && LivekitClientPackages.onPath("npm"),
                "skipped: node and npm are not on the PATH (they install and run livekit-client and playwright-core)");
        Path packages = LivekitClientPackages.installed();
        try (ReferenceTarget target = ReferenceTarget.start(ReferenceSettings.from(new Settings(Map.of(
                "REFERENCE_AGENT_DELAY_MS", "50", "REFERENCE_AGENT_GREETS", "false",
                "REFERENCE_AGENT_ENDPOINTING_MS", Long.toString(ENDPOINTING_MILLIS),
                "REFERENCE_AGENT_REPLY_DELAY", REPLY_DELAY_MILLIS + "ms",
                "REFERENCE_AGENT_REPLY_CLIP", "voice/short-reply.wav"))));
             VoiceAppServer app = new VoiceAppServer(packages.resolve("call.html"), LivekitClientPackages.browserBundle(),
                     new StellaBackend(target))) {
            call = new ChromiumCaller(packages).call(app.pageUrl(), packages.resolve("caller-speech.wav"), REPLIES,
                    LISTEN_MILLIS, SPEECH_DBFS);
        }
        System.out.println("call.html reported: " + call.json());
    }

    @Test
    void thePageJoinsTheSessionsRoomPublishesItsMicrophoneAndIsSubscribedToTheAgent() {
        assertNull(call.error(), "the page's call failed: " + call.error());
        assertTrue(call.steps().containsAll(List.of("session handed out", "connected", "microphone published",
                "agent track subscribed")), "steps: " + call.steps());
        assertTrue(call.agentIdentity().startsWith("agent-"), "subscribed to " + call.agentIdentity());
    }

    @Test
    void thePageHearsTheAgentSpeak() {
        assertTrue(call.agentAudio().size() >= REPLIES, "agent audio heard: " + call.agentAudio());
        for (PageReport.Stretch reply : call.agentAudio()) {
            assertTrue(reply.peakDbfs() >= SPEECH_DBFS && reply.lengthMs() >= 300, "not speech: " + reply);
        }
    }

    /** The agent speaks only after it heard the caller stop: its endpointing silence and its delay after. */
    @Test
    void everyAnswerComesTheAgentsEndpointingAndDelayAfterTheCallerStoppedSpeaking() {
        assertTrue(call.agentAudio().size() >= REPLIES, "agent audio heard: " + call.agentAudio());
        for (PageReport.Stretch reply : call.agentAudio()) {
            Optional<Long> callerStopped = call.callerSpeechEndedBefore(reply.startMs());
            assertTrue(callerStopped.isPresent(), "the agent spoke before the caller had said anything: " + reply);
            long afterCallerMillis = reply.startMs() - callerStopped.get();
            assertTrue(afterCallerMillis >= ENDPOINTING_MILLIS + REPLY_DELAY_MILLIS - SAMPLING_SLACK_MILLIS
                            && afterCallerMillis <= ENDPOINTING_MILLIS + REPLY_DELAY_MILLIS + PIPELINE_BOUND_MILLIS,
                    "the agent answered " + afterCallerMillis + " ms after the caller stopped (endpointing "
                            + ENDPOINTING_MILLIS + " + delay " + REPLY_DELAY_MILLIS + "): " + reply);
        }
    }

    /** The stand-in offers and checks 127.0.0.1 only: Chromium's media must have settled there, both ways. */
    @Test
    void theMediaRunsOnLoopbackBothWays() {
        PageReport.Pair loopback = new PageReport.Pair("127.0.0.1", "127.0.0.1");
        assertEquals(Optional.of(loopback), call.microphonePair(), "the microphone's ICE pair");
        assertEquals(Optional.of(loopback), call.agentPair(), "the agent track's ICE pair");
    }
}
