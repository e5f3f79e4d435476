package io.stella.harness.results;

import io.stella.harness.verdict.BaselineComparison;
import io.stella.harness.verdict.FigureTrend;

import java.util.List;

/**
 * A run compared with an earlier one ({@code -Dbaseline}): every figure compared, and the lines of
 * those that count as regressions (beyond the noise and past {@code tolerancePercent}), and of those
 * the single baseline's rules call regressions while the history is too short to gate them; with
 * {@code -Dhistory}, the file and how many of its earlier runs of the profile the figures' bands came from
 * (null and 0 without one), and the trends of the figures the sign-off draws (none without a history).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record BaselineView(String baselineFolder, String baselineProfile, double tolerancePercent,
                           List<BaselineComparison.Change> changes, List<String> regressions,
                           List<String> notGatedYet, String history,
                           Integer historyRuns, List<FigureTrend> trends) {

    public BaselineView {
        trends = List.copyOf(trends);
        changes = List.copyOf(changes);
        regressions = List.copyOf(regressions);
        notGatedYet = List.copyOf(notGatedYet);
    }
}
