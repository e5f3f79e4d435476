package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.Mouth;
import io.stella.harness.livekit.media.Utterances;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one participant says on a packet connection: pre-encoded clips as RTP, one 20 ms packet per
 * 20 ms tick of an {@link AudioPacer}, encoded silence in between (as a microphone keeps sending), each
 * packet with its audio level. A clip counts as spoken when its last packet is on the wire.
 */
public final class PacketMouth implements AudioPacer.Voice {

    /** The pacer period a packet mouth needs: one packet of {@link OpusClip#FRAME_MILLIS}. */
    public static final long TICK_NANOS = OpusClip.FRAME_MILLIS * 1_000_000L;
    private static final int TIMESTAMP_STEP = OpusClip.SAMPLES_PER_PACKET;

    private final PacketConnection connection;
    private final OpusClip silence;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final int payloadType;
    private final int audioLevelId;
    private final Utterances<OpusClip> utterances = new Utterances<>();
    private final byte[] packet = new byte[1500];
    private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
    private boolean wasSpeaking;

    /**
     * @param payloadType  Opus's payload type as negotiated
     * @param audioLevelId the negotiated audio-level extension id, 0 when none
     */
    public PacketMouth(PacketConnection connection, OpusClip silence, int payloadType, int audioLevelId) {
        this.connection = connection;
        this.silence = silence;
        this.payloadType = payloadType;
        this.audioLevelId = audioLevelId;
    }

    public int ssrc() {
        return ssrc;
    }

    /** Queues a clip; the future completes when its last packet was sent. */
    public synchronized CompletableFuture<Mouth.Spoken> say(OpusClip clip) {
        return utterances.say(clip);
    }

    /** Ticks every {@link #TICK_NANOS}: one packet at {@code nowNanos}, the next of the clip being spoken, or silence. */
    @Override
    public synchronized void tick(long nowNanos) {
        if (utterances.stopped()) {
            return;
        }
        OpusClip speaking = utterances.speaking(nowNanos);
        OpusClip clip = speaking != null ? speaking : silence;
        int index = speaking != null ? utterances.nextPiece() : 0;
        // The marker bit starts a talkspurt (RFC 3551): the receiver's jitter buffer may adapt there.
        boolean marker = speaking != null && !wasSpeaking;
        int length = Rtp.write(packet, payloadType, sequence, timestamp, ssrc, marker, audioLevelId, clip.levels()[index],
                clip.levels()[index] < Rtp.SILENT_LEVEL, clip.packets().get(index));
        sequence = (sequence + 1) & 0xffff;
        timestamp = (timestamp + TIMESTAMP_STEP) & 0xffffffffL;
        wasSpeaking = speaking != null;
        connection.sendRtp(PacketBuffer.copyOf(packet, 0, length));
        if (speaking != null && utterances.allSpoken(clip.packets().size())) {
            utterances.finished(System.nanoTime());
        }
    }

    @Override
    public synchronized void silenced(Throwable why) {
        utterances.silenced(why);
    }
}
