package io.stella.harness.livekit.media;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock every {@link Mouth} speaks to: one thread that hands each mouth a 10 ms frame every
 * 10 ms. It keeps count of ticks that came late, because a starved pacer delays speech and every
 * figure measured from it; {@link #health()} says how far behind it fell.
 */
public final class AudioPacer implements AutoCloseable {

    /** A tick more than this late counts as behind: two frames' worth. */
    static final long LATE_NANOS = 2 * Pcm.FRAME_NANOS;
    /** Further behind than this, the pacer drops the lost frames instead of bursting them out. */
    private static final long RESYNC_NANOS = 20 * Pcm.FRAME_NANOS;

    /** How the pacer kept time: all ticks, those late by more than two frames, and the worst lateness. */
    public record Health(long ticks, long lateTicks, long worstLateMillis) {
        public double latePercent() {
            return ticks == 0 ? 0 : 100.0 * lateTicks / ticks;
        }
    }

    private final CopyOnWriteArrayList<Mouth> mouths = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong lateTicks = new AtomicLong();
    private final AtomicLong worstLateNanos = new AtomicLong();
    private volatile boolean running = true;

    public AudioPacer(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    public void add(Mouth mouth) {
        mouths.addIfAbsent(mouth);
    }

    /** Once this returns, the mouth is never fed again: its source may be disposed. */
    public void remove(Mouth mouth) {
        mouths.remove(mouth);
        mouth.silenced(new IllegalStateException("the participant left"));
    }

    public Health health() {
        return new Health(ticks.get(), lateTicks.get(), worstLateNanos.get() / 1_000_000);
    }

    private void run() {
        long due = System.nanoTime();
        while (running) {
            due += Pcm.FRAME_NANOS;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            long lateNanos = now - due;
            ticks.incrementAndGet();
            if (lateNanos > LATE_NANOS) {
                lateTicks.incrementAndGet();
                worstLateNanos.accumulateAndGet(lateNanos, Math::max);
            }
            if (lateNanos > RESYNC_NANOS) {
                due = now;
            }
            for (Mouth mouth : mouths) {
                try {
                    mouth.speakFrame(now);
                } catch (RuntimeException e) {
                    mouths.remove(mouth);
                    mouth.silenced(e);
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
        mouths.forEach(mouth -> mouth.silenced(new IllegalStateException("the pacer stopped")));
        mouths.clear();
    }
}
