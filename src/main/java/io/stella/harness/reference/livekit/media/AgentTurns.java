package io.stella.harness.reference.livekit.media;

import io.stella.harness.livekit.media.Mouth;
import io.stella.harness.livekit.media.VoiceActivity;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The stand-in agent's turn-taking with one caller, whichever engine it speaks on: one utterance at a
 * time (speech heard while it thinks or talks is no new turn); at the end of the caller's turn a reply
 * queued to start when the drawn delay has passed on the speaker's own clock; each reply's legs, and
 * at the end what the caller's voice lost, stamped into {@link AgentStamps} under the room's name.
 */
final class AgentTurns {

    /** Queues the reply to start at the speaker's first tick at or after {@code notBeforeNanos}; completes when spoken. */
    interface Reply {
        CompletableFuture<Mouth.Spoken> sayAt(long notBeforeNanos);
    }

    private final String room;
    private final AgentStamps stamps;
    private final LongSupplier replyDelaysMillis;
    private final AtomicBoolean speaking = new AtomicBoolean();
    private volatile AgentStates states = AgentStates.NONE;
    /** The agent crashed and no new one has taken over: it neither hears nor answers. */
    private volatile boolean gone;
    /** When the last agent crashed; null before any did. */
    private volatile Long leftNanos;
    private final Long interruptAfterMillis;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pendingInterruption; // guarded by this
    /** A caller whose last loud frame is this recent is still talking: three 20 ms packets. */
    static final long STILL_SPEAKING_MILLIS = 60;
    /** A pause this short does not end the caller's speech (a breath between words): the agent waits to hear on. */
    static final long PAUSE_WITHIN_SPEECH_MILLIS = 200;
    private static final long RECHECK_MILLIS = 20;

    /** @param interruptAfterMillis how long the caller speaks over the agent before it stops; null: never */
    AgentTurns(String room, AgentStamps stamps, LongSupplier replyDelaysMillis, Long interruptAfterMillis,
               ScheduledExecutorService timer) {
        this.room = room;
        this.stamps = stamps;
        this.replyDelaysMillis = replyDelaysMillis;
        this.interruptAfterMillis = interruptAfterMillis;
        this.timer = timer;
    }

    String room() {
        return room;
    }

    /** Whether the agent crashed and no new one took over yet. */
    boolean agentGone() {
        return gone;
    }

    /**
     * The caller started to speak at {@code startedNanos}: if the agent is talking and the caller is still speaking
     * {@code interruptAfterMillis} later (a loud frame within the last {@value #STILL_SPEAKING_MILLIS} ms, or again
     * after a pause shorter than {@value #PAUSE_WITHIN_SPEECH_MILLIS} ms), the agent stops ({@code cutShort}), as
     * LiveKit Agents do after their minimum interruption duration; shorter speech (a backchannel, "uh-huh") does not
     * stop it.
     */
    synchronized void callerSpeechStarted(long startedNanos, LongSupplier lastLoudHeardNanos, BooleanSupplier cutShort) {
        if (interruptAfterMillis == null || !speaking.get() || gone) {
            return;
        }
        long dueNanos = startedNanos + interruptAfterMillis * 1_000_000;
        checkAt(dueNanos, () -> interruptIfStillSpoken(startedNanos, lastLoudHeardNanos, cutShort));
    }

    private void interruptIfStillSpoken(long startedNanos, LongSupplier lastLoudHeardNanos, BooleanSupplier cutShort) {
        Long crashedNanos = leftNanos;
        if (gone || (crashedNanos != null && startedNanos - crashedNanos < 0)) {
            return; // the agent that was spoken over crashed: its successor was not interrupted
        }
        long nowNanos = System.nanoTime();
        long quietNanos = nowNanos - lastLoudHeardNanos.getAsLong();
        if (quietNanos <= STILL_SPEAKING_MILLIS * 1_000_000) {
            if (cutShort.getAsBoolean()) {
                stamps.interruption(new AgentStamps.Interruption(room, startedNanos, nowNanos));
            }
        } else if (quietNanos <= PAUSE_WITHIN_SPEECH_MILLIS * 1_000_000) {
            checkAt(nowNanos + RECHECK_MILLIS * 1_000_000, () -> interruptIfStillSpoken(startedNanos, lastLoudHeardNanos, cutShort));
        }
    }

    private synchronized void checkAt(long dueNanos, Runnable check) {
        if (pendingInterruption != null) {
            pendingInterruption.cancel(false);
        }
        try {
            pendingInterruption = timer.schedule(check, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the stand-in is closing: nobody is left to interrupt
        }
    }

    /**
     * The agent's media reached the caller, or a new agent took over from one that crashed: it listens from now on,
     * and tells the caller of each change through {@code published}.
     */
    void connected(AgentStates published) {
        states = published;
        gone = false;
        published.now(AgentStates.LISTENING);
    }

    /**
     * The agent crashed: it tells nothing more, answers nothing more, and what it was saying stops
     * ({@code silence} drops it); a reply it was thinking of is never spoken.
     */
    synchronized void agentLeft(Runnable silence) {
        gone = true;
        leftNanos = System.nanoTime();
        states.gone();
        states = AgentStates.NONE;
        if (pendingInterruption != null) {
            pendingInterruption.cancel(false);
        }
        silence.run();
    }

    /** Says something unprompted (a greeting): no reply starts while it is said. */
    void greet(Supplier<CompletableFuture<Mouth.Spoken>> greeting) {
        speaking.set(true);
        states.now(AgentStates.SPEAKING);
        Long takingOverFromNanos = leftNanos;
        greeting.get().whenComplete((spoken, failure) -> {
            speaking.set(false);
            states.now(AgentStates.LISTENING);
            if (spoken != null && takingOverFromNanos != null) {
                stamps.takeOver(new AgentStamps.TakeOver(room, takingOverFromNanos, spoken.startedNanos()));
            }
        });
    }

    /** The caller's turn ended: the reply, unless the agent is already thinking or talking. */
    synchronized void callerTurnEnded(VoiceActivity.Ended turnEnd, Reply reply) { // with agentLeft: no reply queued after a crash
        if (gone || !speaking.compareAndSet(false, true)) {
            return;
        }
        long delayMillis = replyDelaysMillis.getAsLong();
        long replyDueNanos = turnEnd.decidedNanos() + delayMillis * 1_000_000;
        states.now(AgentStates.THINKING);
        // as LiveKit Agents do, speaking from the moment the reply's audio starts to go out (the speaker's next tick)
        states.at(AgentStates.SPEAKING, replyDueNanos);
        reply.sayAt(replyDueNanos).whenComplete((spoken, failure) -> {
            speaking.set(false);
            states.now(AgentStates.LISTENING);
            if (spoken != null) {
                stamps.turn(new AgentStamps.Turn(room, turnEnd.lastLoudHeardNanos(), turnEnd.decidedNanos(), delayMillis,
                        spoken.startedNanos()));
            }
        });
    }

    /** The call is over: what the caller's voice lost on its way in, as the agent counted it. */
    void callHeard(long packetsReceived, long packetsLost) {
        stamps.inbound(new AgentStamps.Inbound(room, packetsReceived, packetsLost));
    }
}
