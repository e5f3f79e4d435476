package io.stella.harness.livekit.packet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RTP as RFC 3550 lays it out, with the RFC 6464 audio level in an RFC 8285 one-byte extension. */
class RtpTest {

    private static final byte[] PAYLOAD = {1, 2, 3, 4, 5};

    @Test
    void aPacketWithTheAudioLevelReadsBackFieldForField() {
        byte[] packet = new byte[100];
        int length = Rtp.write(packet, 111, 65_535, 0xfffffff0L, 0xcafe, true, 3, 42, true, PAYLOAD);

        assertEquals(12 + 8 + PAYLOAD.length, length);
        assertEquals(0x90, packet[0] & 0xff, "version 2, extension bit");
        assertEquals(0x80 | 111, packet[1] & 0xff, "marker and payload type");
        Rtp.Received read = Rtp.read(packet, 0, length, 3);
        assertEquals(111, read.payloadType());
        assertEquals(65_535, read.sequence());
        assertEquals(0xfffffff0L, read.timestamp());
        assertEquals(0xcafe, read.ssrc());
        assertEquals(42, read.audioLevel());
        assertTrue(read.voice());
        byte[] payload = new byte[read.payloadLength()];
        System.arraycopy(packet, read.payloadOffset(), payload, 0, payload.length);
        assertArrayEquals(PAYLOAD, payload);
    }

    @Test
    void aLevelUnderAnotherIdOrNoExtensionIsNoLevel() {
        byte[] packet = new byte[100];
        int withLevel = Rtp.write(packet, 111, 1, 960, 7, false, 3, 10, false, PAYLOAD);
        assertFalse(Rtp.read(packet, 0, withLevel, 1).hasLevel(), "the session negotiated id 1, the packet carries id 3");

        int plain = Rtp.write(packet, 111, 1, 960, 7, false, 0, 10, false, PAYLOAD);
        Rtp.Received read = Rtp.read(packet, 0, plain, 1);
        assertFalse(read.hasLevel());
        assertEquals(12, read.payloadOffset());
    }

    @Test
    void theLevelIsFoundAmongOtherElementsAndPadding() {
        // One-byte profile, 2 words: element id 5 with 2 data bytes, padding, then id 1 with the level.
        byte[] packet = {(byte) 0x90, 111, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9,
                (byte) 0xBE, (byte) 0xDE, 0, 2, 0x51, 7, 7, 0, 0x10, (byte) (0x80 | 30), 0, 0, 9};
        Rtp.Received read = Rtp.read(packet, 0, packet.length, 1);
        assertEquals(30, read.audioLevel());
        assertTrue(read.voice());
        assertEquals(1, read.payloadLength());
    }

    @Test
    void rtcpIsToldFromRtpByItsPacketType() {
        assertTrue(Rtp.isRtcp(new byte[]{(byte) 0x81, (byte) 201, 0, 7}, 0, 4), "receiver report");
        assertFalse(Rtp.isRtcp(new byte[]{(byte) 0x80, 111, 0, 7}, 0, 4), "Opus RTP");
    }

    @Test
    void aTruncatedPacketIsNotRead() {
        assertNull(Rtp.read(new byte[]{(byte) 0x80, 111, 0}, 0, 3, 0));
        byte[] extensionCutShort = {(byte) 0x90, 111, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9, (byte) 0xBE, (byte) 0xDE, 0, 4};
        assertNull(Rtp.read(extensionCutShort, 0, extensionCutShort.length, 1));
    }
}
