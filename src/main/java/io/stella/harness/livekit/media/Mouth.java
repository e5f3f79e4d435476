package io.stella.harness.livekit.media;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What one participant says: clips queued to be spoken, silence in between. Frames go into the
 * WebRTC source from the {@link AudioPacer}'s thread only, because libwebrtc aborts the whole process
 * when two threads push into one audio send stream.
 */
public final class Mouth implements AudioPacer.Voice {

    /** One clip as it was spoken: its first frame went out at {@code startedNanos}, its last ended at {@code endedNanos}. */
    public record Spoken(long startedNanos, long endedNanos) {
    }

    private record Utterance(SpeechClip clip, CompletableFuture<Spoken> spoken) {
    }

    private static final byte[] SILENCE = new byte[Pcm.BYTES_PER_FRAME];

    private final CustomAudioSource source;
    private final ConcurrentLinkedQueue<Utterance> queued = new ConcurrentLinkedQueue<>();
    private final byte[] frame = new byte[Pcm.BYTES_PER_FRAME];
    private Utterance current;
    private int nextFrame;
    private long currentStartedNanos;
    private boolean stopped;

    Mouth(CustomAudioSource source) {
        this.source = source;
    }

    /** Queues a clip; the future completes when its last frame has been spoken. */
    public synchronized CompletableFuture<Spoken> say(SpeechClip clip) {
        CompletableFuture<Spoken> spoken = new CompletableFuture<>();
        if (stopped) {
            spoken.completeExceptionally(new IllegalStateException("this participant no longer speaks"));
        } else {
            queued.add(new Utterance(clip, spoken));
        }
        return spoken;
    }

    /**
     * One 10 ms frame, at {@code nowNanos}: the next of the clip being spoken, or silence. Pacer thread
     * only; synchronized with {@link #silenced(Throwable)} so that no frame goes into a source being disposed.
     */
    @Override
    public synchronized void tick(long nowNanos) {
        if (stopped) {
            return;
        }
        if (current == null) {
            current = queued.poll();
            nextFrame = 0;
            currentStartedNanos = nowNanos;
        }
        if (current == null) {
            source.pushAudio(SILENCE, 16, Pcm.SAMPLE_RATE, 1, Pcm.SAMPLES_PER_FRAME);
            return;
        }
        current.clip().frame(nextFrame++, frame);
        source.pushAudio(frame, 16, Pcm.SAMPLE_RATE, 1, Pcm.SAMPLES_PER_FRAME);
        if (nextFrame == current.clip().frames()) {
            current.spoken().complete(new Spoken(currentStartedNanos, nowNanos + Pcm.FRAME_NANOS));
            current = null;
        }
    }

    /** Nothing more will be spoken: what is queued never will be, and no frame goes out after this returns. */
    @Override
    public synchronized void silenced(Throwable why) {
        stopped = true;
        Utterance pending;
        while ((pending = queued.poll()) != null) {
            pending.spoken().completeExceptionally(why);
        }
        if (current != null) {
            current.spoken().completeExceptionally(why);
            current = null;
        }
    }
}
