package io.stella.harness.livekit.packet;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One direction of one connection under an {@link Impairment}: whether the next packet is lost
 * (a two-state Gilbert-Elliott chain, or independent draws for bursts of 1), and when it arrives.
 * What it delays runs later on the engine's network timer.
 */
final class ImpairedPath {

    private final Impairment impairment;
    private final ScheduledExecutorService timer;
    private final SplittableRandom random;
    private final double goodToBad;
    private final double badToGood;
    private boolean bad;

    ImpairedPath(Impairment impairment, ScheduledExecutorService timer) {
        this.impairment = impairment;
        this.timer = timer;
        this.random = new SplittableRandom(impairment.seed() != null ? impairment.seed() : ThreadLocalRandom.current().nextLong());
        double loss = Math.min(0.999, impairment.lossPercent() / 100.0);
        this.badToGood = 1.0 / Math.max(1.0, impairment.meanBurstPackets());
        // The chain's share of time in the bad state, p / (p + r), is the loss asked for.
        this.goodToBad = loss <= 0 ? 0 : loss * badToGood / (1 - loss);
    }

    /** Whether the next packet on this path is lost. */
    synchronized boolean lost() {
        if (impairment.lossPercent() <= 0) {
            return false;
        }
        if (impairment.meanBurstPackets() <= 1) {
            return random.nextDouble() * 100 < impairment.lossPercent();
        }
        bad = bad ? random.nextDouble() >= badToGood : random.nextDouble() < goodToBad;
        return bad;
    }

    /** Runs the delivery now, or after the path's delay and jitter. */
    void deliver(Runnable delivery) {
        long delayMicros = impairment.delayMillis() * 1000;
        if (impairment.jitterMillis() > 0) {
            synchronized (this) {
                delayMicros += (long) ((random.nextDouble() * 2 - 1) * impairment.jitterMillis() * 1000);
            }
        }
        if (delayMicros <= 0) {
            delivery.run();
        } else {
            timer.schedule(delivery, delayMicros, TimeUnit.MICROSECONDS);
        }
    }
}
