package io.stella.harness.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The machine's count of UDP datagrams dropped because a socket's buffer was full (Linux's
 * {@code /proc/net/snmp}: {@code Udp: RcvbufErrors} and {@code SndbufErrors}). A media run reads it at
 * its first call and at its end: any drop in between may have been the harness's own packets or the
 * agent's packets it should have heard, lost on this machine, so the media figures cannot be trusted.
 * The counters are the whole machine's, so a drop by another process counts too: a run reads
 * INCONCLUSIVE rather than risk a GO on lost audio.
 */
public record SocketBufferDrops(long receiveBufferErrors, long sendBufferErrors) {

    /** What a machine without the counters (not Linux, or /proc unreadable) reads: nothing known. */
    public static final SocketBufferDrops UNKNOWN = new SocketBufferDrops(-1, -1);
    private static final Path SNMP = Path.of("/proc/net/snmp");

    /** The counters now, or {@link #UNKNOWN}. */
    public static SocketBufferDrops now() {
        try {
            return parse(Files.readAllLines(SNMP));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** The {@code Udp:} header and value lines of {@code /proc/net/snmp}, read by name; {@link #UNKNOWN} when absent. */
    static SocketBufferDrops parse(List<String> snmp) {
        List<String> udp = snmp.stream().filter(line -> line.startsWith("Udp: ")).toList();
        if (udp.size() < 2) {
            return UNKNOWN;
        }
        List<String> names = Arrays.asList(udp.get(0).trim().split("\\s+"));
        String[] values = udp.get(1).trim().split("\\s+");
        int receive = names.indexOf("RcvbufErrors");
        int send = names.indexOf("SndbufErrors");
        if (receive < 0 || send < 0 || values.length != names.size()) {
            return UNKNOWN;
        }
        return new SocketBufferDrops(Long.parseLong(values[receive]), Long.parseLong(values[send]));
    }

    public boolean known() {
        return receiveBufferErrors >= 0 && sendBufferErrors >= 0;
    }

    /** Datagrams dropped for full buffers since {@code start}; -1 when either reading is unknown. */
    public long since(SocketBufferDrops start) {
        if (!known() || !start.known()) {
            return -1;
        }
        return receiveBufferErrors - start.receiveBufferErrors + sendBufferErrors - start.sendBufferErrors;
    }
}
