package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.Mouth;
import io.stella.harness.livekit.media.Utterances;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one participant says on a packet connection: pre-encoded clips as RTP, one 20 ms packet every
 * 20 ms on the mouth's own schedule, each packet with its audio level. Between clips it sends encoded
 * silence: every 20 ms ({@link Silence#CONTINUOUS}, as libwebrtc's senders in the stand-in do), or as
 * a caller with DTX does ({@link Silence#DTX}: LiveKit's client SDKs publish with DTX on): one packet
 * when speech stops and then one every 400 ms, the RTP timestamp running on with the clock, so that a
 * receiver knows the gaps for silence and not loss. A clip asked for while the mouth sends silence
 * starts at the pacer's next tick, and the schedule moves with it, as a real sender's does when its
 * first encoded frame leaves: an agent's reply leaves when the agent has it, not up to a packet later
 * on a clock shared by every call. A clip counts as spoken when its last packet is on the wire.
 */
public final class PacketMouth implements AudioPacer.Voice {

    /** How often the pacer looks at a packet mouth: a reply waits at most this long for its first packet. */
    public static final long TICK_NANOS = 2_000_000L;
    private static final long PACKET_NANOS = OpusClip.FRAME_MILLIS * 1_000_000L;
    /** Further behind its schedule than this, a mouth drops the packets it missed rather than burst them out. */
    private static final long RESYNC_NANOS = 10 * PACKET_NANOS;
    private static final int TIMESTAMP_STEP = OpusClip.SAMPLES_PER_PACKET;

    /** How a mouth sends silence. */
    public enum Silence {
        /** A packet of encoded silence every 20 ms. */
        CONTINUOUS,
        /** One packet as speech stops, then one every 400 ms, as libopus's DTX. */
        DTX
    }

    /** In silence with DTX, one packet in this many 20 ms slots: 400 ms. */
    private static final int DTX_SLOTS = 20;

    private final PacketConnection connection;
    private final OpusClip silence;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final int payloadType;
    private final int audioLevelId;
    private final int silenceSlots;
    private final Utterances<OpusClip> utterances = new Utterances<>();
    private final byte[] packet = new byte[1500];
    private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
    private boolean wasSpeaking;
    private long nextPacketNanos = Long.MIN_VALUE;
    private int silentSlots;

    /**
     * @param payloadType  Opus's payload type as negotiated
     * @param audioLevelId the negotiated audio-level extension id, 0 when none
     */
    public PacketMouth(PacketConnection connection, OpusClip silence, Silence sendsSilence, int payloadType, int audioLevelId) {
        this.connection = connection;
        this.silenceSlots = sendsSilence == Silence.DTX ? DTX_SLOTS : 1;
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

    /**
     * Queues a clip whose first packet leaves at the first tick at or after {@code notBeforeNanos}: a
     * delay kept by the send clock itself (which is judged for lateness), not by another thread's timer.
     */
    public synchronized CompletableFuture<Mouth.Spoken> sayAt(OpusClip clip, long notBeforeNanos) {
        return utterances.sayAt(clip, notBeforeNanos);
    }

    /** Ticks every {@link #TICK_NANOS}: sends one packet when one is due (the next of the clip being spoken, or silence). */
    @Override
    public synchronized void tick(long nowNanos) {
        if (utterances.stopped() || !due(nowNanos)) {
            return;
        }
        long sentNanos = System.nanoTime(); // not the tick's time: the pacer ticks every mouth in turn
        OpusClip speaking = utterances.speaking(sentNanos);
        if (speaking == null && silentSlots++ % silenceSlots != 0) {
            timestamp = (timestamp + TIMESTAMP_STEP) & 0xffffffffL; // a slot of silence not sent
            return;
        }
        if (speaking != null) {
            silentSlots = 0;
        }
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
            utterances.finished(sentNanos);
        }
    }

    /** Whether a packet is due now, moving the schedule to now when speech starts after silence. */
    private boolean due(long nowNanos) {
        boolean speechWaits = !wasSpeaking && utterances.waiting(nowNanos);
        if (speechWaits || nextPacketNanos == Long.MIN_VALUE || nowNanos - nextPacketNanos > RESYNC_NANOS) {
            nextPacketNanos = nowNanos;
        }
        if (nowNanos - nextPacketNanos < 0) { // nanoTime may wrap: compared by difference
            return false;
        }
        nextPacketNanos += PACKET_NANOS;
        return true;
    }

    @Override
    public synchronized void silenced(Throwable why) {
        utterances.silenced(why);
    }
}
