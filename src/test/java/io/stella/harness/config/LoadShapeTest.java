package io.stella.harness.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where a schedule is at a moment: what the live metrics' phase and capacity step read. */
class LoadShapeTest {

    @Test
    void aSteadyRunGoesFromWarmUpThroughItsRampAndSpikeToItsEnd() {
        LoadShape load = new LoadShape(5, 2, 4, 10, 20, null, new Spike(3, 6, 2));

        assertEquals(LoadPhase.WARM_UP, load.phaseAt(0));
        assertEquals(LoadPhase.WARM_UP, load.phaseAt(4.9));
        assertEquals(LoadPhase.RAMP_UP, load.phaseAt(5));
        assertEquals(LoadPhase.STEADY, load.phaseAt(9));
        assertEquals(LoadPhase.SPIKE, load.phaseAt(15), "6 s into steady, held 2 s");
        assertEquals(LoadPhase.STEADY, load.phaseAt(17));
        assertEquals(LoadPhase.ENDING, load.phaseAt(29));
        assertEquals(-1, load.stepAt(15), "no stairs");
    }

    @Test
    void aCapacitySearchReadsItsStepsRampsAndTheOverloadAfterThem() {
        // 3 steps held 6 s with 2 s ramps: 22 s of stairs after a 5 s warm-up; then settle 2, overload 10, recovery 20
        LoadShape load = new LoadShape(5, 5, 0, 0, 0, new Stairs(10, 5, 3, 6, 2), null,
                new Degradation(1.5, 10, 0.5, 20, 100, 1000, 1, 10));

        assertEquals(LoadPhase.CAPACITY_STEP, load.phaseAt(5));
        assertEquals(0, load.stepAt(5));
        assertEquals(LoadPhase.CAPACITY_RAMP, load.phaseAt(12));
        assertEquals(0, load.stepAt(12), "the ramp after step 0 counts with it");
        assertEquals(LoadPhase.CAPACITY_STEP, load.phaseAt(13.5));
        assertEquals(1, load.stepAt(13.5));
        assertEquals(2, load.stepAt(26.9));
        assertEquals(LoadPhase.SETTLE, load.phaseAt(27.5));
        assertEquals(-1, load.stepAt(27.5));
        assertEquals(LoadPhase.OVERLOAD, load.phaseAt(29));
        assertEquals(LoadPhase.RECOVERY, load.phaseAt(39));
        assertEquals(LoadPhase.ENDING, load.phaseAt(59));
        assertEquals("capacity-step", LoadPhase.CAPACITY_STEP.label());
    }
}
