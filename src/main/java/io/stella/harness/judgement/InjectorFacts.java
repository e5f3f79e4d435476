package io.stella.harness.judgement;

/**
 * What one injector observed about itself, as the judgement needs it: whether it ran to its end, an
 * abort rule that stopped it, whether its own figures can be trusted (it kept to its schedule and
 * had CPU to spare), users it turned away at the ceiling on requests in flight, and when its
 * measured window began. A run on one injector has one of these; a merge one per injector.
 *
 * @param index                  the injector's index in a sharded run, null for a run on one injector
 * @param interrupted            stopped by a signal before its end
 * @param ranSec                 how long it ran, for the words on an interrupted run
 * @param plannedSec             how long it was planned to run
 * @param abortedBy              the abort rule that stopped its load, in words, or null
 * @param troubleReason          why its figures describe the injector rather than the target (behind its
 *                               schedule, out of CPU), or null when they can be trusted
 * @param usersTurnedAway        arriving users not started at the ceiling on requests in flight
 * @param maxConcurrentRequests  that ceiling
 * @param measuredFromEpochMillis when its measured window began
 */
public record InjectorFacts(Integer index, boolean interrupted, long ranSec, long plannedSec, String abortedBy,
                            String troubleReason, long usersTurnedAway, int maxConcurrentRequests,
                            long measuredFromEpochMillis) {

    /** "injector 2: " in a merge, nothing for a run on one injector. */
    String prefix() {
        return index == null ? "" : "injector " + index + ": ";
    }
}
