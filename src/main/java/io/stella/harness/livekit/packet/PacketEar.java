package io.stella.harness.livekit.packet;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.stella.harness.livekit.media.AudioPacer;
import io.stella.harness.livekit.media.Pcm;
import io.stella.harness.livekit.media.VoiceActivity;

import java.util.function.Consumer;

/**
 * Hears the other side's voice on the wire: each RTP packet's level, from its RFC 6464 audio-level
 * extension when the sender set one, otherwise from decoding it (Concentus), goes into a
 * {@link VoiceActivity} at the moment the packet arrived. No jitter buffer, no playout: an onset is
 * the arrival of the first loud packet. It also listens on the engine's clock ({@link #tick}): a sender
 * with DTX sends next to nothing in silence, so an utterance's end is heard when the endpointing
 * silence has passed on the clock, not when a packet happens to come.
 */
public final class PacketEar implements PacketConnection.RtpListener, AudioPacer.Voice {

    private static final long PACKET_NANOS = OpusClip.FRAME_MILLIS * 1_000_000L;

    private final VoiceActivity activity;
    private final Consumer<VoiceActivity.Change> changes;
    private final short[] decoded = new short[Pcm.SAMPLE_RATE / 1000 * 120];
    private OpusDecoder decoder;
    private volatile boolean speaking;

    /** @param changes hears each start and end of speech, on the connection's reader thread or the clock's */
    public PacketEar(double speechRms, long endSilenceMillis, Consumer<VoiceActivity.Change> changes) {
        this.activity = new VoiceActivity(speechRms, endSilenceMillis);
        this.changes = changes;
    }

    @Override
    public synchronized void received(Rtp.Received packet, byte[] data, long arrivedNanos) {
        double rms = packet.hasLevel() ? OpusClip.rmsOfLevel(packet.audioLevel()) : decodedRms(data, packet);
        VoiceActivity.Change change = activity.frame(rms, arrivedNanos, PACKET_NANOS);
        speaking = activity.speaking();
        if (change != null) {
            changes.accept(change);
        }
    }

    /** The clock's tick: an utterance whose endpointing silence has passed by {@code nowNanos} ends now. */
    @Override
    public synchronized void tick(long nowNanos) {
        VoiceActivity.Change change = activity.silentUntil(nowNanos);
        speaking = activity.speaking();
        if (change != null) {
            changes.accept(change);
        }
    }

    @Override
    public void silenced(Throwable why) {
        // an ear has nothing to say
    }

    public boolean speaking() {
        return speaking;
    }

    private double decodedRms(byte[] data, Rtp.Received packet) {
        try {
            if (decoder == null) {
                decoder = new OpusDecoder(Pcm.SAMPLE_RATE, 1);
            }
            int samples = decoder.decode(data, packet.payloadOffset(), packet.payloadLength(), decoded, 0, decoded.length, false);
            double sum = 0;
            for (int i = 0; i < samples; i++) {
                sum += (double) decoded[i] * decoded[i];
            }
            return samples == 0 ? 0 : Math.sqrt(sum / samples);
        } catch (OpusException e) {
            return 0; // a packet that does not decode is heard as silence
        }
    }

    /** When the last loud packet arrived (0 before any); safe to read from any thread. */
    public long resumedNanos() {
        return activity.resumedNanos();
    }

    public long lastLoudHeardNanos() {
        return activity.lastLoudHeardNanos();
    }
}
