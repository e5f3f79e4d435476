package io.stella.harness.config;

/**
 * Capacity-planning inputs: today's peak, how fast it grows each month, and the least headroom
 * (knee / peak) the release may ship with. The peak is in the profile's arrival unit (new journeys
 * per second), or, for a voice platform, in conversations held at once ({@code currentPeakConversations},
 * set instead): the knee is then read as the conversations held at the knee.
 */
public record Planning(Double currentPeakRatePerSec, Integer currentPeakConversations, double monthlyGrowthPercent,
                       double minHeadroom) {

    public boolean inConversations() {
        return currentPeakConversations != null;
    }
}
