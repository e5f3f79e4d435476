package io.stella.harness.livekit.media;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a speaker has been asked to say, clip by clip, whatever it speaks in (10 ms frames, 20 ms
 * packets): queued, then spoken piece by piece on the pacer's ticks, each clip's future completed
 * when its last piece went out, every one failed once the speaker is silenced. Not thread-safe on
 * its own: its speaker synchronizes.
 *
 * @param <C> a clip, as the speaker holds it
 */
public final class Utterances<C> {

    /** A clip, not to be started before {@code notBeforeNanos}. */
    private record Utterance<C>(C clip, long notBeforeNanos, CompletableFuture<Mouth.Spoken> spoken) {
    }

    private static final long AT_ONCE = Long.MIN_VALUE;

    private final ConcurrentLinkedQueue<Utterance<C>> queued = new ConcurrentLinkedQueue<>();
    private Utterance<C> current;
    private int nextPiece;
    private long currentStartedNanos;
    private boolean stopped;

    /** Queues a clip; the future completes when its last piece has been spoken. */
    public CompletableFuture<Mouth.Spoken> say(C clip) {
        return sayAt(clip, AT_ONCE);
    }

    /** Queues a clip that starts at the first tick at or after {@code notBeforeNanos}, on the pacer's own clock. */
    public CompletableFuture<Mouth.Spoken> sayAt(C clip, long notBeforeNanos) {
        CompletableFuture<Mouth.Spoken> spoken = new CompletableFuture<>();
        if (stopped) {
            spoken.completeExceptionally(new IllegalStateException("this participant no longer speaks"));
        } else {
            queued.add(new Utterance<>(clip, notBeforeNanos, spoken));
        }
        return spoken;
    }

    /** The clip being spoken at this tick, starting the next queued one if none is; null for silence. */
    public C speaking(long nowNanos) {
        if (stopped) {
            return null;
        }
        if (current == null && waiting(nowNanos)) {
            current = queued.poll();
            nextPiece = 0;
            currentStartedNanos = nowNanos;
        }
        return current == null ? null : current.clip();
    }

    /** Whether a clip is queued, due at {@code nowNanos}, and none is being spoken: speech starts now. */
    public boolean waiting(long nowNanos) {
        Utterance<C> next = queued.peek();
        // nanoTime may wrap: times are compared by their difference
        return current == null && next != null && (next.notBeforeNanos() == AT_ONCE || nowNanos - next.notBeforeNanos() >= 0);
    }

    /** The index of the piece to speak now, and one on for the next tick. */
    public int nextPiece() {
        return nextPiece++;
    }

    /** Whether every piece of the current clip has been spoken. */
    public boolean allSpoken(int pieces) {
        return current != null && nextPiece >= pieces;
    }

    /** The current clip is spoken, its last piece ending at {@code endedNanos}. */
    public void finished(long endedNanos) {
        current.spoken().complete(new Mouth.Spoken(currentStartedNanos, endedNanos));
        current = null;
    }

    /**
     * Stops the clip being spoken where it is, as an agent interrupted does: its future completes as spoken up
     * to {@code nowNanos}, and the next tick speaks what is queued after it, or silence. False when none was.
     */
    public boolean cutShort(long nowNanos) {
        if (current == null) {
            return false;
        }
        finished(nowNanos);
        return true;
    }

    /**
     * Drops what is being said and all that is queued, as a speaker that died would: their futures fail with
     * {@code why}; the next tick is silence, and what is said later is spoken as usual.
     */
    public void dropAll(Throwable why) {
        Utterance<C> pending;
        while ((pending = queued.poll()) != null) {
            pending.spoken().completeExceptionally(why);
        }
        if (current != null) {
            current.spoken().completeExceptionally(why);
            current = null;
        }
    }

    public boolean stopped() {
        return stopped;
    }

    /** Nothing more will be spoken: what is queued, and the clip being spoken, never will be. */
    public void silenced(Throwable why) {
        stopped = true;
        dropAll(why);
    }
}
