package io.stella.harness.verdict;

import io.stella.harness.config.Planning;

/**
 * Capacity planning from the knee: headroom is knee over today's peak; months left is how long the
 * peak, growing by the monthly rate, takes to reach the knee ({@code ln(headroom) / ln(1 + growth)}),
 * zero when it is already there. It passes when the headroom is at least the profile's minimum.
 */
public record CapacityPlan(double kneeRatePerSec, double currentPeakRatePerSec, double monthlyGrowthPercent,
                           double headroom, double monthsLeft, double minHeadroom) {

    public static CapacityPlan of(double kneeRatePerSec, Planning planning) {
        double headroom = kneeRatePerSec / planning.currentPeakRatePerSec();
        double monthsLeft = headroom <= 1 ? 0 : Math.log(headroom) / Math.log(1 + planning.monthlyGrowthPercent() / 100);
        return new CapacityPlan(kneeRatePerSec, planning.currentPeakRatePerSec(), planning.monthlyGrowthPercent(), headroom,
                monthsLeft, planning.minHeadroom());
    }

    public boolean enough() {
        return headroom >= minHeadroom;
    }
}
