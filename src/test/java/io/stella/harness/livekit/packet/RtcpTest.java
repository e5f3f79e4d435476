package io.stella.harness.livekit.packet;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RTCP reports as RFC 3550 lays them out, and the report blocks read back from them. */
class RtcpTest {

    @Test
    void aSenderReportCarriesItsBlocksAndACnameInWholeWords() {
        byte[] packet = new byte[1500];
        List<Rtcp.ReportBlock> blocks = List.of(new Rtcp.ReportBlock(0x11223344, 12, 57, 70_000, 96),
                new Rtcp.ReportBlock(-5, 0, -3, 1, 0));
        int length = Rtcp.writeSenderReport(packet, new Rtcp.SenderInfo(0x0a0b0c0d, 123_456, 1_000, 40_000), blocks, "caller-1",
                1_700_000_000_123L);

        assertEquals(0, length % 4, "RTCP packets are whole 32-bit words");
        assertEquals(Rtcp.SENDER_REPORT, packet[1] & 0xff);
        assertEquals(2, packet[0] & 0x1f, "report count");
        assertEquals(0x0a0b0c0d, Rtp.rtcpSenderSsrc(packet, 0));
        int sr = 4 * (((packet[2] & 0xff) << 8 | (packet[3] & 0xff)) + 1);
        assertEquals(28 + 2 * 24, sr, "the SR's own length field");
        assertEquals(202, packet[sr + 1] & 0xff, "SDES follows");
        assertEquals("caller-1", new String(packet, sr + 10, packet[sr + 9], java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(blocks, Rtcp.reportBlocks(packet, 0, length), "cumulative loss is signed (24 bits), the rest as written");
    }

    @Test
    void aReceiverReportFromOneWhoSendsNothing() {
        byte[] packet = new byte[1500];
        Rtcp.ReportBlock block = new Rtcp.ReportBlock(7, 255, 9_000_000, 65_535, 1);
        int length = Rtcp.writeReceiverReport(packet, 99, List.of(block), "x");

        assertEquals(Rtcp.RECEIVER_REPORT, packet[1] & 0xff);
        assertEquals(99, Rtp.rtcpSenderSsrc(packet, 0));
        assertEquals(List.of(new Rtcp.ReportBlock(7, 255, 0x7fffff, 65_535, 1)), Rtcp.reportBlocks(packet, 0, length),
                "a loss past 24 bits is clamped");
    }

    @Test
    void aTruncatedCompoundGivesWhatWasWhole() {
        byte[] packet = new byte[1500];
        int length = Rtcp.writeReceiverReport(packet, 1, List.of(new Rtcp.ReportBlock(2, 0, 0, 10, 0)), "x");

        assertTrue(Rtcp.reportBlocks(packet, 0, 20).isEmpty(), "an RR cut short");
        assertEquals(1, Rtcp.reportBlocks(packet, 0, length - 4).size(), "the SDES cut short, the RR whole");
    }

    /** RFC 3550 A.3: fraction lost since the previous block, of 256; cumulative since the start. */
    @Test
    void aReceiveStreamReportsWhatWentMissingSinceItsLastBlock() {
        ReceiveStats stats = new ReceiveStats();
        assertTrue(stats.reportBlock(1).isEmpty(), "nothing received, nothing to report");
        for (int sequence = 65_530; sequence < 65_530 + 100; sequence++) {
            if (sequence % 10 != 5) { // one in ten never comes (not the first nor the last)
                stats.packet(sequence & 0xffff, sequence * 960L, sequence * 20_000_000L);
            }
        }
        Rtcp.ReportBlock first = stats.reportBlock(1).orElseThrow();
        assertEquals(10, first.cumulativeLost());
        assertEquals(65_530 + 99, first.extendedHighestSequence(), "across the wrap: one cycle on");
        assertEquals(25, first.fractionLost(), "10 of 100 is 25.6 of 256");

        for (int sequence = 65_630; sequence < 65_730; sequence++) {
            stats.packet(sequence & 0xffff, sequence * 960L, sequence * 20_000_000L);
        }
        Rtcp.ReportBlock second = stats.reportBlock(1).orElseThrow();
        assertEquals(10, second.cumulativeLost());
        assertEquals(0, second.fractionLost(), "nothing lost since the first block");
    }
}
