package io.stella.harness.verdict;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The injector's audio clock judged stretch by stretch: a step is the harness's when its clock fell behind then. */
class InjectorAudioClockTest {

    /** 100 ticks a second for 30 s; from second 20 on, 5 of them late (25 in 5 s, 50 in 10 s). */
    static final long[][] CLOCK = clock(5);
    /** The same with 20 of each second's ticks late from second 20 on. */
    static final long[][] CLOCK_WORSE = clock(20);

    private static long[][] clock(int latePerSecond) {
        long[][] bySecond = new long[30][];
        for (int second = 0; second < 30; second++) {
            bySecond[second] = new long[] {100, second >= 20 ? latePerSecond : 0};
        }
        return bySecond;
    }

    @Test
    void aStretchWithMoreThanOnePercentOfItsTicksLateAndASecondsWorthOfThemIsTroubled() {
        InjectorAudioClock hiccups = new InjectorAudioClock(CLOCK, 5);
        InjectorAudioClock behind = new InjectorAudioClock(CLOCK_WORSE, 5);

        assertFalse(behind.troubledDuring(5, 20), "on time");
        assertFalse(hiccups.troubledDuring(20, 25), "5% late, but 25 ticks: a quarter of a second in all");
        assertFalse(hiccups.troubled(), "2% late after second 5, 50 ticks: half a second");
        assertTrue(behind.troubledDuring(20, 25), "20% late, 100 ticks");
        assertTrue(behind.troubledDuring(15, 25), "10 s on time and 5 s at 20%: 6.7% late");
        assertTrue(behind.troubled());
        assertTrue(behind.reason().startsWith("the harness's audio clock fell behind (8.0% of its ticks"), behind.reason());
        assertTrue(behind.reasonDuring(20, 25).startsWith(
                "the harness's audio clock fell behind (20.0% of its ticks more than 20 ms late in seconds 20..25)"),
                behind.reasonDuring(20, 25));
    }

    @Test
    void noClockReportedIsNoTrouble() {
        assertFalse(new InjectorAudioClock(new long[0][], 5).troubled());
    }
}
