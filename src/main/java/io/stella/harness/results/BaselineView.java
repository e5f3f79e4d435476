package io.stella.harness.results;

import io.stella.harness.verdict.BaselineComparison;

import java.util.List;

/**
 * A run compared with an earlier one ({@code -Dbaseline}): every figure compared, and the lines of
 * those that count as regressions (beyond the noise and past {@code tolerancePercent}); with
 * {@code -Dhistory}, the file and how many of its earlier runs of the profile the figures' bands came from
 * (null and 0 without one).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record BaselineView(String baselineFolder, String baselineProfile, double tolerancePercent,
                           List<BaselineComparison.Change> changes, List<String> regressions, String history,
                           Integer historyRuns) {

    public BaselineView {
        changes = List.copyOf(changes);
        regressions = List.copyOf(regressions);
    }
}
