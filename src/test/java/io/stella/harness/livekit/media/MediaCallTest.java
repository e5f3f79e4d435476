package io.stella.harness.livekit.media;

import io.stella.harness.livekit.packet.PacketEngine;
import io.stella.harness.reference.livekit.media.AgentStamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A caller with real media against the stand-in's agent, on loopback: caller and agent each on either engine. */
class MediaCallTest {

    static Conversation conversation(boolean greeting, int turns, long replyTimeoutMillis) {
        return new Conversation(greeting, List.of(SpeechClip.load("voice/short-prompt.wav", "test")), turns, replyTimeoutMillis,
                300, 10_000, Pcm.rmsOfDbfs(-40), 800);
    }

    /** The embedded target with its agents on the packet engine, answering at once, with no greeting. */
    static MediaTarget packetAgentAnsweringAtOnce() {
        return new MediaTarget(Map.of("REFERENCE_AGENT_REPLY_DELAY", "0ms", "REFERENCE_AGENT_GREETS", "false",
                "REFERENCE_AGENT_REPLY_CLIP", "voice/short-reply.wav", "REFERENCE_AGENT_MEDIA_ENGINE", "packet"));
    }

    static CallMedia.Engine engine(String name) {
        return name.equals("packet") ? new PacketEngine("test-callers") : new WebRtcEngine("test-callers");
    }

    @ParameterizedTest(name = "a {0} caller, a {1} agent")
    @CsvSource({"libwebrtc,libwebrtc", "packet,libwebrtc", "libwebrtc,packet", "packet,packet"})
    void aCallerHearsTheGreetingAndEveryReply(String callerEngine, String agentEngine) throws Exception {
        try (MediaTarget target = new MediaTarget(Map.of("REFERENCE_AGENT_REPLY_DELAY", "300ms",
                "REFERENCE_AGENT_REPLY_CLIP", "voice/short-reply.wav", "REFERENCE_AGENT_GREETING_CLIP", "voice/short-reply.wav",
                "REFERENCE_AGENT_MEDIA_ENGINE", agentEngine));
             CallMedia.Engine engine = engine(callerEngine)) {
            CallReport report = new MediaCall(target.livekitUrl(), target.callerTokenForNewRoom(), conversation(true, 2, 5000),
                    engine, CallListener.NONE).run();

            assertNull(report.failureReason(), report.toString());
            assertTrue(report.greetingMillis() != null, report.toString());
            assertTrue(report.mediaSetupMillis() != null, report.toString());
            assertTrue(report.audio().packetsReceived() > 100 && report.audio().lostPercent() == 0, report.toString());
            assertEquals(100, report.audio().playoutPercent(), 5, "playout close to real time: " + report.audio());
            // A packet agent's silence is DTX with libwebrtc's empty frames: the comfort noise between its words is no
            // audio lost (without the empty frames a libwebrtc caller counted 15% of this call's samples concealed).
            assertTrue(report.audio().concealedPercent() < 2, "concealed: " + report.audio());
            assertEquals(2, report.turns().size());
            for (CallReport.Turn turn : report.turns()) {
                assertTrue(turn.answered(), report.toString());
                assertTrue(turn.voiceToVoiceMillis() >= 300 + 500, "delay plus endpointing at least: " + turn);
                assertEquals(1300, turn.replyMillis(), 100, "the reply clip is 1.3 s long: " + turn);
            }
        }
    }

    /**
     * Network impairment on the packet engine, two calls side by side (one over a clear network, one
     * with 100 ms added each way), six turns each: the delayed caller's voice to voice on the wire
     * reads 200 ms more. Means over six turns: a turn now and then waits a few milliseconds for a core.
     */
    @Test
    void aDelayOf100MsEachWayAddsTwoHundredToVoiceToVoiceOnTheWire() throws Exception {
        try (MediaTarget target = packetAgentAnsweringAtOnce(); CallMedia.Engine engine = engine("packet")) {
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var clear = callers.submit(() -> call(target, engine, io.stella.harness.livekit.packet.Impairment.NONE));
                var delayed = callers.submit(() -> call(target, engine,
                        new io.stella.harness.livekit.packet.Impairment(0, 1, 100, 0, null)));

                double added = meanVoiceToVoice(delayed.get()) - meanVoiceToVoice(clear.get());
                assertEquals(200, added, 10, "clear " + clear.get().turns() + ", delayed " + delayed.get().turns());
            } finally {
                callers.shutdownNow();
            }
        }
    }

    /**
     * 5% random loss on the callers' way out, read where it lands: the agent's receive side counts what
     * never came, and its RTCP receiver reports tell the caller so. Four calls at once (seeds 1 to 4), some 2,400 packets: the agent's reading has a
     * standard deviation of about 0.45%, so 4-6% is the loss and not the luck of a few draws.
     */
    @Test
    void fivePercentRandomLossReadsFourToSixPercentLostAtTheAgent() throws Exception {
        try (MediaTarget target = packetAgentAnsweringAtOnce(); CallMedia.Engine engine = engine("packet")) {
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<String> rooms = new java.util.ArrayList<>();
            long expectedPerRtcp = 0;
            long lostPerRtcp = 0;
            try {
                List<java.util.concurrent.Future<CallReport>> calls = new java.util.ArrayList<>();
                for (long seed = 1; seed <= 4; seed++) {
                    MediaTarget.Room room = target.newRoom();
                    rooms.add(room.name());
                    // Long prompts: in silence a caller sends a packet every 400 ms (DTX).
                    Conversation talk = new Conversation(false, List.of(SpeechClip.load("voice/prompt-1.wav", "test")), 4, 5000,
                            100, 10_000, Pcm.rmsOfDbfs(-40), 300).withNetwork(new io.stella.harness.livekit.packet.Impairment(5, 1, 0, 0, seed));
                    calls.add(callers.submit(() -> new MediaCall(target.livekitUrl(), room.callerToken(), talk, engine,
                            CallListener.NONE).run()));
                }
                for (java.util.concurrent.Future<CallReport> call : calls) {
                    CallReport report = call.get();
                    assertNull(report.failureReason(), report.toString());
                    // The agent's voice crossed the same network: what the caller counted lost is what the network dropped
                    // (but for drops after the last packet that came, which no sequence number reveals).
                    assertTrue(report.audio().packetsDroppedByNetwork() > 0, report.audio().toString());
                    assertEquals(report.audio().packetsDroppedByNetwork(), report.audio().packetsLost(), 3, report.audio().toString());
                    // The caller's own voice: what the profile's network dropped on the way out (applied) and what the
                    // agent's RTCP receiver reports said it never got (measured, up to its latest report).
                    CallReport.SentAudio sent = report.sent();
                    assertTrue(sent.farEndReports() >= 2 && sent.packetsExpectedAtFarEnd() > 0, sent.toString());
                    assertTrue(sent.packetsLostAtFarEnd() <= sent.packetsDroppedByNetwork() && sent.packetsLostAtFarEnd() > 0,
                            sent.toString());
                    expectedPerRtcp += sent.packetsExpectedAtFarEnd();
                    lostPerRtcp += sent.packetsLostAtFarEnd();
                }
            } finally {
                callers.shutdownNow();
            }

            long received = 0;
            long lost = 0;
            for (String room : rooms) {
                List<AgentStamps.Inbound> atTheAgent = awaitInbound(target, room);
                assertEquals(1, atTheAgent.size(), atTheAgent.toString());
                received += atTheAgent.get(0).packetsReceived();
                lost += atTheAgent.get(0).packetsLost();
            }
            System.out.printf("5%% random loss on the way in: the agent counted %d lost of %d (%.2f%%)%n", lost, received + lost,
                    100.0 * lost / (received + lost));
            assertTrue(received > 2000, received + " packets");
            assertEquals(5, 100.0 * lost / (received + lost), 1, "lost at the agent: " + lost + " of " + (received + lost));
            assertEquals(5, 100.0 * lostPerRtcp / expectedPerRtcp, 1, "lost at the agent as its RTCP reports said: " + lostPerRtcp
                    + " of " + expectedPerRtcp);
        }
    }

    /** The agent counts a call's inbound audio when the caller has left, a moment after the call's end. */
    private static List<AgentStamps.Inbound> awaitInbound(MediaTarget target, String room) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<AgentStamps.Inbound> inbound = List.of();
        while (inbound.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            inbound = target.agentStamps().inbound().stream().filter(call -> call.room().equals(room)).toList();
        }
        return inbound;
    }

    private static CallReport call(MediaTarget target, CallMedia.Engine engine, io.stella.harness.livekit.packet.Impairment network)
            throws Exception {
        Conversation talk = new Conversation(false, List.of(SpeechClip.load("voice/short-prompt.wav", "test")), 6, 5000, 100,
                10_000, Pcm.rmsOfDbfs(-40), 300).withNetwork(network);
        CallReport report = new MediaCall(target.livekitUrl(), target.callerTokenForNewRoom(), talk, engine, CallListener.NONE).run();
        assertNull(report.failureReason(), report.toString());
        return report;
    }

    private static double meanVoiceToVoice(CallReport report) {
        assertTrue(report.turns().stream().allMatch(CallReport.Turn::answered), report.toString());
        return report.turns().stream().mapToLong(CallReport.Turn::voiceToVoiceMillis).average().orElseThrow();
    }

    @Test
    void aCallNoAgentComesToIsUnansweredNotAMediaFailure() throws Exception {
        // One agent, busy with the first call; the second call's job is given up on at once.
        try (MediaTarget target = new MediaTarget(Map.of("REFERENCE_AGENT_WORKERS", "1", "REFERENCE_AGENT_CONVERSATIONS_PER_WORKER", "1",
                "REFERENCE_AGENT_MAX_WAIT_MS", "0", "REFERENCE_AGENT_GREETING_CLIP", "voice/short-reply.wav"));
             WebRtcEngine engine = new WebRtcEngine("test-callers")) {
            String answered = target.callerTokenForNewRoom();
            String leftInSilence = target.callerTokenForNewRoom();
            java.util.List<Long> greetings = new java.util.concurrent.CopyOnWriteArrayList<>();
            CallListener greetingsHeard = new CallListener() {
                @Override
                public void greeted(long joinedEpochMillis, Long greetingMillis) {
                    greetings.add(greetingMillis);
                }
            };
            Conversation shortWait = new Conversation(true, List.of(SpeechClip.load("voice/short-prompt.wav", "test")), 0, 3000,
                    300, 3_000, Pcm.rmsOfDbfs(-40), 800);

            CallReport silent = new MediaCall(target.livekitUrl(), leftInSilence, shortWait, engine, greetingsHeard).run();
            CallReport heard = new MediaCall(target.livekitUrl(), answered, shortWait, engine, CallListener.NONE).run();

            assertEquals(CallReport.NO_REPLY, silent.failure(), silent.toString());
            assertEquals("no agent came into the room within 3000 ms", silent.failureReason());
            assertEquals(java.util.Arrays.asList((Long) null), greetings, "the greeting it waited for never came");
            assertNull(heard.failure(), heard.toString());
            assertTrue(heard.greetingMillis() != null, heard.toString());
        }
    }
}
