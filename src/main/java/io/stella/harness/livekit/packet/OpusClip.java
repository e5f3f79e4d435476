package io.stella.harness.livekit.packet;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import io.stella.harness.livekit.media.Pcm;
import io.stella.harness.livekit.media.SpeechClip;

import java.util.ArrayList;
import java.util.List;

/**
 * A clip encoded to Opus once, 20 ms a packet, with each packet's RFC 6464 level (-dBov of its
 * samples) beside it: sending it costs no encoding at all, however often it is spoken.
 */
public record OpusClip(String name, List<byte[]> packets, int[] levels) {

    static final int FRAME_MILLIS = 20;
    static final int SAMPLES_PER_PACKET = Pcm.SAMPLE_RATE / 1000 * FRAME_MILLIS;
    private static final int BITRATE = 32_000;
    private static final int MAX_PACKET_BYTES = 1275;

    public OpusClip {
        packets = List.copyOf(packets);
    }

    /** Encodes the clip (its last packet filled up with silence) as libwebrtc would: VoIP, 32 kb/s, no DTX. */
    public static OpusClip encode(SpeechClip clip) {
        try {
            OpusEncoder encoder = new OpusEncoder(Pcm.SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setBitrate(BITRATE);
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            encoder.setUseInbandFEC(true);
            encoder.setComplexity(5);
            short[] samples = samples(clip.pcm());
            int count = (samples.length + SAMPLES_PER_PACKET - 1) / SAMPLES_PER_PACKET;
            short[] padded = new short[count * SAMPLES_PER_PACKET];
            System.arraycopy(samples, 0, padded, 0, samples.length);
            List<byte[]> packets = new ArrayList<>(count);
            int[] levels = new int[count];
            byte[] out = new byte[MAX_PACKET_BYTES];
            for (int i = 0; i < count; i++) {
                int length = encoder.encode(padded, i * SAMPLES_PER_PACKET, SAMPLES_PER_PACKET, out, 0, out.length);
                byte[] packet = new byte[length];
                System.arraycopy(out, 0, packet, 0, length);
                packets.add(packet);
                levels[i] = level(padded, i * SAMPLES_PER_PACKET, SAMPLES_PER_PACKET);
            }
            return new OpusClip(clip.name(), packets, levels);
        } catch (OpusException e) {
            throw new IllegalStateException("cannot encode " + clip.name() + " to Opus: " + e.getMessage(), e);
        }
    }

    /** 20 ms of digital silence as one Opus packet: what a caller sends while it does not speak. */
    public static OpusClip silence() {
        OpusClip encoded = encode(new SpeechClip("silence", new byte[Pcm.BYTES_PER_FRAME * 10]));
        return new OpusClip("silence", List.of(encoded.packets().get(encoded.packets().size() - 1)), new int[]{Rtp.SILENT_LEVEL});
    }

    /** RFC 6464: 0 is the loudest (0 dBov), 127 silence. */
    static int level(short[] samples, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += (double) samples[i] * samples[i];
        }
        double rms = Math.sqrt(sum / count);
        if (rms < 1) {
            return Rtp.SILENT_LEVEL;
        }
        long dbov = Math.round(-20 * Math.log10(rms / 32768.0));
        return (int) Math.max(0, Math.min(Rtp.SILENT_LEVEL, dbov));
    }

    /** The RMS (in sample units) a level stands for: how a received level meets {@code speechRms}. */
    static double rmsOfLevel(int level) {
        return level >= Rtp.SILENT_LEVEL ? 0 : 32768.0 * Math.pow(10, -level / 20.0);
    }

    private static short[] samples(byte[] pcm) {
        short[] samples = new short[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
        }
        return samples;
    }
}
