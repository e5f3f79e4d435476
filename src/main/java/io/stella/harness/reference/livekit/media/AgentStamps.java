package io.stella.harness.reference.livekit.media;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stand-in's agents stamped, on the machine's monotonic clock ({@code System.nanoTime}, the
 * one a caller on the same machine stamps with): each turn's legs on the agent's side, and (on the
 * packet engine, which reads sequence numbers) what each caller's voice lost on its way in, and each interruption. With a caller's own stamps they
 * split voice to voice leg by leg, so no part of it rests on the harness's reading of itself.
 *
 * <p>Bounded: the first {@value #CAPACITY} turns and as many calls are kept; later ones are only
 * counted in {@link #notRecorded()}, so a long run against the reference target keeps its memory flat.
 */
public final class AgentStamps {

    static final int CAPACITY = 100_000;

    /**
     * One reply, stamped on the agent's side: the caller's last loud packet arrived, or on libwebrtc
     * its last loud frame played out to the agent ({@code speechEndArrivedNanos}); the endpointing
     * silence ran out, the end of the turn decided ({@code endOfTurnNanos}); the think-and-speak delay
     * drawn for it ({@code replyDelayMillis}); the reply's first packet sent, or on libwebrtc its first
     * frame handed to libwebrtc ({@code replySentNanos}).
     */
    public record Turn(String room, long speechEndArrivedNanos, long endOfTurnNanos, long replyDelayMillis,
                       long replySentNanos) {
    }

    /**
     * The agent stopped talking because the caller spoke over it: the caller's speech began to arrive at
     * {@code callerSpeechHeardNanos} (its first loud packet, or frame played out to the agent); the agent cut its
     * reply at {@code cutNanos} (its next packet or frame is silence).
     */
    public record Interruption(String room, long callerSpeechHeardNanos, long cutNanos) {
    }

    /**
     * An agent crashed and a new one took over the caller: the agent went silent and left at {@code leftNanos}; the
     * new agent's greeting went out from {@code greetingSentNanos} (its first packet sent, or frame handed over).
     */
    public record TakeOver(String room, long leftNanos, long greetingSentNanos) {
    }

    /** The caller's voice as the agent received it over a whole call, counted as RFC 3550 counts it. */
    public record Inbound(String room, long packetsReceived, long packetsLost) {
        public double lostPercent() {
            long expected = packetsReceived + packetsLost;
            return expected == 0 ? 0 : 100.0 * packetsLost / expected;
        }
    }

    private final ConcurrentLinkedQueue<Turn> turns = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Inbound> inbound = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Interruption> interruptions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TakeOver> takeOvers = new ConcurrentLinkedQueue<>();
    private final AtomicLong takeOverPlaces = new AtomicLong();
    private final AtomicLong interruptionPlaces = new AtomicLong();
    private final AtomicLong turnPlaces = new AtomicLong();
    private final AtomicLong inboundPlaces = new AtomicLong();
    private final AtomicLong notRecorded = new AtomicLong();

    void turn(Turn turn) {
        keep(turns, turnPlaces, turn);
    }

    void interruption(Interruption interruption) {
        keep(interruptions, interruptionPlaces, interruption);
    }

    void takeOver(TakeOver takeOver) {
        keep(takeOvers, takeOverPlaces, takeOver);
    }

    void inbound(Inbound call) {
        keep(inbound, inboundPlaces, call);
    }

    private <T> void keep(ConcurrentLinkedQueue<T> kept, AtomicLong places, T entry) {
        if (places.getAndIncrement() >= CAPACITY) {
            notRecorded.incrementAndGet();
            return;
        }
        kept.add(entry);
    }

    /** Every turn kept so far, in the order the replies were spoken. */
    public List<Turn> turns() {
        return List.copyOf(turns);
    }

    /** Every interruption so far, in the order the agent stopped. */
    public List<Interruption> interruptions() {
        return List.copyOf(interruptions);
    }

    /** Every take-over of a crashed agent's caller, in the order the new agents greeted. */
    public List<TakeOver> takeOvers() {
        return List.copyOf(takeOvers);
    }

    /** Every call that has ended, as the agent received the caller's voice. */
    public List<Inbound> inbound() {
        return List.copyOf(inbound);
    }

    /** Turns and calls that came after the record was full. */
    public long notRecorded() {
        return notRecorded.get();
    }
}
