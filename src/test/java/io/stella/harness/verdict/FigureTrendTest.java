package io.stella.harness.verdict;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Given a figure's earlier runs and this one, expect its trend: the last runs, the band, and the change in words. */
class FigureTrendTest {

    private static List<FigureTrend.Night> nights(double... values) {
        List<FigureTrend.Night> nights = new ArrayList<>();
        for (int night = 0; night < values.length; night++) {
            nights.add(new FigureTrend.Night(String.format("2026-11-%02dT02:00:00Z", night + 1), values[night]));
        }
        return nights;
    }

    @Test
    void aStepThreeRunsAgoIsNamedByTheRunItBeganWith() {
        FigureTrend trend = FigureTrend.of("createSession P50 (ms)", nights(20, 21, 20, 19, 20, 21, 20, 20, 19, 21, 25, 24),
                new FigureTrend.Night("2026-11-13T02:00:00Z", 25), false, 10);

        assertEquals(13, trend.nights().size());
        assertEquals("15.55..24.45 (median 20)", trend.band().describe(), "the band this run was judged against: the 10 runs before it");
        assertEquals(10, trend.band().runs());
        assertEquals(10, trend.changeBegan());
        assertEquals("createSession P50 (ms): a change began with the run of 2026-11-11T02:00:00Z, 2 runs ago: 25 (median) since it,"
                + " band 17.78..22.22 (median 20) over the 10 runs before it", trend.changeInWords());
    }

    @Test
    void aRegressionThatBeganWithThisRunSaysSo() {
        FigureTrend trend = FigureTrend.of("createSession P50 (ms)", nights(20, 21, 20, 19, 20, 21),
                new FigureTrend.Night("2026-11-07T02:00:00Z", 26), true, 10);

        assertEquals("createSession P50 (ms): a change began with this run: 26, band 17.78..22.22 (median 20) over the 6 runs before it;"
                + " this run regressed", trend.changeInWords());
    }

    @Test
    void aTrendKeepsTheLastThirtyRunsAndFewerThanFiveEarlierHaveNoBand() {
        double[] many = new double[40];
        java.util.Arrays.fill(many, 20);
        FigureTrend month = FigureTrend.of("token P95 (ms)", nights(many), new FigureTrend.Night("now", 20), false, 10);
        assertEquals(FigureTrend.RUNS, month.nights().size());
        assertEquals("2026-11-12T02:00:00Z", month.nights().get(0).runStart());
        assertNull(month.changeInWords());

        FigureTrend young = FigureTrend.of("token P95 (ms)", nights(20, 20, 20, 20), new FigureTrend.Night("now", 40), true, 10);
        assertNull(young.band());
        assertNull(young.changeBegan());
    }
}
