package io.stella.harness.livekit.packet;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a packet mouth puts on the wire, read by a second connection on loopback. */
class PacketMouthTest {

    private static final long STEP = OpusClip.SAMPLES_PER_PACKET;

    /**
     * In silence with DTX a mouth sends as libwebrtc does with Opus DTX on: encoded silence for 200 ms
     * (libopus's hangover), then an empty DTX frame (a TOC byte alone, which makes a libwebrtc receiver
     * play comfort noise through the gap instead of concealing a loss: 15% of a call's samples concealed
     * without it), then every 400 ms encoded silence and an empty frame again; sequence numbers in a
     * row, the timestamp running on with the clock.
     */
    @Test
    void inSilenceWithDtxSendsAHangoverThenEmptyFramesEvery400Ms() throws Exception {
        List<Rtp.Received> heard = hear(PacketMouth.Silence.DTX, 1_000);

        assertTrue(heard.size() >= 13 && heard.size() <= 15, "about 1 s: 10 + 1 + 2 + 1 packets, got " + heard);
        for (int i = 1; i < heard.size(); i++) {
            assertEquals((heard.get(i - 1).sequence() + 1) & 0xffff, heard.get(i).sequence(), "no sequence number skipped");
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(heard.get(i).payloadLength() > 1, "the hangover: encoded silence " + heard.get(i));
            assertEquals((heard.get(0).timestamp() + i * STEP) & 0xffffffffL, heard.get(i).timestamp());
        }
        assertEquals(1, heard.get(10).payloadLength(), "then a TOC byte alone: " + heard.get(10));
        assertEquals((heard.get(0).timestamp() + 10 * STEP) & 0xffffffffL, heard.get(10).timestamp());
        assertEquals(Rtp.SILENT_LEVEL, heard.get(10).audioLevel());
        assertTrue(heard.get(11).payloadLength() > 1, "encoded silence again: " + heard.get(11));
        assertEquals((heard.get(0).timestamp() + 29 * STEP) & 0xffffffffL, heard.get(11).timestamp(), "19 slots later");
        assertEquals(1, heard.get(12).payloadLength(), "and an empty frame: " + heard.get(12));
        assertEquals((heard.get(0).timestamp() + 30 * STEP) & 0xffffffffL, heard.get(12).timestamp());
    }

    @Test
    void inSilenceContinuouslySendsEncodedSilenceEvery20Ms() throws Exception {
        List<Rtp.Received> heard = hear(PacketMouth.Silence.CONTINUOUS, 500);

        assertTrue(heard.size() >= 20, "a packet every 20 ms for 0.5 s, got " + heard.size());
        assertTrue(heard.stream().allMatch(packet -> packet.payloadLength() > 1), heard.toString());
        for (int i = 1; i < heard.size(); i++) {
            assertEquals((heard.get(i - 1).timestamp() + STEP) & 0xffffffffL, heard.get(i).timestamp());
        }
    }

    private static List<Rtp.Received> hear(PacketMouth.Silence silence, long forMillis) throws Exception {
        List<Rtp.Received> heard = new CopyOnWriteArrayList<>();
        try (PacketEngine engine = new PacketEngine("mouth-test");
             PacketConnection speaking = new PacketConnection(engine.identity(), true, engine.handshakes());
             PacketConnection listening = new PacketConnection(engine.identity(), false, engine.handshakes())) {
            RemoteDescription offer = RemoteDescription.parse(LocalDescriptions.publishingOffer(speaking.local(), "s", "t", 1));
            RemoteDescription answer = RemoteDescription.parse(LocalDescriptions.receivingAnswer(offer, listening.local()));
            listening.onRtp((packet, data, arrivedNanos) -> heard.add(packet));
            listening.start(offer, !offer.setup().equals("active"), LocalDescriptions.AUDIO_LEVEL_ID);
            speaking.start(answer, answer.setup().equals("passive"), LocalDescriptions.AUDIO_LEVEL_ID);
            CompletableFuture.allOf(speaking.up(), listening.up()).get(10, TimeUnit.SECONDS);

            PacketMouth mouth = new PacketMouth(speaking, engine.silence(), silence, LocalDescriptions.OPUS_PAYLOAD_TYPE,
                    LocalDescriptions.AUDIO_LEVEL_ID);
            engine.pacer().add(mouth);
            Thread.sleep(forMillis);
            engine.pacer().remove(mouth);
            Thread.sleep(50); // the last packets on their way
        }
        return List.copyOf(heard);
    }
}
