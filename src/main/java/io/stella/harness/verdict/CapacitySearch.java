package io.stella.harness.verdict;

import java.util.List;

/**
 * Where a capacity search's knee is: the last step before the first one that broke a threshold.
 * A step that holds above a broken one does not count: a limit found once is the limit (noise above
 * a knee is not capacity). The knee lies between it and the first failing step; the search reports
 * the lower, proven one.
 */
public final class CapacitySearch {

    /** What the stairs showed. */
    public enum Finding {
        /** A step held and a higher one broke: the knee is known. */
        KNEE_FOUND,
        /** Every step held: the limit is above the highest step. */
        LIMIT_NOT_REACHED,
        /** The first step already broke: the limit is below the whole search. */
        FAILED_AT_FIRST_STEP
    }

    /** The outcome; {@code knee} null unless a step held, {@code firstFailing} null unless one broke. */
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
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).held()) {
                return i == 0
                        ? new Result(Finding.FAILED_AT_FIRST_STEP, null, steps.get(0), steps)
                        : new Result(Finding.KNEE_FOUND, steps.get(i - 1), steps.get(i), steps);
            }
        }
        return new Result(Finding.LIMIT_NOT_REACHED, steps.get(steps.size() - 1), null, steps);
    }
}
