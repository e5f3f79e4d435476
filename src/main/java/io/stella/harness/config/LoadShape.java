package io.stella.harness.config;

/**
 * The open-model arrival schedule of a run: a warm-up kept out of every verdict, then a ramp and a
 * steady phase that are measured. Rates are new virtual users (journeys) per second, all scenarios
 * together; the profile's mix splits them.
 */
public record LoadShape(int warmUpSec, double warmUpRatePerSec, int rampUpSec, double ratePerSec, int steadySec) {

    public int measuredSec() {
        return rampUpSec + steadySec;
    }

    public int totalSec() {
        return warmUpSec + rampUpSec + steadySec;
    }
}
