package io.stella.harness.livekit.packet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RTCP as an audio sender and receiver need it (RFC 3550 section 6): a compound packet of a sender
 * report (when we sent RTP since the last one) or a receiver report, each with report blocks on what
 * we receive, and the SDES CNAME every compound packet carries; and, from what the other side sends,
 * the report blocks that speak of our stream: how much of it arrived.
 */
final class Rtcp {

    static final int SENDER_REPORT = 200;
    static final int RECEIVER_REPORT = 201;
    private static final int SOURCE_DESCRIPTION = 202;
    private static final int CNAME = 1;
    private static final int BLOCK_BYTES = 24;
    /** Seconds from 1900 (NTP's epoch) to 1970 (Java's). */
    private static final long NTP_EPOCH_OFFSET_SEC = 2_208_988_800L;

    private Rtcp() {
    }

    /**
     * One report block (section 6.4.1): what arrived of stream {@code ssrc}. {@code fractionLost} is of
     * 256 since the previous report; {@code cumulativeLost} since the start; {@code jitterUnits} in RTP
     * timestamp units. No sender report is answered (last SR and its delay are 0), as the RFC allows.
     */
    record ReportBlock(int ssrc, int fractionLost, long cumulativeLost, long extendedHighestSequence, long jitterUnits) {
    }

    /** What we sent, for a sender report's sender info: RTP timestamp now, packets and payload octets so far. */
    record SenderInfo(int ssrc, long rtpTimestamp, long packets, long octets) {
    }

    /** Writes a compound packet, sender report and SDES CNAME, from offset 0; returns its length. At most 31 blocks. */
    static int writeSenderReport(byte[] into, SenderInfo sent, List<ReportBlock> blocks, String cname, long nowEpochMillis) {
        int count = Math.min(31, blocks.size());
        header(into, 0, SENDER_REPORT, count, 6 + 6 * count);
        putInt(into, 4, sent.ssrc());
        putInt(into, 8, (int) (nowEpochMillis / 1000 + NTP_EPOCH_OFFSET_SEC));
        putInt(into, 12, (int) ((nowEpochMillis % 1000) * (1L << 32) / 1000));
        putInt(into, 16, (int) sent.rtpTimestamp());
        putInt(into, 20, (int) sent.packets());
        putInt(into, 24, (int) sent.octets());
        return writeCname(into, writeBlocks(into, 28, blocks, count), sent.ssrc(), cname);
    }

    /** Writes a compound packet, receiver report and SDES CNAME, from offset 0; returns its length. At most 31 blocks. */
    static int writeReceiverReport(byte[] into, int reporterSsrc, List<ReportBlock> blocks, String cname) {
        int count = Math.min(31, blocks.size());
        header(into, 0, RECEIVER_REPORT, count, 1 + 6 * count);
        putInt(into, 4, reporterSsrc);
        return writeCname(into, writeBlocks(into, 8, blocks, count), reporterSsrc, cname);
    }

    private static int writeBlocks(byte[] into, int from, List<ReportBlock> blocks, int count) {
        int at = from;
        for (int i = 0; i < count; i++) {
            at = writeBlock(into, at, blocks.get(i));
        }
        return at;
    }

    private static int writeBlock(byte[] into, int at, ReportBlock block) {
        putInt(into, at, block.ssrc());
        long lost = Math.max(-0x800000L, Math.min(0x7fffffL, block.cumulativeLost())); // 24 bits, signed
        putInt(into, at + 4, (block.fractionLost() & 0xff) << 24 | (int) (lost & 0xffffff));
        putInt(into, at + 8, (int) block.extendedHighestSequence());
        putInt(into, at + 12, (int) block.jitterUnits());
        putInt(into, at + 16, 0);
        putInt(into, at + 20, 0);
        return at + BLOCK_BYTES;
    }

    private static int writeCname(byte[] into, int at, int ssrc, String cname) {
        byte[] text = cname.getBytes(StandardCharsets.UTF_8);
        int itemBytes = 2 + text.length + 1; // type, length, text, the null octet that ends the list
        int words = 1 + (itemBytes + 3) / 4;
        header(into, at, SOURCE_DESCRIPTION, 1, words);
        putInt(into, at + 4, ssrc);
        into[at + 8] = CNAME;
        into[at + 9] = (byte) text.length;
        System.arraycopy(text, 0, into, at + 10, text.length);
        int end = at + 4 + 4 * words;
        for (int i = at + 10 + text.length; i < end; i++) {
            into[i] = 0;
        }
        return end;
    }

    private static void header(byte[] into, int at, int type, int count, int lengthWords) {
        into[at] = (byte) (0x80 | count);
        into[at + 1] = (byte) type;
        into[at + 2] = (byte) (lengthWords >> 8);
        into[at + 3] = (byte) lengthWords;
    }

    /** The report blocks of every SR and RR in a decrypted compound packet; a malformed part ends the reading. */
    static List<ReportBlock> reportBlocks(byte[] data, int offset, int length) {
        List<ReportBlock> blocks = new ArrayList<>();
        int at = offset;
        int end = offset + length;
        while (at + 4 <= end && (data[at] & 0xc0) == 0x80) {
            int count = data[at] & 0x1f;
            int type = data[at + 1] & 0xff;
            int next = at + 4 * (getShort(data, at + 2) + 1);
            if (next > end) {
                break;
            }
            int first = type == SENDER_REPORT ? at + 28 : type == RECEIVER_REPORT ? at + 8 : next;
            for (int block = first, i = 0; i < count && block + BLOCK_BYTES <= next && first < next; block += BLOCK_BYTES, i++) {
                int lost = getInt(data, block + 4) & 0xffffff;
                blocks.add(new ReportBlock(getInt(data, block), (data[block + 4] & 0xff),
                        (lost & 0x800000) != 0 ? lost - 0x1000000 : lost, getInt(data, block + 8) & 0xffffffffL,
                        getInt(data, block + 12) & 0xffffffffL));
            }
            at = next;
        }
        return blocks;
    }

    private static int getShort(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | (data[at + 1] & 0xff);
    }

    private static int getInt(byte[] data, int at) {
        return (data[at] & 0xff) << 24 | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8 | (data[at + 3] & 0xff);
    }

    private static void putInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >> 24);
        into[at + 1] = (byte) (value >> 16);
        into[at + 2] = (byte) (value >> 8);
        into[at + 3] = (byte) value;
    }
}
