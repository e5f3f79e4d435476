package io.stella.harness.verdict;

import io.stella.harness.config.LoadShape;

import java.util.List;

/**
 * Whether the injector kept to its plan: at every second, users planned to have started so far
 * against users Gatling actually started (from its log). An injector more than {@value #MAX_BEHIND_SEC}
 * s of arrivals behind (and more than {@value #TOLERATED_USERS} users, for Gatling's batching) during
 * the judged part of the run was starved: its latencies describe the harness, not the target. Lag in
 * the warm-up does not count (a cold JVM starts late; that is what the warm-up is for) unless it is
 * still there when judging starts.
 */
public record InjectorSchedule(double plannedUsers, long startedUsers, double maxBehindUsers, double maxBehindSec,
                               int worstSecond, double[] behindSecBySecond) implements InjectorHealth {

    static final double MAX_BEHIND_SEC = 1.0;
    static final double TOLERATED_USERS = 5;

    /** @param startsPerSecond users started in each second since the run start, as Gatling logged them */
    public static InjectorSchedule check(LoadShape load, List<Long> startsPerSecond) {
        return check(load, startsPerSecond, Integer.MAX_VALUE);
    }

    /**
     * @param untilSec the plan is held against the starts only up to here: a run interrupted at that
     *                 second did not fall behind the part of its plan it never reached
     */
    public static InjectorSchedule check(LoadShape load, List<Long> startsPerSecond, int untilSec) {
        long started = 0;
        double planned = 0;
        double worstUsers = 0;
        double worstSec = 0;
        int worstSecond = -1;
        int seconds = Math.min(untilSec, Math.max(startsPerSecond.size(), load.totalSec()));
        double[] behindSecBySecond = new double[seconds];
        for (int second = 0; second < seconds; second++) {
            started += second < startsPerSecond.size() ? startsPerSecond.get(second) : 0;
            planned += load.plannedUsersBetween(second, second + 1);
            double behindUsers = planned - started;
            double rate = load.plannedRateAt(second + 0.5);
            double behindSec = rate > 0 ? behindUsers / rate : 0;
            behindSecBySecond[second] = behindUsers > TOLERATED_USERS ? behindSec : 0;
            if (second >= load.warmUpSec() && behindUsers > worstUsers) {
                worstUsers = behindUsers;
                worstSec = behindSec;
                worstSecond = second;
            }
        }
        return new InjectorSchedule(planned, started, worstUsers, worstSec, worstSecond, behindSecBySecond);
    }

    /** Whether the injector was behind at any second in {@code [fromSec, toSec)} after the run start. */
    public boolean behindDuring(int fromSec, int toSec) {
        for (int second = Math.max(0, fromSec); second < Math.min(toSec, behindSecBySecond.length); second++) {
            if (behindSecBySecond[second] > MAX_BEHIND_SEC) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean troubledDuring(int fromSec, int toSec) {
        return behindDuring(fromSec, toSec);
    }

    @Override
    public boolean troubled() {
        return behind();
    }

    public boolean behind() {
        return maxBehindUsers > TOLERATED_USERS && maxBehindSec > MAX_BEHIND_SEC;
    }

    /** Why the verdicts cannot stand, in one line. */
    @Override
    public String reason() {
        return String.format("the injector fell behind its schedule: %.0f users (%.1f s of arrivals) late at second %d; "
                + "the figures describe the harness, not the target", maxBehindUsers, maxBehindSec, worstSecond);
    }
}
