package io.stella.harness.results;

import io.stella.harness.verdict.BaselineComparison;

import java.util.List;

/**
 * A run compared with an earlier one ({@code -Dbaseline}): every figure compared, and the lines of
 * those that count as regressions (beyond the noise and past {@code tolerancePercent}).
 */
public record BaselineView(String baselineFolder, String baselineProfile, double tolerancePercent,
                           List<BaselineComparison.Change> changes, List<String> regressions) {

    public BaselineView {
        changes = List.copyOf(changes);
        regressions = List.copyOf(regressions);
    }
}
