package io.stella.harness.livekit.media;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;

import java.util.concurrent.CompletableFuture;

/**
 * What one participant says: clips queued to be spoken, silence in between. Frames go into the
 * WebRTC source from the {@link AudioPacer}'s thread only, because libwebrtc aborts the whole process
 * when two threads push into one audio send stream.
 */
public final class Mouth implements AudioPacer.Voice {

    /** One clip as it was spoken: its first frame went out at {@code startedNanos}, its last ended at {@code endedNanos}. */
    public record Spoken(long startedNanos, long endedNanos) {
    }

    private static final byte[] SILENCE = new byte[Pcm.BYTES_PER_FRAME];

    private final CustomAudioSource source;
    private final Utterances<SpeechClip> utterances = new Utterances<>();
    private final byte[] frame = new byte[Pcm.BYTES_PER_FRAME];

    Mouth(CustomAudioSource source) {
        this.source = source;
    }

    /** Queues a clip; the future completes when its last frame has been spoken. */
    public synchronized CompletableFuture<Spoken> say(SpeechClip clip) {
        return utterances.say(clip);
    }

    /** Queues a clip whose first frame goes out at the first tick at or after {@code notBeforeNanos}. */
    public synchronized CompletableFuture<Spoken> sayAt(SpeechClip clip, long notBeforeNanos) {
        return utterances.sayAt(clip, notBeforeNanos);
    }

    /**
     * One 10 ms frame, at {@code nowNanos}: the next of the clip being spoken, or silence. Pacer thread
     * only; synchronized with {@link #silenced(Throwable)} so that no frame goes into a source being disposed.
     */
    @Override
    public synchronized void tick(long nowNanos) {
        if (utterances.stopped()) {
            return;
        }
        SpeechClip clip = utterances.speaking(nowNanos);
        if (clip == null) {
            source.pushAudio(SILENCE, 16, Pcm.SAMPLE_RATE, 1, Pcm.SAMPLES_PER_FRAME);
            return;
        }
        clip.frame(utterances.nextPiece(), frame);
        source.pushAudio(frame, 16, Pcm.SAMPLE_RATE, 1, Pcm.SAMPLES_PER_FRAME);
        if (utterances.allSpoken(clip.frames())) {
            utterances.finished(nowNanos); // handed over at the end of its 10 ms, as a microphone hands a frame over
        }
    }

    /** Stops what it is saying and forgets what it was to say next: the next frame is silence. */
    public synchronized void dropAll(Throwable why) {
        utterances.dropAll(why);
    }

    /** Stops what it is saying now (the next frame is the next clip's, or silence); false when it was saying nothing. */
    public synchronized boolean cutShort() {
        return utterances.cutShort(System.nanoTime());
    }

    /** Nothing more will be spoken: what is queued never will be, and no frame goes out after this returns. */
    @Override
    public synchronized void silenced(Throwable why) {
        utterances.silenced(why);
    }
}
