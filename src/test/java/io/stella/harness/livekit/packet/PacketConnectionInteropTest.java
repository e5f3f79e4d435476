package io.stella.harness.livekit.packet;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.CallReport;
import io.stella.harness.livekit.media.ConnectionEvents;
import io.stella.harness.livekit.media.IceCandidates;
import io.stella.harness.livekit.media.Negotiation;
import io.stella.harness.livekit.media.Pcm;
import io.stella.harness.livekit.media.SpeechClip;
import io.stella.harness.livekit.media.VoiceActivity;
import io.stella.harness.livekit.media.WebRtcEndpoint;
import io.stella.harness.livekit.media.WebRtcEngine;
import livekit.LivekitRtc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packet engine speaks WebRTC with a stack nobody here wrote: libwebrtc (webrtc-java) on the
 * other end of one connection, on loopback, in both directions and both DTLS roles.
 */
class PacketConnectionInteropTest {

    private static final DtlsIdentity IDENTITY = DtlsIdentity.generate();
    private static final SpeechClip TONE = SpeechClip.tone("tone", 440, 600, -20);
    private static ExecutorService handshakes;
    private static WebRtcEngine libwebrtc;
    private static AudioPacer packetPacer;

    @BeforeAll
    static void start() {
        handshakes = Executors.newCachedThreadPool();
        libwebrtc = new WebRtcEngine("interop-libwebrtc");
        packetPacer = new AudioPacer("interop-packets", PacketMouth.TICK_NANOS);
    }

    @AfterAll
    static void stop() {
        packetPacer.close();
        libwebrtc.close();
        handshakes.shutdownNow();
    }

    @Test
    void libwebrtcHearsWhatThePacketEngineSendsWhenWeOfferAndAreTheDtlsServer() throws Exception {
        BlockingQueue<VoiceActivity.Change> heard = new LinkedBlockingQueue<>();
        try (WebRtcEndpoint endpoint = libwebrtc.endpoint("listener");
             PacketConnection ours = new PacketConnection(IDENTITY, true, handshakes)) {
            RTCPeerConnection theirs = endpoint.receivingConnection(events(ours::addRemoteCandidate, audio -> audio.addSink(
                    listener(heard))), List.of());
            PacketMouth mouth = new PacketMouth(ours, OpusClip.silence(), PacketMouth.Silence.CONTINUOUS, LocalDescriptions.OPUS_PAYLOAD_TYPE,
                    LocalDescriptions.AUDIO_LEVEL_ID);
            String offer = LocalDescriptions.publishingOffer(ours.local(), "stream-1", "TR_packet", mouth.ssrc());

            RTCSessionDescription answer = Negotiation.answer(theirs, offer).get(10, TimeUnit.SECONDS);
            RemoteDescription remote = RemoteDescription.parse(answer.sdp);
            assertEquals("active", remote.setup(), "libwebrtc answers actpass as the DTLS client");
            ours.start(remote, false, 0);
            ours.up().get(10, TimeUnit.SECONDS);
            packetPacer.add(mouth);
            long spokenAt = System.nanoTime();
            mouth.say(OpusClip.encode(TONE)).get(5, TimeUnit.SECONDS);

            VoiceActivity.Change first = heard.poll(5, TimeUnit.SECONDS);
            assertInstanceOf(VoiceActivity.Started.class, first, "libwebrtc heard the tone");
            assertTrue(((VoiceActivity.Started) first).atNanos() > spokenAt);
            packetPacer.remove(mouth);
            assertEquals(0, ours.decryptFailures());
        }
    }

    /**
     * RTCP with a stack nobody here wrote: libwebrtc reads our SRTCP sender reports (its remote-outbound-rtp
     * stats exist only once one came) and its receiver reports on our stream reach us: all of it arrived.
     */
    @Test
    void libwebrtcReadsOurSenderReportsAndReportsWhatArrivedOfOurStream() throws Exception {
        try (WebRtcEndpoint endpoint = libwebrtc.endpoint("reporter");
             PacketConnection ours = new PacketConnection(IDENTITY, true, handshakes)) {
            RTCPeerConnection theirs = endpoint.receivingConnection(events(ours::addRemoteCandidate, audio -> { }), List.of());
            PacketMouth mouth = new PacketMouth(ours, OpusClip.silence(), PacketMouth.Silence.CONTINUOUS, LocalDescriptions.OPUS_PAYLOAD_TYPE,
                    LocalDescriptions.AUDIO_LEVEL_ID);
            RTCSessionDescription answer = Negotiation.answer(theirs,
                    LocalDescriptions.publishingOffer(ours.local(), "stream-3", "TR_reports", mouth.ssrc())).get(10, TimeUnit.SECONDS);
            ours.start(RemoteDescription.parse(answer.sdp), false, 0);
            ours.up().get(10, TimeUnit.SECONDS);
            packetPacer.add(mouth);
            try {
                long deadline = System.nanoTime() + 15_000_000_000L; // libwebrtc reports on audio about every 5 s
                while (ours.sentAudio().farEndReports() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                CallReport.SentAudio sent = ours.sentAudio();
                assertTrue(sent.farEndReports() >= 2, "libwebrtc's receiver reports on our stream: " + sent);
                assertEquals(0, sent.packetsLostAtFarEnd(), sent.toString());
                assertTrue(sent.packetsExpectedAtFarEnd() > 50 && sent.packetsExpectedAtFarEnd() <= sent.packetsSent(), sent.toString());
                assertTrue(statTypes(theirs).contains(RTCStatsType.REMOTE_OUTBOUND_RTP), "libwebrtc took our sender reports");
            } finally {
                packetPacer.remove(mouth);
            }
        }
    }

    private static java.util.Set<RTCStatsType> statTypes(RTCPeerConnection connection) throws Exception {
        java.util.concurrent.CompletableFuture<java.util.Set<RTCStatsType>> types = new java.util.concurrent.CompletableFuture<>();
        connection.getStats(report -> types.complete(report.getStats().values().stream().map(RTCStats::getType)
                .collect(java.util.stream.Collectors.toSet())));
        return types.get(5, TimeUnit.SECONDS);
    }

    @Test
    void thePacketEngineHearsLibwebrtcWhenItOffersAndWeAreTheDtlsClient() throws Exception {
        BlockingQueue<VoiceActivity.Change> heard = new LinkedBlockingQueue<>();
        try (WebRtcEndpoint endpoint = libwebrtc.endpoint("speaker");
             PacketConnection ours = new PacketConnection(IDENTITY, false, handshakes)) {
            RTCPeerConnection theirs = endpoint.sendingConnection(events(ours::addRemoteCandidate, audio -> { }), List.of());
            theirs.addTrack(endpoint.voiceTrack(), List.of("stream-2"));
            RTCSessionDescription offer = Negotiation.offer(theirs).get(10, TimeUnit.SECONDS);
            RemoteDescription remote = RemoteDescription.parse(offer.sdp);
            RemoteDescription.Section audio = remote.opusAudio().orElseThrow();
            assertTrue(audio.audioLevelId() > 0, "libwebrtc offers the audio level");

            String answer = LocalDescriptions.receivingAnswer(remote, ours.local());
            ours.onRtp(new PacketEar(Pcm.rmsOfDbfs(-40), 300, heard::add));
            ours.start(remote, true, audio.audioLevelId());
            Negotiation.setRemote(theirs, new RTCSessionDescription(RTCSdpType.ANSWER, answer)).get(10, TimeUnit.SECONDS);
            ours.up().get(10, TimeUnit.SECONDS);
            libwebrtc.pacer().add(endpoint.mouth());
            long spokenAt = System.nanoTime();
            endpoint.mouth().say(TONE).get(5, TimeUnit.SECONDS);

            VoiceActivity.Change first = heard.poll(5, TimeUnit.SECONDS);
            assertNotNull(first, "the packet engine heard nothing; packets received: " + ours.packetsReceived());
            assertInstanceOf(VoiceActivity.Started.class, first);
            assertTrue(((VoiceActivity.Started) first).atNanos() > spokenAt);
            libwebrtc.pacer().remove(endpoint.mouth());

            // A stranger's RTP-looking datagram on our port is dropped unread, not taken for a packet we failed to decrypt.
            int ourPort = Integer.parseInt(ours.local().candidates().get(0).split(" ")[5]);
            try (java.net.DatagramSocket stranger = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
                byte[] forged = new byte[40];
                forged[0] = (byte) 0x80;
                forged[1] = 111;
                stranger.send(new java.net.DatagramPacket(forged, forged.length, java.net.InetAddress.getLoopbackAddress(), ourPort));
            }
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (ours.strayPackets() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, ours.strayPackets());
            assertEquals(0, ours.decryptFailures());
        }
    }

    private static ConnectionEvents events(Consumer<String> candidates, Consumer<dev.onvoid.webrtc.media.audio.AudioTrack> audio) {
        return events(candidates, state -> { }, audio);
    }

    static ConnectionEvents events(Consumer<String> candidates, Consumer<dev.onvoid.webrtc.RTCPeerConnectionState> states,
                                   Consumer<dev.onvoid.webrtc.media.audio.AudioTrack> audio) {
        return new ConnectionEvents(LivekitRtc.SignalTarget.PUBLISHER, PacketConnectionInteropTest::onLoopback,
                trickle -> candidates.accept(IceCandidates.fromJson(trickle.getCandidateInit()).sdp), states, audio);
    }

    /** libwebrtc binds the wildcard address: it is reached on 127.0.0.1, as the stand-in advertises it. */
    private static Optional<RTCIceCandidate> onLoopback(RTCIceCandidate own) {
        String[] parts = own.sdp.split(" ");
        if (parts.length < 8 || !parts[2].equalsIgnoreCase("udp") || parts[4].contains(":")) {
            return Optional.empty();
        }
        parts[4] = "127.0.0.1";
        return Optional.of(new RTCIceCandidate(own.sdpMid, own.sdpMLineIndex, String.join(" ", parts)));
    }

    private static AudioTrackSink listener(BlockingQueue<VoiceActivity.Change> heard) {
        VoiceActivity activity = new VoiceActivity(Pcm.rmsOfDbfs(-40), 300);
        return (data, bitsPerSample, sampleRate, channels, frames) -> {
            VoiceActivity.Change change = activity.frame(Pcm.rms(data, frames * channels * 2), System.nanoTime(),
                    frames * 1_000_000_000L / sampleRate);
            if (change != null) {
                heard.add(change);
            }
        };
    }
}
