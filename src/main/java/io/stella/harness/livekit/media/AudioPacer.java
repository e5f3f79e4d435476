package io.stella.harness.livekit.media;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock every speaking participant in a process speaks to: one thread that ticks each {@link Voice}
 * once a period (10 ms for a {@link Mouth}'s frames; 2 ms for the packet engine, whose mouths each keep
 * their own 20 ms schedule). It keeps count of ticks that came late, because a starved pacer delays
 * speech and every figure measured from it; {@link #health()} says how far behind it fell. Only ticks
 * that had a voice to serve count, late or not. Missed
 * ticks are made up at once, each counted late while it is more than 20 ms behind, so the share of late
 * ticks is about the share of time the clock ran more than 20 ms behind, whatever its period.
 */
public final class AudioPacer implements AutoCloseable {

    /** A tick more than this late counts as behind: 20 ms, two 10 ms frames or one 20 ms packet, whatever the period. */
    static final long LATE_NANOS = 2 * Pcm.FRAME_NANOS;
    /** Further behind than this, the pacer drops the lost ticks instead of bursting them out. */
    private static final long RESYNC_NANOS = 20 * Pcm.FRAME_NANOS;

    /** Something that speaks on the pacer's ticks. */
    public interface Voice {
        /** One tick at {@code nowNanos}: the next piece of what it says, or silence. Pacer thread only. */
        void tick(long nowNanos);

        /** Nothing more will be spoken: what is queued never will be, and no tick reaches it after this returns. */
        void silenced(Throwable why);
    }

    /** How the pacer kept time: all ticks, those late by more than two frames, and the worst lateness. */
    public record Health(long ticks, long lateTicks, long worstLateMillis) {
        public double latePercent() {
            return ticks == 0 ? 0 : 100.0 * lateTicks / ticks;
        }

        /** Several clocks as one: ticks and late ticks added up, the worst lateness of any. */
        public static Health sum(java.util.Collection<Health> clocks) {
            long ticks = 0;
            long late = 0;
            long worst = 0;
            for (Health health : clocks) {
                ticks += health.ticks();
                late += health.lateTicks();
                worst = Math.max(worst, health.worstLateMillis());
            }
            return new Health(ticks, late, worst);
        }
    }

    private final CopyOnWriteArrayList<Voice> voices = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong lateTicks = new AtomicLong();
    private final AtomicLong worstLateNanos = new AtomicLong();
    private volatile boolean running = true;

    private final long tickNanos;

    /** A pacer of 10 ms frames. */
    public AudioPacer(String name) {
        this(name, Pcm.FRAME_NANOS);
    }

    public AudioPacer(String name, long tickNanos) {
        this.tickNanos = tickNanos;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    public void add(Voice voice) {
        voices.addIfAbsent(voice);
    }

    /** Once this returns, the voice is never ticked again: its source may be disposed. */
    public void remove(Voice voice) {
        voices.remove(voice);
        voice.silenced(new IllegalStateException("the participant left"));
    }

    public Health health() {
        return new Health(ticks.get(), lateTicks.get(), worstLateNanos.get() / 1_000_000);
    }

    private void run() {
        long due = System.nanoTime();
        while (running) {
            due += tickNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            long lateNanos = now - due;
            if (lateNanos > RESYNC_NANOS) {
                due = now;
            }
            if (voices.isEmpty()) {
                // nobody's speech waits on this tick: counted, an idle clock (a worker's spare engine) would dilute a busy one's lateness
                continue;
            }
            ticks.incrementAndGet();
            if (lateNanos > LATE_NANOS) {
                lateTicks.incrementAndGet();
                worstLateNanos.accumulateAndGet(lateNanos, Math::max);
            }
            for (Voice voice : voices) {
                try {
                    voice.tick(now);
                } catch (RuntimeException e) {
                    voices.remove(voice);
                    voice.silenced(e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        voices.forEach(voice -> voice.silenced(new IllegalStateException("the pacer stopped")));
        voices.clear();
    }
}
