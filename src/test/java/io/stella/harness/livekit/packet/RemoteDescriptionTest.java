package io.stella.harness.livekit.packet;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the packet engine reads from the other side's session description, and the answer it writes to it. */
class RemoteDescriptionTest {

    // The shape of a LiveKit subscriber offer: audio with Opus and RED, a data channel section.
    static final String OFFER = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 63 111", "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:Ab12", "a=ice-pwd:abcdefghijklmnopqrstuvwx",
            "a=fingerprint:sha-256 AA:BB:CC", "a=setup:actpass", "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=sendonly",
            "a=rtpmap:63 red/48000/2", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=mid:1", "a=sctp-port:5000", "");

    @Test
    void aSubscriberOfferIsReadForIceDtlsAndItsOpusSection() {
        RemoteDescription offer = RemoteDescription.parse(OFFER);

        assertEquals("Ab12", offer.iceUfrag());
        assertEquals("abcdefghijklmnopqrstuvwx", offer.icePwd());
        assertEquals("AA:BB:CC", offer.fingerprint());
        assertEquals("actpass", offer.setup());
        assertFalse(offer.iceLite());
        assertEquals(List.of("candidate:1 1 udp 2130706431 127.0.0.1 50000 typ host"), offer.candidates());
        RemoteDescription.Section audio = offer.opusAudio().orElseThrow();
        assertEquals("0", audio.mid());
        assertEquals(111, audio.opusPayloadType(), "Opus, not RED");
        assertEquals(1, audio.audioLevelId());
        assertEquals("sendonly", audio.direction());
        assertEquals(2, offer.sections().size());
    }

    @Test
    void theAnswerReceivesOpusOnlyAsTheDtlsClientAndDeclinesTheDataChannel() {
        String answer = LocalDescriptions.receivingAnswer(RemoteDescription.parse(OFFER),
                new LocalDescriptions.Local("ours", "our-password-of-22-chars", List.of("candidate:9 1 udp 1 127.0.0.1 40000 typ host"),
                        "11:22"));

        assertTrue(answer.contains("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"), answer);
        assertFalse(answer.contains("red/48000"), "RED is not accepted: " + answer);
        assertTrue(answer.contains("a=setup:active\r\n"));
        assertTrue(answer.contains("a=recvonly\r\n"));
        assertTrue(answer.contains("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n"));
        assertTrue(answer.contains("a=group:BUNDLE 0\r\n"));
        assertTrue(answer.contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n"), answer);
        assertTrue(answer.contains("a=candidate:9 1 udp 1 127.0.0.1 40000 typ host\r\n"));
        RemoteDescription readBack = RemoteDescription.parse(answer);
        assertEquals("ours", readBack.iceUfrag());
        assertEquals("11:22", readBack.fingerprint());
    }

    @Test
    void aDescriptionWithoutCredentialsOrFingerprintIsRefusedSayingWhat() {
        IllegalArgumentException noIce = assertThrows(IllegalArgumentException.class,
                () -> RemoteDescription.parse(OFFER.replace("a=ice-ufrag:Ab12\r\n", "")));
        assertTrue(noIce.getMessage().contains("ICE credentials"));
        IllegalArgumentException noFingerprint = assertThrows(IllegalArgumentException.class,
                () -> RemoteDescription.parse(OFFER.replace("a=fingerprint:sha-256 AA:BB:CC\r\n", "")));
        assertTrue(noFingerprint.getMessage().contains("fingerprint"));
    }
}
