package io.stella.harness.livekit.packet;

import java.util.List;

/**
 * What the network does to a caller's media on the packet engine, each way: packets lost at
 * {@code lossPercent}, in bursts of {@code meanBurstPackets} on average (Gilbert-Elliott; 1 is
 * independent loss), a link of {@code bandwidthKbps} (0: no cap; above it packets queue, and past
 * {@link #QUEUE_MILLIS} of queue they are dropped, as at a real bottleneck), then delayed by
 * {@code delayMillis} plus a uniform {@code jitterMillis} either way (packets may overtake each other,
 * as on a real path). {@code changes} take over at set seconds of the call, each a whole condition
 * (its own changes empty). {@code seed} makes the draws repeat.
 */
public record Impairment(double lossPercent, double meanBurstPackets, long delayMillis, long jitterMillis, long bandwidthKbps,
                         Long seed, List<Change> changes) {

    public static final Impairment NONE = new Impairment(0, 1, 0, 0, null);
    /** A bottleneck's buffer: a packet that would wait longer than this to be sent is dropped. */
    public static final long QUEUE_MILLIS = 250;
    /** What a packet weighs on the link besides its payload: IPv4 and UDP headers. */
    static final int HEADER_BYTES = 28;

    /** The network from {@code atSec} seconds into the call on. */
    public record Change(long atSec, Impairment condition) {
    }

    /** A network that stays as it is for the whole call, with no bandwidth cap. */
    public Impairment(double lossPercent, double meanBurstPackets, long delayMillis, long jitterMillis, Long seed) {
        this(lossPercent, meanBurstPackets, delayMillis, jitterMillis, 0, seed, List.of());
    }

    public Impairment {
        changes = List.copyOf(changes);
    }

    /** Nothing happens to the media, from start to end. */
    public boolean none() {
        return unimpaired() && changes.stream().allMatch(change -> change.condition().unimpaired());
    }

    private boolean unimpaired() {
        return lossPercent <= 0 && delayMillis <= 0 && jitterMillis <= 0 && bandwidthKbps <= 0;
    }

    /** The same network, its draws seeded with {@code drawSeed}. */
    Impairment seeded(Long drawSeed) {
        return new Impairment(lossPercent, meanBurstPackets, delayMillis, jitterMillis, bandwidthKbps, drawSeed, changes);
    }
}
