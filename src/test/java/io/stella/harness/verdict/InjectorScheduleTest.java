package io.stella.harness.verdict;

import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Stairs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectorScheduleTest {

    /** 5 s warm-up at 10/s, 5 s ramp to 20/s, 10 s at 20/s: 50 + 75 + 200 = 325 users. */
    static final LoadShape SHAPE = new LoadShape(5, 10, 5, 20, 10);

    static List<Long> onPlan() {
        List<Long> starts = new ArrayList<>();
        for (int second = 0; second < 20; second++) {
            starts.add(Math.round(SHAPE.plannedUsersBetween(second, second + 1)));
        }
        return starts;
    }

    @Test
    void thePlanIsTheIntegralOfTheRate() {
        assertEquals(325, SHAPE.plannedUsersBetween(0, SHAPE.totalSec()), 1e-6);
        assertEquals(56, SHAPE.plannedUsersBetween(5, 9), 1e-6); // the ramp from 10/s: 11 + 13 + 15 + 17
    }

    @Test
    void stairsPlanEachLevelAndTheRampsBetween() {
        LoadShape stairs = new LoadShape(0, 10, 0, 30, 14, new Stairs(10, 10, 3, 4, 1));
        // levels of 4 s at 10, 20, 30 and two 1 s ramps averaging 15 and 25
        assertEquals(40 + 15 + 80 + 25 + 120, stairs.plannedUsersBetween(0, stairs.totalSec()), 1e-6);
    }

    @Test
    void aRunInterruptedOnPlanIsNotBehindForThePartItNeverReached() {
        List<Long> starts = onPlan().subList(0, 12); // stopped in second 12 of 20

        assertTrue(InjectorSchedule.check(SHAPE, starts).behind(), "held to the whole plan it would look late");
        assertFalse(InjectorSchedule.check(SHAPE, starts, 11).behind(), "held to the seconds it ran it is on plan");
    }

    @Test
    void anInjectorOnPlanIsNotBehind() {
        InjectorSchedule schedule = InjectorSchedule.check(SHAPE, onPlan());

        assertFalse(schedule.behind(), schedule.reason());
        assertEquals(325, schedule.startedUsers(), 2);
    }

    @Test
    void anInjectorThatStartsHalfItsUsersLateIsBehind() {
        List<Long> starts = onPlan();
        for (int second = 10; second < 20; second++) {
            starts.set(second, starts.get(second) / 2);
        }

        InjectorSchedule schedule = InjectorSchedule.check(SHAPE, starts);

        assertTrue(schedule.behind());
        assertEquals(100, schedule.maxBehindUsers(), 2);
        assertEquals(5, schedule.maxBehindSec(), 0.1);
        assertTrue(schedule.reason().startsWith("the injector fell behind its schedule: 100 users (5.0 s of arrivals) late"),
                schedule.reason());
    }

    @Test
    void aColdStartLateInTheWarmUpThatCatchesUpIsNotBehind() {
        List<Long> starts = onPlan();
        starts.set(0, 0L);                         // nobody in the first second (10 planned)
        starts.set(1, 0L);                         // nor the second
        starts.set(2, starts.get(2) + 20);         // all caught up within the warm-up

        InjectorSchedule schedule = InjectorSchedule.check(SHAPE, starts);

        assertFalse(schedule.behind(), schedule.reason());
    }

    @Test
    void lagStillThereWhenJudgingStartsCounts() {
        List<Long> starts = onPlan();
        for (int second = 0; second < 5; second++) {
            starts.set(second, 0L);                // the whole warm-up late
        }
        starts.set(10, starts.get(10) + 50);       // caught up only well into the judged part

        assertTrue(InjectorSchedule.check(SHAPE, starts).behind());
    }

    @Test
    void aFewUsersOfBatchingAreTolerated() {
        List<Long> starts = new ArrayList<>(Collections.nCopies(20, 0L));
        List<Long> plan = onPlan();
        for (int second = 0; second < 20; second++) {
            starts.set(second, plan.get(second) - (second == 3 ? 4 : 0));
        }
        starts.set(4, starts.get(4) + 4);

        assertFalse(InjectorSchedule.check(SHAPE, starts).behind());
    }
}
