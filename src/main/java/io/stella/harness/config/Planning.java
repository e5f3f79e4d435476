package io.stella.harness.config;

/**
 * Capacity-planning inputs, in the profile's arrival unit (new journeys per second): today's peak,
 * how fast it grows each month, and the least headroom (knee / peak) the release may ship with.
 */
public record Planning(double currentPeakRatePerSec, double monthlyGrowthPercent, double minHeadroom) {
}
