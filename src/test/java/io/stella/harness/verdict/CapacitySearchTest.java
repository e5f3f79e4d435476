package io.stella.harness.verdict;

import io.stella.harness.config.Planning;
import io.stella.harness.config.Threshold;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacitySearchTest {

    static final Threshold P99 = new Threshold.PercentileLimit("all", 99, 100);

    /** Steps of 10, 20, 30 ... journeys/s; 'H' held, 'B' broke. */
    static List<StepOutcome> steps(String pattern) {
        List<StepOutcome> steps = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            boolean held = pattern.charAt(i) == 'H';
            Verdict verdict = new Verdict(P99, held ? Verdict.Status.PASS : Verdict.Status.FAIL, "<= 100 ms",
                    held ? "40 ms" : "400 ms", null);
            steps.add(new StepOutcome(i, 10 * (i + 1), 50 * (i + 1), List.of(verdict)));
        }
        return steps;
    }

    @Test
    void theKneeIsTheLastStepBeforeTheFirstBreak() {
        CapacitySearch.Result result = CapacitySearch.search(steps("HHHBB"));

        assertEquals(CapacitySearch.Finding.KNEE_FOUND, result.finding());
        assertEquals(30, result.knee().ratePerSec());
        assertEquals(40, result.firstFailing().ratePerSec());
    }

    @Test
    void aStepHoldingAboveABreakDoesNotRaiseTheKnee() {
        CapacitySearch.Result result = CapacitySearch.search(steps("HHBHB"));

        assertEquals(20, result.knee().ratePerSec());
        assertEquals(30, result.firstFailing().ratePerSec());
    }

    @Test
    void everyStepHoldingMeansTheLimitIsAboveTheSearch() {
        CapacitySearch.Result result = CapacitySearch.search(steps("HHHH"));

        assertEquals(CapacitySearch.Finding.LIMIT_NOT_REACHED, result.finding());
        assertEquals(40, result.knee().ratePerSec());
        assertNull(result.firstFailing());
    }

    @Test
    void aBrokenFirstStepMeansTheLimitIsBelowTheSearch() {
        CapacitySearch.Result result = CapacitySearch.search(steps("BHH"));

        assertEquals(CapacitySearch.Finding.FAILED_AT_FIRST_STEP, result.finding());
        assertNull(result.knee());
        assertEquals(10, result.firstFailing().ratePerSec());
    }

    @Test
    void refiningStepsAfterTheBreakNarrowTheKneeBetweenHeldAndBroken() {
        // Climbing 10, 20, 30 (broke), then bisecting: 25 holds, 27.5 breaks, 26.25 holds.
        List<StepOutcome> steps = List.of(step(0, 10, true), step(1, 20, true), step(2, 30, false), step(3, 25, true),
                step(4, 27.5, false), step(5, 26.25, true));

        CapacitySearch.Result result = CapacitySearch.search(steps);

        assertEquals(CapacitySearch.Finding.KNEE_FOUND, result.finding());
        assertEquals(26.25, result.knee().ratePerSec());
        assertEquals(27.5, result.firstFailing().ratePerSec(), "the lowest rate that broke");
    }

    @Test
    void aRefiningStepBelowABrokenFirstStepCanStillFindAKnee() {
        List<StepOutcome> steps = List.of(step(0, 10, false), step(1, 5, true), step(2, 7.5, false));

        CapacitySearch.Result result = CapacitySearch.search(steps);

        assertEquals(CapacitySearch.Finding.KNEE_FOUND, result.finding());
        assertEquals(5, result.knee().ratePerSec());
        assertEquals(7.5, result.firstFailing().ratePerSec());
    }

    static StepOutcome step(int index, double rate, boolean held) {
        Verdict verdict = new Verdict(P99, held ? Verdict.Status.PASS : Verdict.Status.FAIL, "<= 100 ms", held ? "40 ms" : "400 ms", null);
        return new StepOutcome(index, rate, 5 * rate, List.of(verdict));
    }

    @Test
    void aSearchWithoutStepsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CapacitySearch.search(List.of()));
    }

    @Test
    void headroomIsKneeOverPeakAndMonthsLeftCompoundTheGrowth() {
        CapacityPlan plan = CapacityPlan.of(40, null, new Planning(20.0, null, 10, 1.5));

        assertEquals(2.0, plan.headroom(), 1e-9);
        assertEquals(Math.log(2) / Math.log(1.1), plan.monthsLeft(), 1e-9); // about 7.27 months
        assertTrue(plan.enough());
    }

    @Test
    void tooLittleHeadroomFailsAndAPeakAboveTheKneeLeavesNoMonths() {
        CapacityPlan thin = CapacityPlan.of(25, null, new Planning(20.0, null, 10, 1.5));
        assertEquals(1.25, thin.headroom(), 1e-9);
        assertFalse(thin.enough());

        CapacityPlan over = CapacityPlan.of(15, null, new Planning(20.0, null, 10, 1.5));
        assertEquals(0, over.monthsLeft());
        assertFalse(over.enough());
    }
}
