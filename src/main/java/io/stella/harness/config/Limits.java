package io.stella.harness.config;

/**
 * Hard ceilings a profile carries, so a hurried edit cannot aim more at a target than its owner
 * agreed to. The arrival rate is checked before the run (the whole schedule, spike and overload
 * included); requests in flight are counted while it runs, and an arriving user that would go past
 * the ceiling is not started (counted, and the sign-off says so): a target that stops answering
 * must not collect an unbounded pile of open requests.
 *
 * @param maxRatePerSec         the most new users per second the schedule may ever ask for
 * @param maxConcurrentRequests the most requests the harness keeps in flight at once
 */
public record Limits(double maxRatePerSec, int maxConcurrentRequests) {

    /** For a profile without {@code limits}: above what one injector drives against a healthy target. */
    public static final Limits DEFAULT = new Limits(1000, 5000);
}
