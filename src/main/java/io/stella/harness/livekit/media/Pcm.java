package io.stella.harness.livekit.media;

/**
 * The one audio format the harness speaks and listens in: 48 kHz mono, 16-bit little-endian, in
 * 10 ms frames, which is what WebRTC's Opus path takes and gives without resampling.
 */
public final class Pcm {

    public static final int SAMPLE_RATE = 48_000;
    public static final int FRAME_MILLIS = 10;
    public static final int SAMPLES_PER_FRAME = SAMPLE_RATE / 1000 * FRAME_MILLIS;
    public static final int BYTES_PER_FRAME = SAMPLES_PER_FRAME * 2;
    public static final long FRAME_NANOS = FRAME_MILLIS * 1_000_000L;

    private static final double FULL_SCALE = 32768.0;

    private Pcm() {
    }

    /** Root mean square of 16-bit little-endian samples, in sample units (0..32768). */
    public static double rms(byte[] data, int byteCount) {
        int samples = byteCount / 2;
        if (samples == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i + 1 < byteCount; i += 2) {
            short sample = (short) ((data[i] & 0xff) | (data[i + 1] << 8));
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / samples);
    }

    /** A level in dBFS (0 = full scale, -40 = quiet speech) as an RMS in sample units. */
    public static double rmsOfDbfs(double dbfs) {
        return FULL_SCALE * Math.pow(10, dbfs / 20);
    }
}
