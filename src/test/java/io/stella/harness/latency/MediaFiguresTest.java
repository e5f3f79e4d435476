package io.stella.harness.latency;

import io.stella.harness.livekit.media.CallReport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The injector's own media health: when it falls behind, its media figures are no evidence about the target. */
class MediaFiguresTest {

    @Test
    void aClockOnTimeAndPlayoutAtRealTimeAreNoTrouble() {
        MediaFigures media = new MediaFigures();
        media.callCompleted(new CallReport.AudioStats(1500, 0, 2, 0, 480_000, 99.8, 0, 0));
        media.clock(new MediaFigures.Clock(10_000, 50, 30, 1));

        assertNull(media.troubleReason());
    }

    @Test
    void aClockLateOnMoreThanOnePercentOfTicksIsTrouble() {
        MediaFigures media = new MediaFigures();
        media.clock(new MediaFigures.Clock(10_000, 150, 80, 2));

        assertTrue(media.troubleReason().startsWith("the harness's audio clock fell behind: 1.5% of its ticks"),
                media.troubleReason());
    }

    @Test
    void aReceiveSideThatPlaysOutSlowerThanRealTimeIsTrouble() {
        MediaFigures media = new MediaFigures();
        media.callCompleted(new CallReport.AudioStats(1500, 0, 2, 0, 480_000, 99.8, 0, 0));
        media.callCompleted(new CallReport.AudioStats(1500, 0, 2, 0, 480_000, 80.0, 0, 0));
        media.clock(new MediaFigures.Clock(10_000, 0, 5, 1));

        assertTrue(media.troubleReason().contains("played out at 89.9% of real time"), media.troubleReason());
    }

    @Test
    void packetsTheReceiveSideCouldNotAuthenticateAreTroubleHoweverFew() {
        MediaFigures media = new MediaFigures();
        media.callCompleted(new CallReport.AudioStats(1500, 0, 2, 0, 480_000, 99.8, 0, 0));
        media.callCompleted(new CallReport.AudioStats(1499, 0, 2, 0, 480_000, 99.8, 1, 0));
        media.clock(new MediaFigures.Clock(10_000, 0, 5, 1));

        assertEquals("the harness's receive side could not authenticate 1 of the 3000 packets it received (SRTP),"
                + " so what it heard is incomplete", media.troubleReason());
        assertEquals(1, media.audio().packetsRejected());
    }

    /** A datagram dropped for a full socket buffer on this machine may be audio the harness never sent or never heard. */
    @Test
    void datagramsTheMachineDroppedForFullSocketBuffersAreTroubleAndNoneOrUnknownAreNot() {
        MediaFigures media = new MediaFigures();
        media.callCompleted(new CallReport.AudioStats(1500, 0, 2, 0, 480_000, 99.8, 0, 0));
        media.clock(new MediaFigures.Clock(10_000, 50, 30, 1));

        media.socketBufferDrops(-1);
        assertNull(media.troubleReason(), "a machine that cannot tell");
        media.socketBufferDrops(0);
        assertNull(media.troubleReason());
        media.socketBufferDrops(3);
        assertTrue(media.troubleReason().startsWith("this machine dropped 3 UDP datagrams for full socket buffers"),
                media.troubleReason());
    }
}
