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
     * In silence with DTX a mouth sends as libwebrtc does with Opus DTX on: a packet of encoded silence,
     * then an empty DTX frame (a TOC byte alone, which makes a libwebrtc receiver play comfort noise
     * through the gap instead of concealing a loss: 15% of a call's samples concealed without it), then
     * nothing until the pair comes again 400 ms later, sequence numbers in a row and the timestamp
     * running on with the clock.
     */
    @Test
    void inSilenceWithDtxSendsEncodedSilenceAndAnEmptyFrameEvery400Ms() throws Exception {
        List<Rtp.Received> heard = hear(PacketMouth.Silence.DTX, 1_000);

        assertTrue(heard.size() >= 5 && heard.size() <= 7, "about 1 s of DTX: pairs at 0, 400 and 800 ms, got " + heard);
        for (int i = 0; i + 1 < heard.size(); i += 2) {
            Rtp.Received silence = heard.get(i);
            Rtp.Received empty = heard.get(i + 1);
            assertTrue(silence.payloadLength() > 1, "encoded silence first: " + silence);
            assertEquals(1, empty.payloadLength(), "then a TOC byte alone: " + empty);
            assertEquals((silence.sequence() + 1) & 0xffff, empty.sequence());
            assertEquals((silence.timestamp() + STEP) & 0xffffffffL, empty.timestamp());
            assertEquals(Rtp.SILENT_LEVEL, empty.audioLevel());
            if (i + 2 < heard.size()) {
                assertEquals((empty.timestamp() + 19 * STEP) & 0xffffffffL, heard.get(i + 2).timestamp(),
                        "the next pair 400 ms of timestamp later");
            }
        }
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
