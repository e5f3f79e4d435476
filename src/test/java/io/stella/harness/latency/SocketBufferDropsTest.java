package io.stella.harness.latency;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The machine's UDP buffer drops, read from Linux's /proc/net/snmp by column name. */
class SocketBufferDropsTest {

    static final List<String> SNMP = List.of(
            "Ip: Forwarding DefaultTTL InReceives",
            "Ip: 1 64 4711",
            "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors",
            "Udp: 18314528 5033 12 18322140 9 3 0 0 0",
            "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors",
            "UdpLite: 0 0 0 0 0 0 0 0 0");

    @Test
    void theReceiveAndSendBufferErrorsOfUdpAreReadByTheirNames() {
        assertEquals(new SocketBufferDrops(9, 3), SocketBufferDrops.parse(SNMP));
    }

    @Test
    void dropsSinceAStartAreBothCountersDifferencesAndUnknownStaysUnknown() {
        SocketBufferDrops start = new SocketBufferDrops(9, 3);

        assertEquals(5, new SocketBufferDrops(12, 5).since(start));
        assertEquals(-1, SocketBufferDrops.UNKNOWN.since(start));
        assertEquals(-1, start.since(SocketBufferDrops.UNKNOWN));
        assertEquals(SocketBufferDrops.UNKNOWN, SocketBufferDrops.parse(List.of("Ip: Forwarding", "Ip: 1")));
    }

    @Test
    void aLinuxMachineReadsItsOwnCounters() {
        assumeTrue(Files.isReadable(Path.of("/proc/net/snmp")), "not Linux");

        assertTrue(SocketBufferDrops.now().known(), SocketBufferDrops.now().toString());
    }
}
