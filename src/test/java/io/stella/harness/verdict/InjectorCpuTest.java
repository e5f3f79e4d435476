package io.stella.harness.verdict;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given the injector's CPU second by second, expect saturation only for 3 s or more at 95%+, judged only when asked. */
class InjectorCpuTest {

    static final double[] BUSY_FROM_SECOND_6 = {0.2, 0.3, 0.5, 0.97, 0.98, 0.4, 0.96, 0.99, 1.0, 0.97, 0.5};

    @Test
    void threeSaturatedSecondsInARowMakeItTroubledThere() {
        InjectorCpu cpu = new InjectorCpu(BUSY_FROM_SECOND_6, 2, true);

        assertTrue(cpu.troubled());
        assertEquals(6, cpu.saturatedRunStart(2, Integer.MAX_VALUE), "seconds 3-4 are only two in a row");
        assertTrue(cpu.troubledDuring(7, 9));
        assertFalse(cpu.troubledDuring(0, 6), "the run ending at second 8 is not in 0..5 (its third second is 8)");
        assertTrue(cpu.reason().startsWith("the injector's CPU was saturated (at least 95% of all cores for 3 s or more from second 6)"),
                cpu.reason());
        assertEquals(100.0, cpu.maxPercent());
    }

    @Test
    void theMeanLeavesTheWarmUpOut() {
        double[] busyWarmUp = {1.0, 1.0, 0.2, 0.4, 0.3};

        assertEquals(30.0, new InjectorCpu(busyWarmUp, 2, true).meanPercent(), "(0.2 + 0.4 + 0.3) / 3");
        assertEquals(0.0, new InjectorCpu(new double[] {1.0}, 2, true).meanPercent(), "no judged second");
    }

    @Test
    void aBusyWarmUpIsNotJudged() {
        double[] warmUpOnly = {1.0, 1.0, 1.0, 1.0, 0.3, 0.2};

        assertFalse(new InjectorCpu(warmUpOnly, 5, true).troubled());
    }

    @Test
    void withTheTargetInTheSameProcessItIsReportedButNotJudged() {
        InjectorCpu cpu = new InjectorCpu(BUSY_FROM_SECOND_6, 2, false);

        assertFalse(cpu.troubled());
        assertEquals(100.0, cpu.maxPercent());
    }

    @Test
    void eitherTroubleMakesTheInjectorTroubledWithItsOwnReason() {
        InjectorCpu busy = new InjectorCpu(BUSY_FROM_SECOND_6, 2, true);
        InjectorCpu idle = new InjectorCpu(new double[] {0.1, 0.1}, 0, true);

        assertTrue(InjectorHealth.either(idle, busy).troubled());
        assertEquals(busy.reason(), InjectorHealth.either(idle, busy).reason());
        assertFalse(InjectorHealth.either(idle, idle).troubled());
    }
}
