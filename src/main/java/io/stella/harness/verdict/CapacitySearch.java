package io.stella.harness.verdict;

import java.util.List;

/**
 * Where a capacity search's knee is: the highest rate that held below the lowest rate that broke a
 * threshold. Steps may come in any order (a live search refines between the two after the first
 * break). A step that holds at or above a broken rate does not count: a limit found once is the
 * limit (noise above a knee is not capacity). The knee lies between it and the lowest failing rate;
 * the search reports the lower, proven one.
 */
public final class CapacitySearch {

    /** What the stairs showed. */
    public enum Finding {
        /** A step held and a higher one broke: the knee is known. */
        KNEE_FOUND,
        /** Every step held: the limit is above the highest step. */
        LIMIT_NOT_REACHED,
        /** No step below the lowest broken rate held (the first step already broke): the limit is below the search. */
        FAILED_AT_FIRST_STEP
    }

    /** The outcome; {@code knee} null unless a step held, {@code firstFailing} (the lowest broken rate) null unless one broke. */
    public record Result(Finding finding, StepOutcome knee, StepOutcome firstFailing, List<StepOutcome> steps) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    private CapacitySearch() {
    }

    public static Result search(List<StepOutcome> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a capacity search needs at least one step");
        }
        StepOutcome lowestBroken = null;
        for (StepOutcome step : steps) {
            if (!step.held() && (lowestBroken == null || step.ratePerSec() < lowestBroken.ratePerSec())) {
                lowestBroken = step;
            }
        }
        StepOutcome highestHeld = null;
        for (StepOutcome step : steps) {
            boolean below = lowestBroken == null || step.ratePerSec() < lowestBroken.ratePerSec();
            if (step.held() && below && (highestHeld == null || step.ratePerSec() > highestHeld.ratePerSec())) {
                highestHeld = step;
            }
        }
        if (lowestBroken == null) {
            return new Result(Finding.LIMIT_NOT_REACHED, highestHeld, null, steps);
        }
        return highestHeld == null
                ? new Result(Finding.FAILED_AT_FIRST_STEP, null, lowestBroken, steps)
                : new Result(Finding.KNEE_FOUND, highestHeld, lowestBroken, steps);
    }
}
