package io.stella.harness.livekit.media;

/**
 * Tells speech from silence in a stream of frames (10 ms, or 20 ms packets) by energy, the way a
 * voice agent's endpointing does: speech starts with the first frame above the level, and ends once
 * the audio has stayed below it for the endpointing silence; the end is dated at the last loud
 * frame's end, and the moment the silence ran out is kept apart. The silence is counted to the
 * nearest half frame: frames arrive a little early or late, and an endpointing of 500 ms must end
 * on the 25th quiet 20 ms packet, not on the 25th or 26th by a microsecond's chance.
 * One instance per stream, fed from one thread at a time.
 */
public final class VoiceActivity {

    /** What happened with the frame just fed. */
    public sealed interface Change permits Started, Ended {
    }

    /** Speech began with a frame heard at {@code atNanos}. */
    public record Started(long atNanos) implements Change {
    }

    /**
     * Speech that began at {@code startedNanos} ended at {@code endedNanos} (the end of its last loud
     * frame, which was heard at {@code lastLoudHeardNanos}), known only at {@code decidedNanos}: when the
     * frame came with which the endpointing silence ran out.
     */
    public record Ended(long startedNanos, long lastLoudHeardNanos, long endedNanos, long decidedNanos) implements Change {
        public long lengthMillis() {
            return (endedNanos - startedNanos) / 1_000_000;
        }
    }

    private final double speechRms;
    private final long endpointingNanos;
    private boolean speaking;
    private long startedNanos;
    private volatile long lastLoudHeardNanos; // read by other threads: is the speaker still talking?
    private volatile long resumedNanos;
    private boolean heardLoud;
    /** Loud again after this much quiet, the speaker resumed (a new voice that ran on from an old one before it ended). */
    static final long RESUMED_AFTER_NANOS = 100_000_000;
    private long lastLoudEndNanos;

    public VoiceActivity(double speechRms, long endpointingMillis) {
        this.speechRms = speechRms;
        this.endpointingNanos = endpointingMillis * 1_000_000;
    }

    /** Feeds one frame heard at {@code atNanos}; a change, or null when nothing changed. */
    public Change frame(double rms, long atNanos, long frameNanos) {
        boolean loud = rms >= speechRms;
        if (loud) {
            if (!heardLoud || atNanos - lastLoudHeardNanos >= RESUMED_AFTER_NANOS) {
                resumedNanos = atNanos;
                heardLoud = true;
            }
            lastLoudHeardNanos = atNanos;
            lastLoudEndNanos = atNanos + frameNanos;
            if (!speaking) {
                speaking = true;
                startedNanos = atNanos;
                return new Started(atNanos);
            }
            return null;
        }
        if (speaking && atNanos + frameNanos - lastLoudEndNanos >= endpointingNanos - frameNanos / 2) {
            speaking = false;
            return new Ended(startedNanos, lastLoudHeardNanos, lastLoudEndNanos, atNanos);
        }
        return null;
    }

    /**
     * Nothing was heard since the last frame, and the clock says {@code nowNanos}: an utterance ends
     * here when the endpointing silence has passed since its last loud frame was heard (for streams
     * that go quiet in silence, as Opus with DTX does), else null.
     */
    public Change silentUntil(long nowNanos) {
        if (speaking && nowNanos - lastLoudHeardNanos >= endpointingNanos) {
            speaking = false;
            return new Ended(startedNanos, lastLoudHeardNanos, lastLoudEndNanos, nowNanos);
        }
        return null;
    }

    public boolean speaking() {
        return speaking;
    }

    /** When the last loud frame was heard (0 before any); safe to read from any thread. */
    /** When the speaker was last heard loud again after {@value #RESUMED_AFTER_NANOS} ns or more of quiet (or at all): its first loud frame. */
    public long resumedNanos() {
        return resumedNanos;
    }

    public long lastLoudHeardNanos() {
        return lastLoudHeardNanos;
    }
}
