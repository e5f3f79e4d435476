package io.stella.harness.livekit.packet;

/**
 * What the network does to a caller's media on the packet engine, each way: packets lost at
 * {@code lossPercent}, in bursts of {@code meanBurstPackets} on average (Gilbert-Elliott; 1 is
 * independent loss), and delayed by {@code delayMillis} plus a uniform {@code jitterMillis} either
 * way (packets may overtake each other, as on a real path). {@code seed} makes the draws repeat.
 */
public record Impairment(double lossPercent, double meanBurstPackets, long delayMillis, long jitterMillis, Long seed) {

    public static final Impairment NONE = new Impairment(0, 1, 0, 0, null);

    public boolean none() {
        return lossPercent <= 0 && delayMillis <= 0 && jitterMillis <= 0;
    }
}
