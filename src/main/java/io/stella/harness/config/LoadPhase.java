package io.stella.harness.config;

/**
 * Where a run's schedule is at a moment ({@link LoadShape#phaseAt}): what a live dashboard shows
 * beside the figures, so that a latency step can be read against the load that made it.
 */
public enum LoadPhase {
    WARM_UP, RAMP_UP, STEADY, SPIKE,
    /** A capacity search's hold at one rate; {@link LoadShape#stepAt} says which. */
    CAPACITY_STEP,
    /** The ramp between two holds. */
    CAPACITY_RAMP,
    /** The pause after the stairs, before the overload. */
    SETTLE, OVERLOAD, RECOVERY,
    /** The schedule is over; the last answers come in. */
    ENDING;

    /** As a dashboard label: {@code capacity-step}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
