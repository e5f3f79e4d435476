package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.Mouth;
import io.stella.harness.livekit.media.Utterances;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one participant says on a packet connection: pre-encoded clips as RTP, one 20 ms packet every
 * 20 ms on the mouth's own schedule, each packet with its audio level. Between clips it sends encoded
 * silence: every 20 ms ({@link Silence#CONTINUOUS}), or as libwebrtc sends with Opus DTX on
 * ({@link Silence#DTX}: LiveKit's client SDKs and its agents publish with DTX on): encoded silence for
 * 200 ms after speech stops (and when the stream starts), then an empty DTX frame, then every 400 ms
 * encoded silence and an empty frame again, the RTP timestamp running on with the clock, so that a
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
        /** 200 ms of encoded silence, an empty DTX frame, then the two every 400 ms: libwebrtc with Opus DTX. */
        DTX
    }

    /** In silence with DTX, the pair (encoded silence, empty frame) once in this many 20 ms slots: 400 ms (libopus's MAX_CONSECUTIVE_DTX). */
    private static final int DTX_SLOTS = 20;
    /** Silence is encoded as usual for this many slots first, 200 ms (libopus's NB_SPEECH_FRAMES_BEFORE_DTX). */
    private static final int HANGOVER_SLOTS = 10;

    private final PacketConnection connection;
    private final OpusClip silence;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final int payloadType;
    private final int audioLevelId;
    private final Silence sendsSilence;
    private final byte[] dtxFrame;
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
        this.sendsSilence = sendsSilence;
        this.silence = silence;
        this.dtxFrame = dtxFrame(silence);
        this.payloadType = payloadType;
        this.audioLevelId = audioLevelId;
    }

    /**
     * An Opus packet of one empty frame (RFC 6716: a TOC byte, frame count code 0, nothing after): what
     * libopus emits in DTX and libwebrtc sends once as silence sets in, so that the receiver's decoder
     * makes comfort noise through the gap instead of concealing a loss.
     */
    private static byte[] dtxFrame(OpusClip silence) {
        return new byte[]{(byte) (silence.packets().get(0)[0] & 0xfc)};
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
        if (speaking != null) {
            int index = utterances.nextPiece();
            // The marker bit starts a talkspurt (RFC 3551): the receiver's jitter buffer may adapt there.
            send(speaking.packets().get(index), speaking.levels()[index], !wasSpeaking);
            wasSpeaking = true;
            silentSlots = 0;
            if (utterances.allSpoken(speaking.packets().size())) {
                utterances.finished(sentNanos);
            }
            return;
        }
        wasSpeaking = false;
        int slot = silentSlots++;
        if (sendsSilence == Silence.CONTINUOUS || slot < HANGOVER_SLOTS || (slot - HANGOVER_SLOTS) % DTX_SLOTS == DTX_SLOTS - 1) {
            send(silence.packets().get(0), Rtp.SILENT_LEVEL, false);
        } else if ((slot - HANGOVER_SLOTS) % DTX_SLOTS == 0) {
            send(dtxFrame, Rtp.SILENT_LEVEL, false);
        } else {
            timestamp = (timestamp + TIMESTAMP_STEP) & 0xffffffffL; // a slot of silence not sent
        }
    }

    private void send(byte[] payload, int level, boolean marker) {
        int length = Rtp.write(packet, payloadType, sequence, timestamp, ssrc, marker, audioLevelId, level,
                level < Rtp.SILENT_LEVEL, payload);
        sequence = (sequence + 1) & 0xffff;
        timestamp = (timestamp + TIMESTAMP_STEP) & 0xffffffffL;
        connection.sendRtp(PacketBuffer.copyOf(packet, 0, length));
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

    /** Stops what it is saying and forgets what it was to say next: the next packet is silence. */
    public synchronized void dropAll(Throwable why) {
        utterances.dropAll(why);
    }

    /** Stops what it is saying now (the next packet is the next clip's, or silence); false when it was saying nothing. */
    public synchronized boolean cutShort() {
        return utterances.cutShort(System.nanoTime());
    }

    @Override
    public synchronized void silenced(Throwable why) {
        utterances.silenced(why);
    }
}
