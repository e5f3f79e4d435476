package io.stella.harness.verdict;

import io.stella.harness.latency.LatencyWindow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given the histograms, error counts and knees of two runs, expect only changes beyond the noise and
 * past the tolerance to count as regressions.
 */
class BaselineComparisonTest {

    static final double TOLERANCE_PERCENT = 10;

    @Test
    void aClearSlowdownOnManySamplesIsARegression() {
        List<BaselineComparison.Change> changes = compare(window(2000, 10), window(2000, 14));

        BaselineComparison.Change p99 = find(changes, "createSession P99 (ms)");
        assertEquals(10, p99.baseline());
        assertEquals(14, p99.current());
        assertEquals(40, p99.changePercent());
        assertTrue(p99.beyondNoise());
        assertTrue(p99.regression(), p99.toString());
    }

    @Test
    void theSameSlowdownOnTooFewSamplesIsNotProvenAndSoNoRegression() {
        // 20 samples cannot bound a P99 from above: the intervals cannot be shown apart.
        BaselineComparison.Change p99 = find(compare(window(20, 10), window(20, 14)), "createSession P99 (ms)");

        assertFalse(p99.beyondNoise(), p99.toString());
        assertFalse(p99.regression());
    }

    @Test
    void aChangeBeyondTheNoiseButWithinTheToleranceIsNoRegression() {
        BaselineComparison.Change p50 = find(compare(window(5000, 100), window(5000, 105)), "createSession P50 (ms)");

        assertTrue(p50.beyondNoise(), p50.toString());
        assertEquals(5, p50.changePercent());
        assertFalse(p50.regression());
    }

    @Test
    void oneMillisecondAtThreeIsNoRegressionThoughItIsThirtyThreePercentAndBeyondTheIntervals() {
        // Whole-millisecond samples: 3 -> 4 ms is one step of the resolution; the nightly false alarm of issue 19.
        BaselineComparison.Change p50 = find(compare(window(5000, 3), window(5000, 4)), "createSession P50 (ms)");

        assertTrue(p50.beyondNoise(), p50.toString());
        assertEquals(33.333, p50.changePercent());
        assertFalse(p50.regression(), p50.toString());
        assertTrue(p50.note().endsWith("not over 2 ms: no regression by itself"), p50.note());
    }

    @Test
    void threeMillisecondsMoreAtThreeIsARegression() {
        assertTrue(find(compare(window(5000, 3), window(5000, 6)), "createSession P50 (ms)").regression());
    }

    @Test
    void theIntervalsWidenWithTheNumberOfFiguresComparedSoThatThirtyDoNotRaiseAFalseAlarmInOneRunOfFive() {
        // 400 samples spread evenly over 100..199 ms, then the same 12 ms slower: apart at 95% for one figure,
        // not at 99.83% (95% over 30 figures, Bonferroni).
        LatencyWindow before = spread(400, 100);
        LatencyWindow now = spread(400, 112);

        BaselineComparison.Change alone = BaselineComparison.percentile("createSession", 50, before, now, TOLERANCE_PERCENT / 2, 1);
        BaselineComparison.Change amongThirty = BaselineComparison.percentile("createSession", 50, before, now, TOLERANCE_PERCENT / 2, 30);

        assertTrue(alone.regression(), alone.toString());
        assertTrue(alone.note().startsWith("95% CI"), alone.note());
        assertFalse(amongThirty.beyondNoise(), amongThirty.toString());
        assertTrue(amongThirty.note().startsWith("99.833% CI"), amongThirty.note());
    }

    @Test
    void aFasterRunIsBeyondNoiseButNeverARegression() {
        BaselineComparison.Change p95 = find(compare(window(2000, 20), window(2000, 10)), "createSession P95 (ms)");

        assertTrue(p95.beyondNoise());
        assertFalse(p95.regression());
    }

    @Test
    void anErrorRateRiseIsARegressionWhenSignificantAndOverHalfAPoint() {
        Map<String, BaselineComparison.Errors> before = Map.of("all", new BaselineComparison.Errors(10_000, 10));
        Map<String, BaselineComparison.Errors> significant = Map.of("all", new BaselineComparison.Errors(10_000, 200));
        Map<String, BaselineComparison.Errors> tiny = Map.of("all", new BaselineComparison.Errors(10_000, 14));

        BaselineComparison.Change rise = find(BaselineComparison.compare(Map.of(), Map.of(), before, significant, null, null,
                TOLERANCE_PERCENT), "all errors (%)");
        BaselineComparison.Change noise = find(BaselineComparison.compare(Map.of(), Map.of(), before, tiny, null, null,
                TOLERANCE_PERCENT), "all errors (%)");

        assertTrue(rise.regression(), rise.toString());
        assertFalse(noise.beyondNoise(), noise.toString());
        assertFalse(noise.regression());
    }

    @Test
    void aKneeAStepLowerBeyondTheToleranceIsARegression() {
        BaselineComparison.Change lower = find(BaselineComparison.compare(Map.of(), Map.of(), Map.of(), Map.of(), 50.0, 40.0,
                TOLERANCE_PERCENT), "knee (journeys/s)");
        BaselineComparison.Change same = find(BaselineComparison.compare(Map.of(), Map.of(), Map.of(), Map.of(), 50.0, 50.0,
                TOLERANCE_PERCENT), "knee (journeys/s)");

        assertTrue(lower.regression());
        assertEquals(-20, lower.changePercent());
        assertFalse(same.regression());
    }

    @Test
    void anErrorRateFromZeroHasNoPercentChange() {
        BaselineComparison.Change change = find(BaselineComparison.compare(Map.of(), Map.of(),
                Map.of("all", new BaselineComparison.Errors(1000, 0)), Map.of("all", new BaselineComparison.Errors(1000, 50)),
                null, null, TOLERANCE_PERCENT), "all errors (%)");

        assertNull(change.changePercent());
        assertTrue(change.regression(), change.toString());
    }

    private static final String P99 = "createSession P99 (ms)";

    /** A P99 the single baseline flagged (100 -> current ms), judged again against the nights before it. */
    private static BaselineComparison.Change againstNights(double current, double... nights) {
        BaselineComparison.Change flagged = new BaselineComparison.Change(P99, 100, current,
                current - 100, true, true, "95% CI 99..101 -> " + current);
        return BaselineComparison.againstHistory(List.of(flagged), measured(P99, current, 1), Map.of(P99, nights(nights)),
                TOLERANCE_PERCENT).get(0);
    }

    /** This run's one figure, read in steps of {@code resolution}. */
    private static Map<String, BaselineComparison.Measured> measured(String figure, double value, double resolution) {
        return Map.of(figure, new BaselineComparison.Measured(value, resolution));
    }

    /** Nights of one level (none accepted), a day apart. */
    private static List<FigureTrend.Night> nights(double... values) {
        List<FigureTrend.Night> nights = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            nights.add(new FigureTrend.Night("2026-11-" + (10 + i) + "T02:00:00Z", values[i]));
        }
        return nights;
    }

    @Test
    void aFlatNoisySeriesRaisesNoAlarmWhereTheSingleBaselineDid() {
        BaselineComparison.Change change = againstNights(110, 100, 104, 97, 103, 99, 101, 105, 96, 102, 98);

        assertFalse(change.regression(), change.toString());
        assertEquals("95% CI 99..101 -> 110.0; band of the last 10 runs 89.38..111.62 (median 100.5), within it", change.note());
    }

    @Test
    void aStepBeyondTheBandByMoreThanTheToleranceIsARegression() {
        BaselineComparison.Change change = againstNights(125, 100, 104, 97, 103, 99, 101, 105, 96, 102, 98);

        assertTrue(change.regression(), change.toString());
    }

    @Test
    void oneDisturbedNightDoesNotBlindTheBandToAStepAfterIt() {
        // bench/nightly.sh, 2026-12-01: a night at 46 among 28..30 (and a cold first one at 33); then createSession 20% slower
        BaselineComparison.Change change = againstNights(35, 33, 46, 29, 30, 29, 29, 29, 28, 29, 28);

        assertTrue(change.regression(), change.toString());
        assertEquals("95% CI 99..101 -> 35.0; band of the last 10 runs 26.78..31.22 (median 29), outside it", change.note());
    }

    @Test
    void aSlowDriftWithinTheBandIsNoRegressionNightByNight() {
        // +2 ms a night: each night a little above the last, never outside the band of the nights before it (the trend shows it)
        assertFalse(againstNights(120, 100, 102, 104, 106, 108, 110, 112, 114, 116, 118).regression());
    }

    @Test
    void theBandIsTheLastTenRunsAndBeforeFiveASingleBaselinesRegressionIsReportedNotGated() {
        assertTrue(againstNights(125, 200, 200, 100, 104, 97, 103, 99, 101, 105, 96, 102, 98).regression(), "older nights fall out");

        BaselineComparison.Change fewNights = againstNights(110, 100, 104, 97, 103);
        assertFalse(fewNights.regression(), fewNights.toString());
        assertTrue(fewNights.notGatedYet(), fewNights.toString());
        assertEquals("95% CI 99..101 -> 110.0; not gated yet: 4 of 5 earlier runs", fewNights.note());

        BaselineComparison.Change firstNight = againstNights(110);
        assertTrue(firstNight.notGatedYet() && !firstNight.regression(), firstNight.toString());
        assertEquals("95% CI 99..101 -> 110.0; not gated yet: 0 of 5 earlier runs", firstNight.note());
    }

    @Test
    void aChangeTheSingleBaselineDoesNotCallARegressionIsNotMarkedNotGatedEither() {
        BaselineComparison.Change within = new BaselineComparison.Change("token P50 (ms)", 3, 4, 33.33, true, false, "one step");

        BaselineComparison.Change judged = BaselineComparison.againstHistory(List.of(within), measured("token P50 (ms)", 4, 1),
                Map.of(), TOLERANCE_PERCENT).get(0);

        assertFalse(judged.regression() || judged.notGatedYet(), judged.toString());
        assertEquals("one step", judged.note());
    }

    @Test
    void onceABandExistsAFigureOutsideItRegressesWhateverTheSingleBaselineSays() {
        // the second slowed night: its baseline is the first (42 -> 42, no change), its band the good nights before (30)
        BaselineComparison.Change unchanged = new BaselineComparison.Change(P99, 42, 42, 0.0, false, false, "95% CI 41..43 -> 41..43");

        BaselineComparison.Change judged = BaselineComparison.againstHistory(List.of(unchanged), measured(P99, 42, 1),
                Map.of(P99, nights(30, 31, 30, 29, 30, 31)), TOLERANCE_PERCENT).get(0);

        assertTrue(judged.regression(), judged.toString());
        assertEquals("95% CI 41..43 -> 41..43; band of the last 6 runs 27.78..32.22 (median 30), outside it", judged.note());
    }

    @Test
    void aFigureOutsideTheBandOnlyByItsOwnSamplingNoiseIsNoRegression() {
        // bench/nightly.sh, first version of the rule: seven A/A nights, then createSession P99 at 50/s read 38 ms, its 99.79% CI 30..?
        BaselineComparison.Change noisy = BaselineComparison.againstHistory(List.of(),
                Map.of(P99, new BaselineComparison.Measured(38, 1, 30.0)), Map.of(P99, nights(31, 30, 33, 32, 35, 33, 29)),
                TOLERANCE_PERCENT).get(0);
        BaselineComparison.Change tooFew = BaselineComparison.againstHistory(List.of(),
                Map.of(P99, new BaselineComparison.Measured(60, 1, null)), Map.of(P99, nights(31, 30, 33, 32, 35, 33, 29)),
                TOLERANCE_PERCENT).get(0);

        assertTrue(noisy.beyondNoise() && !noisy.regression(), noisy.toString());
        assertEquals("band of the last 7 runs 27.55..36.45 (median 32), outside it but for this run's own sampling noise (at best 30)",
                noisy.note());
        assertFalse(tooFew.regression(), tooFew.toString());
    }

    @Test
    void withoutABaselineAFigureIsJudgedOnTheBandAloneAgainstItsMedian() {
        BaselineComparison.Change judged = BaselineComparison.againstHistory(List.of(), measured(P99, 42, 1),
                Map.of(P99, nights(30, 31, 30, 29, 30, 31)), TOLERANCE_PERCENT).get(0);

        assertTrue(judged.regression(), judged.toString());
        assertEquals(30, judged.baseline());
        assertEquals(40, judged.changePercent());
    }

    @Test
    void anAcceptedLevelCentresTheBandWhileTheNightsBeforeItKeepGivingItsSpread() {
        List<FigureTrend.Night> nights = new java.util.ArrayList<>(nights(30, 31, 30, 29, 30, 31));
        nights.add(new FigureTrend.Night("2026-11-20T02:00:00Z", 42, 1)); // the two slowed nights, accepted
        nights.add(new FigureTrend.Night("2026-11-21T02:00:00Z", 43, 1));

        BaselineComparison.Change sameLevel = BaselineComparison.againstHistory(List.of(), measured(P99, 43, 1), Map.of(P99, nights),
                TOLERANCE_PERCENT).get(0);
        BaselineComparison.Change higherStill = BaselineComparison.againstHistory(List.of(), measured(P99, 52, 1), Map.of(P99, nights),
                TOLERANCE_PERCENT).get(0);

        assertFalse(sameLevel.regression(), sameLevel.toString());
        assertEquals(42.5, sameLevel.baseline(), "the band centres on the accepted level");
        assertTrue(higherStill.regression(), "the gate holds the night after an acceptance: " + higherStill);
    }

    @Test
    void aKneeThatReadTheSameEveryNightHasABandAsWideAsTheSearchsFinestStep() {
        BaselineComparison.Change oneStepLower = BaselineComparison.againstHistory(List.of(), measured(BaselineComparison.KNEE, 40.625, 0.625),
                Map.of(BaselineComparison.KNEE, nights(41.25, 41.25, 41.25, 41.25, 41.25)), TOLERANCE_PERCENT).get(0);

        assertFalse(oneStepLower.beyondNoise(), "one step of the search is within the band: " + oneStepLower);
        assertEquals("band of the last 5 runs 40.63..41.88 (median 41.25), within it", oneStepLower.note());
    }

    @Test
    void aKneeBelowTheBandIsARegressionAndOneWithinItIsNot() {
        Map<String, List<FigureTrend.Night>> knees = Map.of(BaselineComparison.KNEE, nights(50.0, 50.0, 45.0, 50.0, 50.0));

        BaselineComparison.Change lower = BaselineComparison.againstHistory(List.of(), measured(BaselineComparison.KNEE, 40, 5),
                knees, TOLERANCE_PERCENT).get(0);
        BaselineComparison.Change within = BaselineComparison.againstHistory(List.of(), measured(BaselineComparison.KNEE, 45, 5),
                knees, TOLERANCE_PERCENT).get(0);

        assertTrue(lower.regression(), lower.toString());
        assertFalse(within.regression(), within.toString());
    }

    @Test
    void allsRegressionIsTheRegressedRequestSeenAgainAndStandsOnlyWhenNoRequestExplainsIt() {
        BaselineComparison.Change create = new BaselineComparison.Change("createSession P50 (ms)", 29, 35, 20.69, true, true, "band");
        BaselineComparison.Change all = new BaselineComparison.Change("all P95 (ms)", 31, 37, 19.35, true, true, "band 30..32");
        BaselineComparison.Change allErrors = new BaselineComparison.Change("all errors (%)", 0, 2, null, true, true, "z = 4");

        List<BaselineComparison.Change> attributed = BaselineComparison.withTheAggregateAttributed(List.of(create, all, allErrors));

        assertTrue(attributed.get(0).regression());
        assertFalse(attributed.get(1).regression(), attributed.get(1).toString());
        assertEquals("band 30..32; holds createSession P50 (ms), which regressed: not counted again", attributed.get(1).note());
        assertTrue(attributed.get(2).regression(), "no request's errors rose: all's error rate stands on its own");
        assertTrue(BaselineComparison.withTheAggregateAttributed(List.of(all)).get(0).regression(), "a slowdown spread over many");
    }

    @Test
    void beforeABandExistsAllIsAttributedToARequestNotGatedYetAsWell() {
        List<BaselineComparison.Change> firstNight = BaselineComparison.againstHistory(List.of(
                new BaselineComparison.Change("createSession P50 (ms)", 29, 35, 20.69, true, true, "CIs apart"),
                new BaselineComparison.Change("all P95 (ms)", 31, 37, 19.35, true, true, "CIs apart")),
                Map.of("createSession P50 (ms)", new BaselineComparison.Measured(35, 1),
                        "all P95 (ms)", new BaselineComparison.Measured(37, 1)), Map.of(), TOLERANCE_PERCENT);

        List<BaselineComparison.Change> attributed = BaselineComparison.withTheAggregateAttributed(firstNight);

        assertTrue(attributed.get(0).notGatedYet(), attributed.get(0).toString());
        assertFalse(attributed.get(1).notGatedYet() || attributed.get(1).regression(), attributed.get(1).toString());
    }

    private static List<BaselineComparison.Change> compare(LatencyWindow before, LatencyWindow now) {
        return BaselineComparison.compare(Map.of("createSession", before), Map.of("createSession", now), Map.of(), Map.of(),
                null, null, TOLERANCE_PERCENT);
    }

    /** {@code count} samples spread evenly over 100 ms from {@code fromMillis}. */
    private static LatencyWindow spread(int count, long fromMillis) {
        LatencyWindow window = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
        for (int i = 0; i < count; i++) {
            window.record((fromMillis + i * 100L / count) * 1000, null);
        }
        return window;
    }

    /** {@code count} samples all at one value: a distribution whose every percentile is that value. */
    private static LatencyWindow window(int count, long millis) {
        LatencyWindow window = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
        for (int i = 0; i < count; i++) {
            window.record(millis * 1000, null);
        }
        return window;
    }

    private static BaselineComparison.Change find(List<BaselineComparison.Change> changes, String figure) {
        return changes.stream().filter(change -> change.figure().equals(figure)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + figure + " in " + changes));
    }
}
