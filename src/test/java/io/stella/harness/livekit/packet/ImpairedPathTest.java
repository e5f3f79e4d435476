package io.stella.harness.livekit.packet;

import io.stella.harness.livekit.media.CallReport;
import org.junit.jupiter.api.Test;

import java.util.List;
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
            boolean now = path.lost(0);
            lost += now ? 1 : 0;
            runs += now && !previous ? 1 : 0;
            previous = now;
        }
        assertEquals(5.0, lost / 1000.0, 0.5, "percent lost");
        assertEquals(4.0, (double) lost / runs, 0.4, "mean packets per burst");
        assertTrue(throughPath(bursty, 3000).lostPercent() > 2, "the receiver counts bursts too");
    }

    /** Loss that changes at a set second: the receiver reads each condition in its own stretch of the call. */
    @Test
    void lossThatStartsTenSecondsIntoTheCallIsReadFromThenOn() {
        Impairment worsening = new Impairment(0, 1, 0, 0, 0, 3L,
                List.of(new Impairment.Change(10, new Impairment(10, 1, 0, 0, null))));
        long[] clock = {0};
        ImpairedPath path = new ImpairedPath(worsening, TIMER, () -> clock[0]);
        int lostBefore = 0;
        int lostAfter = 0;
        for (int i = 0; i < 3000; i++) { // 60 s of 20 ms packets
            clock[0] = 20_000_000L * i;
            boolean lost = !path.carry(60, () -> { });
            lostBefore += lost && i < 500 ? 1 : 0;
            lostAfter += lost && i >= 500 ? 1 : 0;
        }

        assertEquals(0, lostBefore, "no loss in the first 10 s");
        assertEquals(10, 100.0 * lostAfter / 2500, 1.5, "10% from the 10th second on");
        assertEquals(new ImpairedPath.Applied(3000, lostBefore + lostAfter, 0), path.applied());
    }

    /**
     * A link capped below the stream's rate: packets queue (each waits longer than the one before),
     * and once the queue holds 250 ms the link drops what it cannot send, as a bottleneck does.
     */
    @Test
    void aBandwidthCapQueuesThenDropsWhatTheLinkCannotCarry() {
        // 72-byte packets + 28 of headers every 20 ms: 40 kbps into a 20 kbps link.
        Impairment capped = new Impairment(0, 1, 0, 0, 20, null, List.of());
        long[] clock = {0};
        ImpairedPath path = new ImpairedPath(capped, TIMER, () -> clock[0]);
        int delivered = 0;
        for (int i = 0; i < 500; i++) { // 10 s
            clock[0] = 20_000_000L * i;
            delivered += path.carry(72, () -> { }) ? 1 : 0;
        }

        assertEquals(50, 100.0 * delivered / 500, 3, "half the packets fit a link of half the rate");
        assertTrue(path.applied().droppedByQueue() > 200, path.applied().toString());
    }

    /** {@code packets} numbered 20 ms apart through the path into a receiver's statistics. */
    private static CallReport.AudioStats throughPath(Impairment impairment, int packets) {
        long[] clock = {0};
        ImpairedPath path = new ImpairedPath(impairment, TIMER, () -> clock[0]);
        ReceiveStats receiver = new ReceiveStats();
        for (int i = 0; i < packets; i++) {
            clock[0] = 20_000_000L * i;
            int sequence = i;
            path.carry(60, () -> receiver.packet(sequence & 0xffff, 960L * sequence, 20_000_000L * sequence));
        }
        return receiver.snapshot(0, 0);
    }
}
