package io.stella.harness.config;

/**
 * The open-model arrival schedule of a run: a warm-up kept out of every verdict, then either a ramp
 * and a steady phase, or the stairs of a capacity search ({@code stairs} not null). Rates are new
 * virtual users (journeys) per second, all scenarios together; the profile's mix splits them.
 */
public record LoadShape(int warmUpSec, double warmUpRatePerSec, int rampUpSec, double ratePerSec, int steadySec,
                        Stairs stairs) {

    public LoadShape(int warmUpSec, double warmUpRatePerSec, int rampUpSec, double ratePerSec, int steadySec) {
        this(warmUpSec, warmUpRatePerSec, rampUpSec, ratePerSec, steadySec, null);
    }

    public boolean capacitySearch() {
        return stairs != null;
    }

    public int measuredSec() {
        return stairs != null ? stairs.totalSec() : rampUpSec + steadySec;
    }

    public int totalSec() {
        return warmUpSec + measuredSec();
    }
}
