package io.stella.harness.verdict;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Given a figure's recorded series of runs (the latest last), expect the run a change began with:
 * the earliest from which every run has left the band of the runs before it.
 */
class ChangeOnsetTest {

    static final String P50 = "createSession P50 (ms)";
    static final double TOLERANCE_PERCENT = 10;

    private static int onset(String figure, boolean latestRegressed, double... runs) {
        return ChangeOnset.of(figure, Arrays.stream(runs).boxed().toList(), latestRegressed, TOLERANCE_PERCENT);
    }

    @Test
    void aStepThatHasLastedThreeRunsIsNamedAtItsFirstRunThoughTheLatestNoLongerRegresses() {
        assertEquals(10, onset(P50, false, 20, 21, 20, 19, 20, 21, 20, 20, 19, 21, 25, 24, 25));
    }

    @Test
    void aStepOfTwoRunsIsNotYetNamedUnlessTheLatestRegressed() {
        double[] runs = {20, 21, 20, 19, 20, 21, 20, 20, 19, 21, 25, 25};
        assertEquals(-1, onset(P50, false, runs));
        assertEquals(10, onset(P50, true, runs), "the regression's change began a run before it");
    }

    @Test
    void aRegressionOnItsOwnBeganWithTheLatestRun() {
        assertEquals(10, onset(P50, true, 20, 21, 20, 19, 20, 21, 20, 20, 19, 21, 25));
    }

    @Test
    void aFlatNoisySeriesHasNoChangeAndNeitherHasAnOutlierThatWentAway() {
        assertEquals(-1, onset(P50, false, 20, 22, 19, 21, 20, 18, 22, 20, 21, 19, 20, 22, 19, 21));
        assertEquals(-1, onset(P50, false, 20, 21, 20, 19, 20, 21, 20, 40, 19, 21, 20, 20, 21));
    }

    @Test
    void aSlowDriftWithinTheMarginsIsNoStep() {
        // +0.5 ms a night: never 2 ms and 10% past the band of the runs before
        assertEquals(-1, onset(P50, false, 20, 20.5, 21, 21.5, 22, 22.5, 23, 23.5, 24, 24.5, 25, 25.5, 26));
    }

    @Test
    void aKneeStepsDownAndTooFewRunsBeforeItNameNothing() {
        assertEquals(6, onset(BaselineComparison.KNEE, false, 40, 40, 37.5, 40, 40, 40, 30, 30, 32.5));
        assertEquals(-1, onset(BaselineComparison.KNEE, true, 40, 40, 40, 30), "four runs before it are no band");
    }

    @Test
    void aChangeCanBeginAtTheSixthRunTheFirstWithFiveBeforeIt() {
        assertEquals(5, onset(P50, false, 20, 20, 20, 20, 20, 30, 30, 30, 30, 30, 30, 30, 30));
    }
}
