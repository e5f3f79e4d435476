package io.stella.harness.verdict;

import io.stella.harness.config.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * One figure over the history's runs of the profile and this run: what the sign-off draws, and what
 * summary.json keeps, so that the night a change began is named where it is read.
 *
 * @param nights      the runs, oldest first, this run last (the last {@value #RUNS} at most)
 * @param band        the band this run was judged against; null with fewer than
 *                    {@value BaselineComparison#MIN_RUNS_FOR_A_BAND} runs before it
 * @param changeBegan the index in {@code nights} of the run a change began with ({@link ChangeOnset}), or null
 * @param regressed   whether this run regressed on the figure
 */
public record FigureTrend(String figure, List<Night> nights, Band band, Integer changeBegan, boolean regressed) {

    /** The runs a trend spans, at most: a month of nights. */
    public static final int RUNS = 30;

    /**
     * One run's value; {@code runStart} as the history has it (ISO-8601); {@code level}: the accepted
     * level it measured (0 before any acceptance, one more with each, {@code History.Acceptance}).
     */
    public record Night(String runStart, double value,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
                        int level) {

        public Night(String runStart, double value) {
            this(runStart, value, 0);
        }
    }

    public FigureTrend {
        nights = List.copyOf(nights);
    }

    /** The trend of {@code figure} from its earlier runs (oldest first) and this one. */
    public static FigureTrend of(String figure, List<Night> earlier, Night now, boolean regressed, double tolerancePercent) {
        return of(figure, earlier, now, regressed, tolerancePercent, 0);
    }

    /** As {@link #of(String, List, Night, boolean, double)}, the band at least {@code resolution} wide each way. */
    public static FigureTrend of(String figure, List<Night> earlier, Night now, boolean regressed, double tolerancePercent,
                                 double resolution) {
        List<Night> nights = new ArrayList<>(earlier.subList(Math.max(0, earlier.size() - (RUNS - 1)), earlier.size()));
        Band band = earlier.size() < BaselineComparison.MIN_RUNS_FOR_A_BAND ? null : Band.of(aligned(earlier), resolution);
        nights.add(now);
        int began = ChangeOnset.of(figure, aligned(nights), regressed, tolerancePercent);
        return new FigureTrend(figure, nights, band, began < 0 ? null : began, regressed);
    }

    /**
     * The values as the newest level reads them: each run's value moved by the difference between the
     * median of its level and the median of the newest. A level someone accepted is then where the band
     * centres, and the runs before it still give the band its spread: the gate holds the night after an
     * acceptance, rather than going blind until five runs of the new level exist. Without an acceptance
     * the values are as measured.
     */
    public static List<Double> aligned(List<Night> nights) {
        if (nights.isEmpty()) {
            return List.of();
        }
        java.util.Map<Integer, List<Double>> byLevel = new java.util.HashMap<>();
        nights.forEach(night -> byLevel.computeIfAbsent(night.level(), level -> new ArrayList<>()).add(night.value()));
        double newest = Band.median(byLevel.get(nights.get(nights.size() - 1).level()));
        java.util.Map<Integer, Double> shift = new java.util.HashMap<>();
        byLevel.forEach((level, values) -> shift.put(level, newest - Band.median(values)));
        return nights.stream().map(night -> night.value() + shift.get(night.level())).toList();
    }

    /**
     * The change in words, or null when none is named: {@code "createSession P50 (ms): a change began with the run of
     * 2026-12-01T21:03:10Z, 3 runs ago: 24.6 since it, band 19.8..20.6 over the 10 runs before it"}.
     */
    public String changeInWords() {
        if (changeBegan == null) {
            return null;
        }
        int latest = nights.size() - 1;
        Band before = Band.of(aligned(nights.subList(0, changeBegan)));
        List<Double> since = values(nights.subList(changeBegan, nights.size()));
        double median = Band.median(since);
        String when = changeBegan == latest ? "with this run" : "with the run of " + nights.get(changeBegan).runStart() + ", "
                + (latest - changeBegan) + (latest - changeBegan == 1 ? " run ago" : " runs ago");
        return figure + ": a change began " + when + ": " + plain(median) + (since.size() > 1 ? " (median) since it" : "")
                + ", band " + before.describe() + " over the " + before.runs() + " runs before it"
                + (regressed ? "; this run regressed" : "");
    }

    private static String plain(double value) {
        return Numbers.plain(Numbers.toThousandth(value));
    }

    static List<Double> values(List<Night> nights) {
        return nights.stream().map(Night::value).toList();
    }
}
