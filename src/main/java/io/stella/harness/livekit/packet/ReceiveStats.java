package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.CallReport;

/**
 * What one received RTP stream carried, counted as RFC 3550 counts it: packets received, lost
 * (expected from the sequence numbers, less received), interarrival jitter (A.8), and how fast
 * audio arrived against the wall clock: the media time the RTP timestamps span (which runs on through
 * a DTX sender's silence) against the time its packets took to arrive. Fed from the connection's
 * reader thread.
 */
public final class ReceiveStats {

    private static final int CLOCK_RATE = 48_000;

    private long received;
    private long firstSequence = -1;
    private long highestSequence;
    private long lastTransit;
    private double jitterUnits;
    private long firstArrivalNanos;
    private long lastArrivalNanos;
    private long firstTimestamp;
    private long highestTimestamp;
    private long expectedAtLastReport;
    private long receivedAtLastReport;

    public synchronized void packet(int sequence, long timestamp, long arrivedNanos) {
        long extended = extend(sequence);
        if (firstSequence < 0) {
            firstSequence = extended;
            highestSequence = extended;
            firstArrivalNanos = arrivedNanos;
            firstTimestamp = timestamp;
            highestTimestamp = timestamp;
        }
        if (extended > highestSequence) {
            highestSequence = extended;
            highestTimestamp = timestamp;
        }
        received++;
        long arrivalUnits = arrivedNanos * CLOCK_RATE / 1_000_000_000L;
        long transit = arrivalUnits - timestamp;
        if (received > 1) {
            jitterUnits += (Math.abs(transit - lastTransit) - jitterUnits) / 16.0;
        }
        lastTransit = transit;
        lastArrivalNanos = arrivedNanos;
    }

    /** The 16-bit sequence number placed next to the highest seen, across wrap-arounds. */
    private long extend(int sequence) {
        if (firstSequence < 0) {
            return sequence;
        }
        long cycle = highestSequence & ~0xffffL;
        long candidate = cycle | sequence;
        if (candidate < highestSequence - 0x8000) {
            candidate += 0x10000;
        } else if (candidate > highestSequence + 0x8000) {
            candidate -= 0x10000;
        }
        return candidate;
    }

    /**
     * An RTCP report block on this stream (RFC 3550 A.3): the fraction lost since the previous block was
     * made, and the cumulative loss; empty before the first packet.
     */
    synchronized java.util.Optional<Rtcp.ReportBlock> reportBlock(int ssrc) {
        if (received == 0) {
            return java.util.Optional.empty();
        }
        long expected = highestSequence - firstSequence + 1;
        long expectedInterval = expected - expectedAtLastReport;
        long lostInterval = expectedInterval - (received - receivedAtLastReport);
        expectedAtLastReport = expected;
        receivedAtLastReport = received;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        return java.util.Optional.of(new Rtcp.ReportBlock(ssrc, fraction, expected - received, highestSequence & 0xffffffffL,
                Math.round(jitterUnits)));
    }

    /** As {@link CallReport.AudioStats}: nothing is concealed on the wire; "playout" is the arrival rate. */
    public synchronized CallReport.AudioStats snapshot(long packetsRejected, long packetsDroppedByNetwork) {
        if (received == 0) {
            return new CallReport.AudioStats(0, 0, 0, 0, 0, 0, packetsRejected, packetsDroppedByNetwork);
        }
        long expected = highestSequence - firstSequence + 1;
        long samples = received * OpusClip.SAMPLES_PER_PACKET;
        long spanNanos = lastArrivalNanos - firstArrivalNanos;
        long mediaSamples = (highestTimestamp - firstTimestamp) & 0xffffffffL;
        double arrivalPercent = spanNanos <= 0 ? 100 : 100.0 * mediaSamples * 1_000_000_000L / CLOCK_RATE / spanNanos;
        return new CallReport.AudioStats(received, Math.max(0, expected - received), jitterUnits * 1000.0 / CLOCK_RATE, 0,
                samples, arrivalPercent, packetsRejected, packetsDroppedByNetwork);
    }
}
