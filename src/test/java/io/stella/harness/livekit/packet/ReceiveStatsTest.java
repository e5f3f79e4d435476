package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.CallReport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A received stream counted as RFC 3550 counts it, with the silence of a DTX sender told from loss. */
class ReceiveStatsTest {

    static final long PACKET_NANOS = 20_000_000L;
    static final int SAMPLES_PER_PACKET = 960;

    @Test
    void aDtxSendersSilenceIsNeitherLossNorSlowArrival() {
        ReceiveStats stats = new ReceiveStats();
        int sequence = 65_530; // wraps around within the test
        long timestamp = 4_294_960_000L; // and so does the timestamp
        long slot = 0;
        for (int talkspurt = 0; talkspurt < 5; talkspurt++) {
            for (int i = 0; i < 50; i++, slot++) { // one second of speech
                stats.packet(sequence++ & 0xffff, (timestamp + slot * SAMPLES_PER_PACKET) & 0xffffffffL, slot * PACKET_NANOS);
            }
            slot += 40; // 800 ms of silence with nothing sent
        }

        CallReport.AudioStats read = stats.snapshot(0, 0);

        assertEquals(250, read.packetsReceived());
        assertEquals(0, read.packetsLost());
        assertEquals(100, read.playoutPercent(), 0.01, "media time against arrival time");
    }

    @Test
    void aPacketThatNeverCameIsLost() {
        ReceiveStats stats = new ReceiveStats();
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) {
                stats.packet(i, (long) i * SAMPLES_PER_PACKET, i * PACKET_NANOS);
            }
        }

        CallReport.AudioStats read = stats.snapshot(0, 0);

        assertEquals(90, read.packetsReceived());
        assertEquals(10, read.packetsLost());
    }
}
