package io.stella.harness.verdict;

import io.stella.harness.config.Planning;

/**
 * Capacity planning from the knee: headroom is knee over today's peak; months left is how long the
 * peak, growing by the monthly rate, takes to reach the knee ({@code ln(headroom) / ln(1 + growth)}),
 * zero when it is already there. It passes when the headroom is at least the profile's minimum.
 * Knee and peak are in {@code unit}: journeys per second, or conversations held at once.
 */
public record CapacityPlan(double knee, double currentPeak, String unit, double monthlyGrowthPercent,
                           double headroom, double monthsLeft, double minHeadroom) {

    public static final String JOURNEYS_PER_SEC = "journeys/s";
    public static final String CONVERSATIONS = "conversations";

    /**
     * The plan from the knee in the unit the planning inputs use, or null when the run did not
     * measure that knee (conversations held at once are only known for voice).
     */
    public static CapacityPlan of(double kneeRatePerSec, Integer kneeConversations, Planning planning) {
        if (planning.inConversations()) {
            return kneeConversations == null ? null
                    : of(kneeConversations, planning.currentPeakConversations(), CONVERSATIONS, planning);
        }
        return of(kneeRatePerSec, planning.currentPeakRatePerSec(), JOURNEYS_PER_SEC, planning);
    }

    private static CapacityPlan of(double knee, double currentPeak, String unit, Planning planning) {
        double headroom = knee / currentPeak;
        double monthsLeft = headroom <= 1 ? 0 : Math.log(headroom) / Math.log(1 + planning.monthlyGrowthPercent() / 100);
        return new CapacityPlan(knee, currentPeak, unit, planning.monthlyGrowthPercent(), headroom, monthsLeft, planning.minHeadroom());
    }

    public boolean enough() {
        return headroom >= minHeadroom;
    }
}
