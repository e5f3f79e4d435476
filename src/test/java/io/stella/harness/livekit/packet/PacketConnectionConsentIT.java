package io.stella.harness.livekit.packet;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import io.stella.harness.livekit.media.Negotiation;
import io.stella.harness.livekit.media.Pcm;
import io.stella.harness.livekit.media.SpeechClip;
import io.stella.harness.livekit.media.VoiceActivity;
import io.stella.harness.livekit.media.WebRtcEndpoint;
import io.stella.harness.livekit.media.WebRtcEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Once connected, a packet connection's own reader answers the peer's ICE checks (ice4j no longer
 * reads its socket). libwebrtc sends only while its checks are answered: RFC 7675 gives 30 s
 * without an answer before consent expires and it stops. So: a call held past that still carries
 * libwebrtc's voice, and its connection never left "connected".
 */
class PacketConnectionConsentIT {

    private static final SpeechClip TONE = SpeechClip.tone("tone", 440, 600, -20);
    private static final long HELD_PAST_CONSENT_SEC = 40;

    @Test
    void libwebrtcKeepsSendingPastItsConsentExpiryBecauseOurReaderAnswersItsChecks() throws Exception {
        BlockingQueue<VoiceActivity.Change> heard = new LinkedBlockingQueue<>();
        List<RTCPeerConnectionState> states = new CopyOnWriteArrayList<>();
        ExecutorService handshakes = Executors.newCachedThreadPool();
        try (WebRtcEngine libwebrtc = new WebRtcEngine("consent-libwebrtc");
             WebRtcEndpoint endpoint = libwebrtc.endpoint("speaker");
             PacketConnection ours = new PacketConnection(DtlsIdentity.generate(), false, handshakes)) {
            RTCPeerConnection theirs = endpoint.sendingConnection(PacketConnectionInteropTest.events(ours::addRemoteCandidate,
                    states::add, audio -> { }), List.of());
            theirs.addTrack(endpoint.voiceTrack(), List.of("stream-consent"));
            RemoteDescription offer = RemoteDescription.parse(Negotiation.offer(theirs).get(10, TimeUnit.SECONDS).sdp);
            int audioLevelId = offer.opusAudio().orElseThrow().audioLevelId();
            ours.onRtp(new PacketEar(Pcm.rmsOfDbfs(-40), 300, heard::add));
            ours.start(offer, true, audioLevelId);
            Negotiation.setRemote(theirs, new RTCSessionDescription(RTCSdpType.ANSWER,
                    LocalDescriptions.receivingAnswer(offer, ours.local()))).get(10, TimeUnit.SECONDS);
            ours.up().get(10, TimeUnit.SECONDS);
            libwebrtc.pacer().add(endpoint.mouth());

            Thread.sleep(TimeUnit.SECONDS.toMillis(HELD_PAST_CONSENT_SEC));
            heard.clear();
            endpoint.mouth().say(TONE).get(5, TimeUnit.SECONDS);

            assertInstanceOf(VoiceActivity.Started.class, heard.poll(5, TimeUnit.SECONDS),
                    "libwebrtc's voice after " + HELD_PAST_CONSENT_SEC + " s; its states: " + states);
            assertEquals(List.of(RTCPeerConnectionState.CONNECTED), states.stream().filter(state -> state != RTCPeerConnectionState.CONNECTING
                    && state != RTCPeerConnectionState.NEW).distinct().toList(), "libwebrtc's connection states");
            libwebrtc.pacer().remove(endpoint.mouth());
        } finally {
            handshakes.shutdownNow();
        }
    }
}
