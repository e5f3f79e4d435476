package io.stella.harness.livekit.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One direction of one connection under an {@link Impairment}, from the moment it is made: which
 * packets are lost (a two-state Gilbert-Elliott chain, or independent draws for bursts of 1), how
 * long each waits for a capped link, and when it arrives; the condition in force is the last of the
 * impairment's changes whose second has come. What it delays runs later on the engine's network
 * timer. It counts what it did, so that a call can report what was applied beside what was measured.
 */
final class ImpairedPath {

    /** One condition with its loss chain's transition probabilities, from {@code fromNanos} after the start. */
    private record Condition(Impairment network, long fromNanos, double goodToBad, double badToGood) {
        static Condition of(Impairment network, long fromNanos) {
            double loss = Math.min(0.999, network.lossPercent() / 100.0);
            double badToGood = 1.0 / Math.max(1.0, network.meanBurstPackets());
            // The chain's share of time in the bad state, p / (p + r), is the loss asked for.
            return new Condition(network, fromNanos, loss <= 0 ? 0 : loss * badToGood / (1 - loss), badToGood);
        }
    }

    /** What the path did: packets it was given, lost by the loss draws, dropped by a full link queue. */
    record Applied(long packets, long lost, long droppedByQueue) {
    }

    private final List<Condition> conditions = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final LongSupplier clockNanos;
    private final long startNanos;
    private final SplittableRandom random;
    private boolean bad;
    private long linkFreeNanos;
    private long packets;
    private long lost;
    private long droppedByQueue;

    ImpairedPath(Impairment impairment, ScheduledExecutorService timer) {
        this(impairment, timer, System::nanoTime);
    }

    ImpairedPath(Impairment impairment, ScheduledExecutorService timer, LongSupplier clockNanos) {
        this.timer = timer;
        this.clockNanos = clockNanos;
        this.startNanos = clockNanos.getAsLong();
        this.linkFreeNanos = startNanos;
        this.random = new SplittableRandom(impairment.seed() != null ? impairment.seed() : ThreadLocalRandom.current().nextLong());
        conditions.add(Condition.of(impairment, 0));
        impairment.changes().forEach(change -> conditions.add(Condition.of(change.condition(), change.atSec() * 1_000_000_000L)));
    }

    /**
     * Carries one packet of {@code bytes}: lost, dropped by the link's full queue, or delivered (now,
     * or after the queue, the delay and the jitter). Returns whether it will be delivered.
     */
    boolean carry(int bytes, Runnable delivery) {
        long delayNanos;
        synchronized (this) {
            long nowNanos = clockNanos.getAsLong();
            Impairment network = conditionAt(nowNanos).network();
            packets++;
            if (lost(nowNanos)) {
                lost++;
                return false;
            }
            long queuedNanos = queued(network, bytes, nowNanos);
            if (queuedNanos < 0) {
                droppedByQueue++;
                return false;
            }
            delayNanos = queuedNanos + network.delayMillis() * 1_000_000
                    + (network.jitterMillis() > 0 ? (long) ((random.nextDouble() * 2 - 1) * network.jitterMillis() * 1_000_000) : 0);
        }
        if (delayNanos <= 0) {
            delivery.run();
        } else {
            timer.schedule(delivery, delayNanos, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** Whether the next packet on this path, sent at {@code nowNanos}, is lost. */
    synchronized boolean lost(long nowNanos) {
        Condition condition = conditionAt(nowNanos);
        double lossPercent = condition.network().lossPercent();
        if (lossPercent <= 0) {
            return false;
        }
        if (condition.network().meanBurstPackets() <= 1) {
            return random.nextDouble() * 100 < lossPercent;
        }
        bad = bad ? random.nextDouble() >= condition.badToGood() : random.nextDouble() < condition.goodToBad();
        return bad;
    }

    /** How long the packet waits for a capped link (0 with no cap), or -1 when the queue is full and it is dropped. */
    private long queued(Impairment network, int bytes, long nowNanos) {
        if (network.bandwidthKbps() <= 0) {
            return 0;
        }
        long startsNanos = Math.max(nowNanos, linkFreeNanos);
        if (startsNanos - nowNanos > Impairment.QUEUE_MILLIS * 1_000_000) {
            return -1;
        }
        long sendingNanos = (bytes + Impairment.HEADER_BYTES) * 8L * 1_000_000 / network.bandwidthKbps();
        linkFreeNanos = startsNanos + sendingNanos;
        return linkFreeNanos - nowNanos;
    }

    private Condition conditionAt(long nowNanos) {
        long sinceStart = nowNanos - startNanos;
        Condition current = conditions.get(0);
        for (Condition condition : conditions) {
            if (sinceStart >= condition.fromNanos()) {
                current = condition;
            }
        }
        return current;
    }

    synchronized Applied applied() {
        return new Applied(packets, lost, droppedByQueue);
    }
}
