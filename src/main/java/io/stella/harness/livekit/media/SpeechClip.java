package io.stella.harness.livekit.media;

import io.stella.harness.config.ConfigException;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A short utterance ready to be spoken: {@link Pcm} samples in whole 10 ms frames. Clips are
 * 16-bit mono WAV files (16 kHz or 48 kHz), from the classpath ({@code voice/prompt-1.wav}) or a path.
 */
public record SpeechClip(String name, byte[] pcm) {

    public SpeechClip {
        if (pcm.length == 0 || pcm.length % Pcm.BYTES_PER_FRAME != 0) {
            throw new IllegalArgumentException("a clip holds whole 10 ms frames (" + name + ": " + pcm.length + " bytes)");
        }
    }

    public int frames() {
        return pcm.length / Pcm.BYTES_PER_FRAME;
    }

    public long durationMillis() {
        return (long) frames() * Pcm.FRAME_MILLIS;
    }

    /** Copies frame {@code index} into {@code into} (one frame long). */
    public void frame(int index, byte[] into) {
        System.arraycopy(pcm, index * Pcm.BYTES_PER_FRAME, into, 0, Pcm.BYTES_PER_FRAME);
    }

    /** A sine tone, for tests and calibration: a clip whose onset and end are exact. */
    public static SpeechClip tone(String name, double hz, long millis, double dbfs) {
        int samples = (int) (millis / Pcm.FRAME_MILLIS) * Pcm.SAMPLES_PER_FRAME;
        double amplitude = Pcm.rmsOfDbfs(dbfs) * Math.sqrt(2);
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short sample = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / Pcm.SAMPLE_RATE));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        return new SpeechClip(name, pcm);
    }

    /**
     * A clip from the classpath, else from a file; {@code field} names the setting it came from
     * in any error, which is one line.
     */
    public static SpeechClip load(String location, String field) {
        try (InputStream resource = SpeechClip.class.getClassLoader().getResourceAsStream(location)) {
            if (resource != null) {
                return read(location, new BufferedInputStream(resource), field);
            }
        } catch (IOException e) {
            throw new ConfigException(field + ": cannot read " + location + " (" + e.getMessage() + ")");
        }
        Path file = Path.of(location);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(field + ": no such clip on the classpath or on disk: " + location);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(location, in, field);
        } catch (IOException e) {
            throw new ConfigException(field + ": cannot read " + location + " (" + e.getMessage() + ")");
        }
    }

    private static SpeechClip read(String location, InputStream in, String field) throws IOException {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(in)) {
            AudioFormat format = audio.getFormat();
            boolean pcm16 = format.getEncoding() == AudioFormat.Encoding.PCM_SIGNED && format.getSampleSizeInBits() == 16
                    && format.getChannels() == 1 && !format.isBigEndian();
            int rate = Math.round(format.getSampleRate());
            if (!pcm16 || (rate != 16_000 && rate != Pcm.SAMPLE_RATE)) {
                throw new ConfigException(field + ": " + location + " must be 16-bit mono WAV at 16 or 48 kHz (is " + format + ")");
            }
            byte[] samples = audio.readAllBytes();
            byte[] at48k = rate == Pcm.SAMPLE_RATE ? samples : upsampleThreeTimes(samples);
            int whole = at48k.length / Pcm.BYTES_PER_FRAME * Pcm.BYTES_PER_FRAME;
            if (whole == 0) {
                throw new ConfigException(field + ": " + location + " is shorter than 10 ms");
            }
            byte[] frames = new byte[whole];
            System.arraycopy(at48k, 0, frames, 0, whole);
            return new SpeechClip(location, frames);
        } catch (UnsupportedAudioFileException e) {
            throw new ConfigException(field + ": " + location + " is not a WAV file (" + e.getMessage() + ")");
        }
    }

    /** 16 kHz to 48 kHz by linear interpolation: speech keeps its shape, and onsets stay where they were. */
    private static byte[] upsampleThreeTimes(byte[] samples16k) {
        int count = samples16k.length / 2;
        byte[] out = new byte[count * 3 * 2];
        for (int i = 0; i < count; i++) {
            int current = sample(samples16k, i);
            int next = i + 1 < count ? sample(samples16k, i + 1) : current;
            for (int k = 0; k < 3; k++) {
                int value = current + (next - current) * k / 3;
                int at = (i * 3 + k) * 2;
                out[at] = (byte) value;
                out[at + 1] = (byte) (value >> 8);
            }
        }
        return out;
    }

    private static int sample(byte[] data, int index) {
        return (short) ((data[2 * index] & 0xff) | (data[2 * index + 1] << 8));
    }
}
