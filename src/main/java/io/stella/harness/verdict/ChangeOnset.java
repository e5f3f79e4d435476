package io.stella.harness.verdict;

import java.util.List;

/**
 * The run in which a change of a figure began, read from its series of runs: the earliest run from
 * which every run to the latest has left the band of the runs before that first one (by the same
 * margins as a regression, {@link Band#leftBy}). A change is named when the latest run regressed (it
 * may have begun a few runs earlier, each too close to call on its own) or when it has lasted
 * {@value #LEAST_RUNS_OF_A_LASTING_CHANGE} runs or more: by then the band of the last runs has taken
 * it in and no single run regresses any more, but the step is still there to be named.
 */
public final class ChangeOnset {

    /** The fewest runs beyond the band before them that name a change when the latest did not regress. */
    public static final int LEAST_RUNS_OF_A_LASTING_CHANGE = 3;

    private ChangeOnset() {
    }

    /**
     * @param series         the figure's values, oldest first, the latest run last
     * @param latestRegressed whether the latest run was judged a regression of this figure
     * @return the index in {@code series} of the run the change began with, or -1 when none is named
     */
    public static int of(String figure, List<Double> series, boolean latestRegressed, double tolerancePercent) {
        int latest = series.size() - 1;
        for (int first = BaselineComparison.MIN_RUNS_FOR_A_BAND; first <= latest; first++) {
            if (!latestRegressed && latest - first + 1 < LEAST_RUNS_OF_A_LASTING_CHANGE) {
                return -1;
            }
            Band before = Band.of(series.subList(0, first));
            boolean allBeyond = true;
            for (int run = first; run <= latest && allBeyond; run++) {
                allBeyond = before.leftBy(figure, series.get(run), tolerancePercent);
            }
            if (allBeyond) {
                return first;
            }
        }
        return -1;
    }
}
