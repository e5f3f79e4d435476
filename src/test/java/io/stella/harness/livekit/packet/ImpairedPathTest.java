package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.CallReport;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loss as the network block asks for it, read back as a receiver counts it: sequence numbers that
 * never arrived (RFC 3550), not the path's own tally.
 */
class ImpairedPathTest {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();

    @Test
    void fivePercentRandomLossReadsBetweenFourAndSixPercentLostAtTheReceiver() {
        CallReport.AudioStats read = throughPath(new Impairment(5, 1, 0, 0, 7L), 3000);

        assertTrue(read.lostPercent() >= 4 && read.lostPercent() <= 6, "lost " + read.lostPercent() + "%: " + read);
    }

    @Test
    void burstyLossLosesAsMuchButInRuns() {
        Impairment bursty = new Impairment(5, 4, 0, 0, 11L);
        ImpairedPath path = new ImpairedPath(bursty, TIMER);
        int lost = 0;
        int runs = 0;
        boolean previous = false;
        for (int i = 0; i < 100_000; i++) {
            boolean now = path.lost();
            lost += now ? 1 : 0;
            runs += now && !previous ? 1 : 0;
            previous = now;
        }
        assertEquals(5.0, lost / 1000.0, 0.5, "percent lost");
        assertEquals(4.0, (double) lost / runs, 0.4, "mean packets per burst");
        assertTrue(throughPath(bursty, 3000).lostPercent() > 2, "the receiver counts bursts too");
    }

    /** {@code packets} numbered 20 ms apart through the path into a receiver's statistics. */
    private static CallReport.AudioStats throughPath(Impairment impairment, int packets) {
        ImpairedPath path = new ImpairedPath(impairment, TIMER);
        ReceiveStats receiver = new ReceiveStats();
        for (int i = 0; i < packets; i++) {
            if (!path.lost()) {
                receiver.packet(i & 0xffff, 960L * i, 20_000_000L * i);
            }
        }
        return receiver.snapshot(0);
    }
}
