package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.CallReport;

import java.util.Optional;

/**
 * The RTP stream a connection sends, as its RTCP needs it and as the far end reported it: packets and
 * payload octets sent (a sender report's sender info), and the latest report block the other side
 * sent about it (RFC 3550 6.4): how many it expected and how many never came. Fed from the send clock
 * and the socket's reader thread.
 */
final class SentStream {

    private static final long CLOCK_RATE = 48_000;

    private int ssrc;
    private long packets;
    private long octets;
    private int firstSequence = -1;
    private long lastTimestamp;
    private long lastSentNanos;
    private long reportsReceived;
    private Rtcp.ReportBlock latest;

    synchronized void sent(Rtp.Received packet, long nowNanos) {
        if (firstSequence < 0) {
            firstSequence = packet.sequence();
            ssrc = packet.ssrc();
        }
        packets++;
        octets += packet.payloadLength();
        lastTimestamp = packet.timestamp();
        lastSentNanos = nowNanos;
    }

    /** What a sender report says of us now; empty before our first packet. */
    synchronized Optional<Rtcp.SenderInfo> senderInfo(long nowNanos) {
        if (firstSequence < 0) {
            return Optional.empty();
        }
        long rtpNow = (lastTimestamp + (nowNanos - lastSentNanos) * CLOCK_RATE / 1_000_000_000L) & 0xffffffffL;
        return Optional.of(new Rtcp.SenderInfo(ssrc, rtpNow, packets, octets));
    }

    /** A report block from the far end: kept when it speaks of our stream. */
    synchronized void reported(Rtcp.ReportBlock block) {
        if (firstSequence >= 0 && block.ssrc() == ssrc) {
            reportsReceived++;
            latest = block;
        }
    }

    /**
     * What we sent and what the far end said of it in its latest report (packets sent after that report
     * are in {@code packetsSent} only); {@code droppedByNetwork}: what the profile's network dropped.
     */
    synchronized CallReport.SentAudio snapshot(long droppedByNetwork) {
        long expected = latest == null ? 0 : Math.max(0, latest.extendedHighestSequence() - firstSequence + 1);
        return new CallReport.SentAudio(packets, droppedByNetwork, reportsReceived, expected,
                latest == null ? 0 : Math.max(0, latest.cumulativeLost()));
    }
}
