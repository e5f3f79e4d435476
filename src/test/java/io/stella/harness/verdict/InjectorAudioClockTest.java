package io.stella.harness.verdict;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The injector's audio clock judged stretch by stretch: a step is the harness's when its clock fell behind then. */
class InjectorAudioClockTest {

    /** 100 ticks a second for 30 s; from second 20 on, 5 of them late. */
    static final long[][] CLOCK = clock();

    private static long[][] clock() {
        long[][] bySecond = new long[30][];
        for (int second = 0; second < 30; second++) {
            bySecond[second] = new long[] {100, second >= 20 ? 5 : 0};
        }
        return bySecond;
    }

    @Test
    void aStretchWithMoreThanOnePercentOfItsTicksLateIsTroubledAndOneOnTimeIsNot() {
        InjectorAudioClock audioClock = new InjectorAudioClock(CLOCK, 5);

        assertFalse(audioClock.troubledDuring(5, 20));
        assertTrue(audioClock.troubledDuring(20, 25));
        assertTrue(audioClock.troubledDuring(15, 25), "10 s at 0% and 5 s at 5%: 1.7% late");
        assertTrue(audioClock.troubled());
        assertTrue(audioClock.reason().startsWith("the harness's audio clock fell behind (2.0% of its 10 ms ticks"), audioClock.reason());
    }

    @Test
    void noClockReportedIsNoTrouble() {
        assertFalse(new InjectorAudioClock(new long[0][], 5).troubled());
    }
}
