package io.stella.harness.verdict;

import io.stella.harness.config.Numbers;
import io.stella.harness.latency.LatencyWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * This run against an earlier one, figure by figure: per request P50, P95 and P99 and error rate, or
 * for a capacity search its knee and each request's percentiles at a reference step (its whole window
 * mixes the steps past the knee, refused by design; a step both runs held was offered the same load,
 * so a slower answer there is the target's, even when the knee did not move). A change is
 * a regression only when it is beyond the noise and past the tolerance: for a percentile, the two
 * confidence intervals (order statistics on each histogram) do not overlap, it grew by more than
 * {@code tolerancePercent}, and by more than
 * {@value #MIN_CHANGE_MILLIS} ms and more than one step of the samples' resolution (whole
 * milliseconds: 3 -> 4 ms is +33% and tells nothing); the intervals are at 95% for the whole family
 * of percentiles compared (Bonferroni: each at 1 - 0.05/m for m figures), so that comparing 30
 * figures does not raise a false alarm in one run of five. For an error rate, a two-proportion
 * z-test says so at 95% and it rose by more than {@value #ERROR_POINTS_TOLERANCE} percentage
 * points; for the knee (a step of the stairs, with no sampling distribution) it is at least one
 * step lower and lower by more than {@code tolerancePercent}.
 */
public final class BaselineComparison {

    static final double[] PERCENTILES = {50, 95, 99};
    public static final String KNEE = "knee (journeys/s)";
    static final String ERRORS_SUFFIX = " errors (%)";
    /** How the aggregate's figures begin: {@code all P95 (ms)}. */
    private static final String AGGREGATE = io.stella.harness.config.Threshold.ALL_REQUESTS + " ";
    /** The fewest earlier runs whose spread is a band; with fewer, the single baseline's rules decide. */
    public static final int MIN_RUNS_FOR_A_BAND = 5;
    /** The band is the spread of this many runs before this one, at most. */
    public static final int BAND_RUNS = 10;
    static final double ERROR_POINTS_TOLERANCE = 0.5;
    /** The least rise of a percentile that can be a regression, whatever its percentage. */
    static final double MIN_CHANGE_MILLIS = 2;
    /** The chance of one false alarm over all the percentiles compared, when nothing changed. */
    static final double FAMILY_ALPHA = 0.05;

    /**
     * One figure compared; {@code beyondNoise} and {@code regression} as the class says;
     * {@code changePercent} is null when the baseline was 0. {@code notGatedYet}: the single baseline's
     * rules call it a regression, but the history it is judged with is too short to tell that from the
     * runs' own spread, so it is reported and does not count ({@link #againstHistory}).
     */
    public record Change(String figure, double baseline, double current, Double changePercent, boolean beyondNoise,
                         boolean regression, String note,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
                         boolean notGatedYet) {

        public Change(String figure, double baseline, double current, Double changePercent, boolean beyondNoise,
                      boolean regression, String note) {
            this(figure, baseline, current, changePercent, beyondNoise, regression, note, false);
        }

        /** Whether the single baseline's rules found it worse, counted or not. */
        public boolean worse() {
            return regression || notGatedYet;
        }
    }

    /** A request's error count out of its answers, over the compared window. */
    public record Errors(long count, long errors) {
        double percent() {
            return count == 0 ? 0 : 100.0 * errors / count;
        }
    }

    private BaselineComparison() {
    }

    public static List<Change> compare(Map<String, LatencyWindow> baseline, Map<String, LatencyWindow> current,
                                       Map<String, Errors> baselineErrors, Map<String, Errors> currentErrors,
                                       Double baselineKnee, Double currentKnee, double tolerancePercent) {
        return compare(baseline, current, baselineErrors, currentErrors, baselineKnee, currentKnee,
                baselineKnee != null || currentKnee != null, null, tolerancePercent);
    }

    /**
     * @param capacitySearch whether the runs were capacity searches: compared on their knees and {@code referenceStep}
     * @param referenceStep  a step both searches held, compared on its percentiles; null for none
     */
    public static List<Change> compare(Map<String, LatencyWindow> baseline, Map<String, LatencyWindow> current,
                                       Map<String, Errors> baselineErrors, Map<String, Errors> currentErrors,
                                       Double baselineKnee, Double currentKnee, boolean capacitySearch,
                                       ReferenceStep referenceStep, double tolerancePercent) {
        List<Change> changes = new ArrayList<>();
        if (capacitySearch) {
            // A capacity search's whole window mixes every step, those past the knee refused by design, and how far past
            // it went changes with the refinement's path (A/A: errors 0 -> 1.3% for a knee of 40 after 41.25): its knee,
            // and its answers at a step both runs were offered alike.
            if (baselineKnee != null && currentKnee != null) {
                changes.add(knee(baselineKnee, currentKnee, tolerancePercent));
            }
            if (referenceStep != null) {
                changes.addAll(percentiles(referenceStep.baseline(), referenceStep.current(), stepSuffix(referenceStep.ratePerSec()),
                        tolerancePercent));
            }
            return changes;
        }
        changes.addAll(percentiles(baseline, current, "", tolerancePercent));
        for (Map.Entry<String, Errors> entry : currentErrors.entrySet()) {
            Errors before = baselineErrors.get(entry.getKey());
            if (before != null && before.count() > 0 && entry.getValue().count() > 0) {
                changes.add(errorRate(entry.getKey(), before, entry.getValue()));
            }
        }
        return changes;
    }

    /** A capacity search's step compared: its rate, and each request's windows there in either run. */
    public record ReferenceStep(double ratePerSec, Map<String, LatencyWindow> baseline, Map<String, LatencyWindow> current) {
    }

    /** {@code " at 40/s"}: how a figure of a capacity search's step is named after its request and percentile. */
    public static String stepSuffix(double ratePerSec) {
        return " at " + Numbers.plain(Numbers.toThousandth(ratePerSec)) + "/s";
    }

    /** Every request's P50, P95 and P99 in both, one family of intervals (Bonferroni over all of them). */
    private static List<Change> percentiles(Map<String, LatencyWindow> baseline, Map<String, LatencyWindow> current, String suffix,
                                            double tolerancePercent) {
        Map<String, LatencyWindow> compared = new java.util.LinkedHashMap<>();
        current.forEach((name, now) -> {
            LatencyWindow before = baseline.get(name);
            if (before != null && before.count() > 0 && now.count() > 0) {
                compared.put(name, now);
            }
        });
        int figures = Math.max(1, compared.size() * PERCENTILES.length);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, LatencyWindow> entry : compared.entrySet()) {
            for (double percentile : PERCENTILES) {
                Change change = percentile(entry.getKey(), percentile, baseline.get(entry.getKey()), entry.getValue(),
                        tolerancePercent, figures);
                changes.add(suffix.isEmpty() ? change : new Change(change.figure() + suffix, change.baseline(), change.current(),
                        change.changePercent(), change.beyondNoise(), change.regression(), change.note()));
            }
        }
        return changes;
    }

    /**
     * A run's figures as a comparison names them, each with the resolution it reads in: a capacity search's
     * knee (to the finest step between its rates) and its reference step's percentiles; any other run's
     * requests' percentiles (to their samples' resolution) and error rates (to one answer).
     *
     * @param kneeResolution the least difference between two rates the search ran; ignored without a knee
     */
    public static Map<String, Measured> figuresOf(Map<String, LatencyWindow> windows, Map<String, Errors> errors, Double knee,
                                                  double kneeResolution, boolean capacitySearch, Double referenceRatePerSec,
                                                  Map<String, LatencyWindow> referenceStep) {
        Map<String, Measured> figures = new java.util.LinkedHashMap<>();
        if (capacitySearch) {
            if (knee != null) {
                figures.put(KNEE, new Measured(knee, kneeResolution));
            }
            if (referenceRatePerSec != null) {
                figures.putAll(percentilesOf(referenceStep, stepSuffix(referenceRatePerSec)));
            }
            return figures;
        }
        figures.putAll(percentilesOf(windows, ""));
        figures.putAll(errorRatesOf(errors));
        return figures;
    }

    /**
     * Each request's P50, P95 and P99 over these windows, named with {@code suffix} after the percentile,
     * each with its confidence interval's lower bound at 95% for the family of them (Bonferroni).
     */
    public static Map<String, Measured> percentilesOf(Map<String, LatencyWindow> windows, String suffix) {
        long counted = windows.values().stream().filter(window -> window.count() > 0).count();
        double z = zForFamily(Math.max(1, counted * PERCENTILES.length));
        Map<String, Measured> figures = new java.util.LinkedHashMap<>();
        windows.forEach((name, window) -> {
            if (window.count() > 0) {
                for (double percentile : PERCENTILES) {
                    figures.put(name + " P" + Numbers.plain(percentile) + " (ms)" + suffix, new Measured(window.percentileMillis(percentile),
                            window.sampleResolutionMicros() / 1000.0, PercentileEstimate.of(window, percentile, z).lowMillis()));
                }
            }
        });
        return figures;
    }

    /** Each request's error rate, in percent to one answer, with its Wilson interval's lower bound for the family of them. */
    private static Map<String, Measured> errorRatesOf(Map<String, Errors> errors) {
        double z = zForFamily(Math.max(1, errors.values().stream().filter(counted -> counted.count() > 0).count()));
        Map<String, Measured> figures = new java.util.LinkedHashMap<>();
        errors.forEach((name, counted) -> {
            if (counted.count() > 0) {
                figures.put(name + ERRORS_SUFFIX, new Measured(Numbers.toThousandth(counted.percent()), 100.0 / counted.count(),
                        100 * wilsonLow(counted.errors(), counted.count(), z)));
            }
        });
        return figures;
    }

    /** The two-sided normal quantile for one of {@code figures} intervals, so that the family is at 1 - {@link #FAMILY_ALPHA}. */
    static double zForFamily(long figures) {
        return new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
                .inverseCumulativeProbability(1 - FAMILY_ALPHA / figures / 2);
    }

    /** The lower bound of the Wilson score interval of a proportion (well-behaved at 0 and with few answers). */
    static double wilsonLow(long errors, long count, double z) {
        double p = (double) errors / count;
        double z2n = z * z / count;
        double centre = p + z2n / 2;
        double spread = z * Math.sqrt(p * (1 - p) / count + z2n / (4 * count));
        return Math.max(0, (centre - spread) / (1 + z2n));
    }

    /**
     * A figure's value in this run, the least step it reads in (a band is never narrower on either side), and
     * {@code bestCase}: the bound of this run's own confidence interval on the better side (the lowest a
     * percentile or an error rate may truly be), or null when its samples are too few to bound it.
     */
    public record Measured(double value, double resolution, Double bestCase) {

        /** A figure read exactly (a knee: a step of the stairs, no sample). */
        public Measured(double value, double resolution) {
            this(value, resolution, value);
        }
    }

    private static Change knee(double baselineKnee, double currentKnee, double tolerancePercent) {
        double change = percentChange(baselineKnee, currentKnee); // the knee is never 0: it is a step that held
        boolean lower = currentKnee < baselineKnee;
        return new Change(KNEE, baselineKnee, currentKnee, change, lower, lower && -change > tolerancePercent,
                lower ? "at least one step lower" : "not lower");
    }

    /**
     * One of {@code figures} percentiles compared: its intervals are at 1 - {@link #FAMILY_ALPHA} / figures
     * (Bonferroni), so that over all of them a false alarm is no likelier than {@link #FAMILY_ALPHA}.
     */
    static Change percentile(String request, double percentile, LatencyWindow before, LatencyWindow now, double tolerancePercent,
                             int figures) {
        double alpha = FAMILY_ALPHA / figures;
        double z = zForFamily(figures);
        PercentileEstimate was = PercentileEstimate.of(before, percentile, z);
        PercentileEstimate is = PercentileEstimate.of(now, percentile, z);
        double change = percentChange(Math.max(was.valueMillis(), 1), is.valueMillis()); // whole ms: 0 ms reads as 1
        boolean slowerBeyondNoise = was.highMillis() != null && is.lowMillis() != null && is.lowMillis() > was.highMillis();
        boolean fasterBeyondNoise = was.lowMillis() != null && is.highMillis() != null && is.highMillis() < was.lowMillis();
        double leastChangeMillis = Math.max(MIN_CHANGE_MILLIS, Math.max(before.sampleResolutionMicros(), now.sampleResolutionMicros()) / 1000.0);
        boolean largeEnough = is.valueMillis() - was.valueMillis() > leastChangeMillis;
        String note = Numbers.plain(Numbers.toThousandth(100 * (1 - alpha))) + "% CI " + interval(was) + " -> " + interval(is)
                + (slowerBeyondNoise && !largeEnough ? "; not over " + Numbers.plain(leastChangeMillis) + " ms: no regression by itself" : "");
        return new Change(request + " P" + Numbers.plain(percentile) + " (ms)", was.valueMillis(), is.valueMillis(), change,
                slowerBeyondNoise || fasterBeyondNoise, slowerBeyondNoise && largeEnough && change > tolerancePercent, note);
    }

    /**
     * The figures of this run judged against the good runs before it. A figure with at least
     * {@value #MIN_RUNS_FOR_A_BAND} of them: its {@link Band} is read from the last {@value #BAND_RUNS}
     * (median and robust spread, at least the figure's resolution each way), and it regresses when it
     * leaves the band on the worse side, worse than the band's median by more than {@code tolerancePercent}
     * and by more than the least change that counts (a percentile {@value #MIN_CHANGE_MILLIS} ms, an
     * error rate {@value #ERROR_POINTS_TOLERANCE} points, the knee any amount), and this run's own
     * confidence interval lies outside the band too (a P99 of a few hundred answers is their third
     * slowest: measured, one A/A night's P99 at a step left a band by 31% with an interval of 30..? ms),
     * whatever the single baseline says: the night after a regression, the baseline is the regressed night itself, and a
     * lasting slowdown would read GO against it. The spread of earlier runs holds what two runs on a
     * shared machine differ by anyway, which one run's sampling interval does not. A slow drift that stays
     * within the band, night by night, is not a regression: the trend shows it.
     * <p>
     * A figure with fewer earlier runs is not gated yet: a single baseline's regression is kept as
     * {@link Change#notGatedYet()}, reported and not counted. Whoever asks for a history asks to be
     * judged against the runs' spread, and before it exists one run against one other cries wolf
     * (measured: a createSession P50 of 27 then 31 ms on an unchanged target, the shared machine
     * shifting between two runs, CIs apart). A bare {@code -Dbaseline} still gates from the first run.
     *
     * @param single          the changes against the single baseline (none without one)
     * @param current         this run's figures ({@link #figuresOf})
     * @param earlierByFigure each figure's good earlier runs, oldest first, with their levels
     */
    public static List<Change> againstHistory(List<Change> single, Map<String, Measured> current,
                                              Map<String, List<FigureTrend.Night>> earlierByFigure, double tolerancePercent) {
        Map<String, Change> byFigure = new java.util.LinkedHashMap<>();
        single.forEach(change -> byFigure.put(change.figure(), change));
        java.util.Set<String> names = new java.util.LinkedHashSet<>(byFigure.keySet()); // the single baseline's order first
        names.addAll(current.keySet());
        List<Change> judged = new ArrayList<>();
        for (String name : names) {
            Change change = byFigure.get(name);
            Measured now = current.get(name);
            List<FigureTrend.Night> earlier = earlierByFigure.getOrDefault(name, List.of());
            if (now != null && earlier.size() >= MIN_RUNS_FOR_A_BAND) {
                judged.add(againstBand(name, now, change, earlier, tolerancePercent));
            } else if (change != null) {
                judged.add(!change.regression() ? change : new Change(change.figure(), change.baseline(), change.current(),
                        change.changePercent(), change.beyondNoise(), false, change.note() + "; not gated yet: "
                        + earlier.size() + " of " + MIN_RUNS_FOR_A_BAND + " earlier runs", true));
            }
        }
        return judged;
    }

    private static Change againstBand(String figure, Measured now, Change single, List<FigureTrend.Night> earlier,
                                      double tolerancePercent) {
        Band band = Band.of(FigureTrend.aligned(earlier), now.resolution());
        boolean outside = band.outside(figure, now.value());
        boolean beyondOwnNoise = now.bestCase() != null && band.outside(figure, now.bestCase());
        String note = "band of the last " + band.runs() + " runs " + band.describe() + (outside ? ", outside it" : ", within it")
                + (outside && !beyondOwnNoise ? " but for this run's own sampling noise (at best " + (now.bestCase() == null
                ? "unknown: too few samples" : Numbers.plain(Numbers.toThousandth(now.bestCase()))) + ")" : "");
        double before = single != null ? single.baseline() : band.median();
        Double changePercent = single != null ? single.changePercent() : before == 0 ? null : percentChange(before, now.value());
        return new Change(figure, before, now.value(), changePercent, outside,
                beyondOwnNoise && band.leftBy(figure, now.value(), tolerancePercent), single == null ? note : single.note() + "; " + note);
    }

    /**
     * The aggregate {@code all} holds every request's answers, so when a named request regressed, a
     * regression of {@code all} of the same kind (a percentile, or the error rate) is that request
     * seen again: it stays in the comparison with a note saying so and does not count a second time.
     * With no named request regressed, a regression of {@code all} stands: a slowdown spread thinly
     * over many requests. A regression not gated yet counts as one here, for the same reason.
     */
    public static List<Change> withTheAggregateAttributed(List<Change> changes) {
        List<String> latency = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Change change : changes) {
            if (change.worse() && !change.figure().startsWith(AGGREGATE) && !change.figure().equals(KNEE)) {
                (change.figure().endsWith(ERRORS_SUFFIX) ? errors : latency).add(change.figure());
            }
        }
        List<Change> attributed = new ArrayList<>();
        for (Change change : changes) {
            List<String> explaining = change.figure().endsWith(ERRORS_SUFFIX) ? errors : latency;
            if (change.worse() && change.figure().startsWith(AGGREGATE) && !explaining.isEmpty()) {
                attributed.add(new Change(change.figure(), change.baseline(), change.current(), change.changePercent(),
                        change.beyondNoise(), false, change.note() + "; holds " + String.join(", ", explaining)
                        + ", which regressed: not counted again"));
            } else {
                attributed.add(change);
            }
        }
        return attributed;
    }

    /** The knee is worse lower; every other figure compared (a percentile, an error rate) higher. */
    public static boolean lowerIsWorse(String figure) {
        return figure.equals(KNEE);
    }

    /** The least change of a figure that can count against a band: any for the knee, half a point of errors, 2 ms. */
    static double leastChange(String figure) {
        return figure.equals(KNEE) ? 0 : figure.endsWith(ERRORS_SUFFIX) ? ERROR_POINTS_TOLERANCE : MIN_CHANGE_MILLIS;
    }

    static Change errorRate(String request, Errors before, Errors now) {
        double pooled = (double) (before.errors() + now.errors()) / (before.count() + now.count());
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / before.count() + 1.0 / now.count()));
        double z = standardError == 0 ? 0 : (now.percent() - before.percent()) / 100.0 / standardError;
        boolean beyondNoise = Math.abs(z) > PercentileEstimate.Z_95;
        double points = now.percent() - before.percent();
        return new Change(request + ERRORS_SUFFIX, Numbers.toThousandth(before.percent()), Numbers.toThousandth(now.percent()),
                before.percent() == 0 ? null : percentChange(before.percent(), now.percent()), beyondNoise,
                beyondNoise && points > ERROR_POINTS_TOLERANCE, "z = " + Numbers.plain(Numbers.toThousandth(z)));
    }

    private static double percentChange(double before, double now) {
        return Numbers.toThousandth(100.0 * (now - before) / before);
    }

    private static String interval(PercentileEstimate estimate) {
        return (estimate.lowMillis() == null ? "?" : Numbers.plain(estimate.lowMillis())) + ".."
                + (estimate.highMillis() == null ? "?" : Numbers.plain(estimate.highMillis()));
    }
}
