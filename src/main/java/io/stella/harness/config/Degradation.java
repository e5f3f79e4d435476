package io.stella.harness.config;

/**
 * The overload-and-recovery phase after a capacity search's stairs: {@value #SETTLE_SEC} s without new
 * arrivals (the last step's answers come in and the knee is judged), then {@code overloadFactor} times
 * the knee for {@code overloadSec}, then {@code recoveryFactor} times it for {@code recoverySec}.
 * <p>
 * It passes when the excess is refused fast (429/503 with {@code Retry-After}, refusals' P99 at most
 * {@code maxRefusalP99Millis}) rather than by timeouts, other errors or dropped connections (at most
 * {@code maxOtherFailurePercent} of the overload's requests), accepted requests keep their P99 within
 * {@code maxAcceptedP99Millis}, and every threshold holds again within {@code maxRecoverySec} of the
 * overload's end.
 */
public record Degradation(double overloadFactor, int overloadSec, double recoveryFactor, int recoverySec,
                          double maxRefusalP99Millis, double maxAcceptedP99Millis, double maxOtherFailurePercent,
                          int maxRecoverySec) {

    public static final int SETTLE_SEC = 2;
    /** Recovery is judged on sliding windows this long: shorter ones hold too few samples for a percentile. */
    public static final int RECOVERY_WINDOW_SEC = 5;

    public int totalSec() {
        return SETTLE_SEC + overloadSec + recoverySec;
    }

    /**
     * Arrivals are started at this rate through the whole phase, and an admission gate lets through
     * the share the knee asks for: Gatling's schedule is fixed before the run, the knee is not.
     */
    public double injectedRatePerSec(Stairs stairs) {
        return overloadFactor * stairs.rateOfStep(stairs.steps() - 1);
    }
}
