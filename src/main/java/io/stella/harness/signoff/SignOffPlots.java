package io.stella.harness.signoff;

import io.stella.harness.config.Threshold;
import io.stella.harness.latency.DegradationMeasurements;
import io.stella.harness.latency.Histograms;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.results.CapacityView;
import io.stella.harness.verdict.BaselineComparison;
import io.stella.harness.verdict.FigureTrend;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plots of signoff.html, as SVG: each request's percentile spectrum (measured window), latency
 * over time from the interval log, and a capacity search's throughput against P95 and P99.
 */
public final class SignOffPlots {

    /** Percentiles of the spectrum: x is -log10(1 - p/100), so 90, 99, 99.9 ... are evenly spaced. */
    static final double[] SPECTRUM = {0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};
    private static final Map<Double, String> SPECTRUM_TICKS = Map.of(0.0, "0%", 1.0, "90%", 2.0, "99%", 3.0, "99.9%", 4.0, "99.99%");

    private SignOffPlots() {
    }

    /** The plots in page order, each an SVG element; a plot with nothing to show says so. */
    public static List<String> of(Map<String, RequestStats> byRequest, Path intervalLog, CapacityView capacity) {
        return of(byRequest, intervalLog, capacity, null);
    }

    /** @param degradation the degradation phase second by second, or null when the run had none */
    public static List<String> of(Map<String, RequestStats> byRequest, Path intervalLog, CapacityView capacity,
                                  List<DegradationMeasurements.Second> degradation) {
        return of(byRequest, intervalLog, capacity, degradation, List.of());
    }

    /** @param trends the figures' trends over the history (none without one), drawn after the run's own plots */
    public static List<String> of(Map<String, RequestStats> byRequest, Path intervalLog, CapacityView capacity,
                                  List<DegradationMeasurements.Second> degradation, List<FigureTrend> trends) {
        return of(byRequest, intervalLog, capacity, degradation, trends, List.of());
    }

    /** @param thresholds the profile's thresholds, drawn where a plot shows what they limit */
    public static List<String> of(Map<String, RequestStats> byRequest, Path intervalLog, CapacityView capacity,
                                  List<DegradationMeasurements.Second> degradation, List<FigureTrend> trends,
                                  List<Threshold> thresholds) {
        List<String> plots = new ArrayList<>();
        plots.add(spectrum(byRequest, thresholds));
        plots.add(overTime(intervalLog, thresholds));
        if (capacity != null) {
            plots.add(capacityCurve(capacity, thresholds));
            plots.add(capacityErrors(capacity, thresholds));
        }
        if (degradation != null) {
            plots.addAll(degradationTimeline(degradation));
        }
        plots.addAll(trends(trends));
        return plots;
    }

    /** The most figures drawn on their own with their band and marks; the rest are in summary.json. */
    static final int MOST_FIGURE_PLOTS = 6;

    /**
     * Over the history's runs and this one: every request's P95 in one plot; then the knee, and each
     * figure that regressed or whose change is named, on its own with the band this run was judged
     * against, the run its change began with and this run, if it regressed, marked.
     */
    static List<String> trends(List<FigureTrend> trends) {
        if (trends.isEmpty()) {
            return List.of();
        }
        List<String> plots = new ArrayList<>();
        Map<String, List<double[]>> p95 = new LinkedHashMap<>();
        List<FigureTrend> onTheirOwn = new ArrayList<>();
        FigureTrend longest = trends.get(0);
        for (FigureTrend trend : trends) {
            if (trend.nights().size() > longest.nights().size()) {
                longest = trend;
            }
            if (trend.figure().endsWith(" P95 (ms)")) {
                p95.put(trend.figure().substring(0, trend.figure().length() - " P95 (ms)".length()), points(trend, 0, trend.nights().size()));
            }
            if (trend.figure().equals(BaselineComparison.KNEE) || trend.regressed() || trend.changeBegan() != null) {
                onTheirOwn.add(trend);
            }
        }
        if (!p95.isEmpty()) {
            plots.add(SvgChart.lines("Trend: P95 per request, run by run (this run last)", "run (start, UTC)", "ms", p95,
                    runTicks(longest, longest.nights().size())));
        }
        for (FigureTrend trend : onTheirOwn.subList(0, Math.min(MOST_FIGURE_PLOTS, onTheirOwn.size()))) {
            plots.add(figureTrend(trend));
        }
        return plots;
    }

    private static String figureTrend(FigureTrend trend) {
        int nights = trend.nights().size();
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put(trend.figure(), points(trend, 0, nights));
        if (trend.band() != null) {
            // the band spans the runs it was read from: those just before this one
            double from = nights - 1 - trend.band().runs();
            series.put("band high, " + trend.band().runs() + " runs", List.of(new double[] {from, trend.band().high()},
                    new double[] {nights - 1, trend.band().high()}));
            series.put("band low", List.of(new double[] {from, trend.band().low()}, new double[] {nights - 1, trend.band().low()}));
        }
        java.util.Set<String> marks = new java.util.HashSet<>();
        if (trend.changeBegan() != null) {
            series.put("change began", points(trend, trend.changeBegan(), trend.changeBegan() + 1));
            marks.add("change began");
        }
        if (trend.regressed()) {
            series.put("regressed", points(trend, nights - 1, nights));
            marks.add("regressed");
        }
        Map<Double, String> ticks = runTicks(trend, nights);
        if (trend.changeBegan() != null) {
            ticks.put((double) trend.changeBegan(), shortStart(trend.nights().get(trend.changeBegan()).runStart()));
        }
        String unit = trend.figure().equals(BaselineComparison.KNEE) ? "journeys/s"
                : trend.figure().endsWith("(%)") ? "%" : "ms";
        return SvgChart.lines("Trend: " + trend.figure() + ", run by run (this run last)", "run (start, UTC)", unit, series, ticks,
                marks);
    }

    private static List<double[]> points(FigureTrend trend, int from, int to) {
        List<double[]> points = new ArrayList<>();
        for (int night = from; night < to; night++) {
            points.add(new double[] {night, trend.nights().get(night).value()});
        }
        return points;
    }

    /** Up to six runs' starts as x ticks, the first and this run among them. */
    private static Map<Double, String> runTicks(FigureTrend trend, int nights) {
        Map<Double, String> ticks = new TreeMap<>();
        int every = Math.max(1, (int) Math.ceil((nights - 1) / 5.0));
        for (int night = 0; night < nights; night += every) {
            ticks.put((double) night, shortStart(trend.nights().get(night).runStart()));
        }
        ticks.put((double) nights - 1, "this run");
        return ticks;
    }

    /** {@code 2026-12-01T21:03:10Z} as {@code 12-01 21:03}. */
    private static String shortStart(String runStart) {
        return runStart.length() >= 16 ? runStart.substring(5, 10) + " " + runStart.substring(11, 16) : runStart;
    }

    /** Two plots of the overload and recovery, second by second: answers by outcome, and accepted answers' P99. */
    static List<String> degradationTimeline(List<DegradationMeasurements.Second> seconds) {
        Map<String, List<double[]>> counts = new LinkedHashMap<>();
        List<double[]> accepted = new ArrayList<>();
        List<double[]> refused = new ArrayList<>();
        List<double[]> failed = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (DegradationMeasurements.Second second : seconds) {
            accepted.add(new double[] {second.secondOfPhase(), second.accepted()});
            refused.add(new double[] {second.secondOfPhase(), second.refused()});
            failed.add(new double[] {second.secondOfPhase(), second.failed()});
            if (second.acceptedP99Millis() != null) {
                p99.add(new double[] {second.secondOfPhase(), second.acceptedP99Millis()});
            }
        }
        counts.put("accepted", accepted);
        counts.put("refused (429/503)", refused);
        counts.put("failed otherwise", failed);
        return List.of(
                SvgChart.lines("Degradation timeline: requests per second by outcome, from the overload's start",
                        "seconds since the overload started", "requests", counts, Map.of()),
                SvgChart.lines("Degradation timeline: P99 of accepted requests", "seconds since the overload started", "ms",
                        Map.of("accepted P99", p99), Map.of()));
    }

    /** The latency limits of {@code request} (or of every request, for null) at the given percentiles (all of them, for none). */
    private static List<SvgChart.Limit> limits(List<Threshold> thresholds, String request, double... percentiles) {
        List<SvgChart.Limit> limits = new ArrayList<>();
        for (Threshold threshold : thresholds) {
            if (threshold instanceof Threshold.PercentileLimit limit && (request == null || limit.request().equals(request))
                    && (percentiles.length == 0 || java.util.Arrays.stream(percentiles).anyMatch(p -> p == limit.percentile()))) {
                limits.add(new SvgChart.Limit("limit: " + limit.describe(), limit.maxMillis()));
            }
        }
        return limits;
    }

    static String spectrum(Map<String, RequestStats> byRequest) {
        return spectrum(byRequest, List.of());
    }

    /** Each request's spectrum; each latency limit of a drawn request (or of all) a marker at its percentile. */
    static String spectrum(Map<String, RequestStats> byRequest, List<Threshold> thresholds) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        byRequest.forEach((name, stats) -> {
            LatencyWindow window = stats.measured();
            if (window.count() > 0) {
                List<double[]> points = new ArrayList<>();
                for (double percentile : SPECTRUM) {
                    points.add(new double[] {-Math.log10(1 - percentile / 100), window.percentileMillis(percentile)});
                }
                series.put(name, points);
            }
        });
        List<SvgChart.Marker> limits = new ArrayList<>();
        for (Threshold threshold : thresholds) {
            if (threshold instanceof Threshold.PercentileLimit limit && (series.containsKey(limit.request())
                    || limit.request().equals(Threshold.ALL_REQUESTS)) && limit.percentile() < 100) {
                limits.add(new SvgChart.Marker("limit " + limit.describe(), -Math.log10(1 - limit.percentile() / 100),
                        limit.maxMillis()));
            }
        }
        return SvgChart.lines("Percentile distribution per request (measured window)", "percentile", "ms", series,
                SPECTRUM_TICKS, java.util.Set.of(), List.of(), limits);
    }

    static String overTime(Path intervalLog) {
        return overTime(intervalLog, List.of());
    }

    /**
     * P50 and P99 of all requests, second by second, merged from the interval log's tags; every latency
     * limit of all requests drawn (a P95 limit too: it lies between the two lines where it holds).
     */
    static String overTime(Path intervalLog, List<Threshold> thresholds) {
        Map<Long, Histogram> bySecond = new TreeMap<>();
        try {
            HistogramLogReader reader = new HistogramLogReader(intervalLog.toFile());
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                bySecond.computeIfAbsent(interval.getStartTimeStamp(), start -> Histograms.newMicros()).add((Histogram) interval);
            }
        } catch (FileNotFoundException e) {
            bySecond.clear();
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        if (!bySecond.isEmpty()) {
            long first = bySecond.keySet().iterator().next();
            List<double[]> p50 = new ArrayList<>();
            List<double[]> p99 = new ArrayList<>();
            bySecond.forEach((start, histogram) -> {
                double second = (start - first) / 1000.0;
                p50.add(new double[] {second, Histograms.valueAtPercentileMillis(histogram, 50, LatencyWindow.GATLING_RESOLUTION_MICROS)});
                p99.add(new double[] {second, Histograms.valueAtPercentileMillis(histogram, 99, LatencyWindow.GATLING_RESOLUTION_MICROS)});
            });
            series.put("P50", p50);
            series.put("P99", p99);
        }
        return SvgChart.lines("Latency over time, all requests (1-second intervals)", "seconds since the first interval", "ms",
                series, Map.of(), java.util.Set.of(), series.isEmpty() ? List.of() : limits(thresholds, Threshold.ALL_REQUESTS),
                List.of());
    }

    static String capacityCurve(CapacityView capacity) {
        return capacityCurve(capacity, List.of());
    }

    /**
     * Throughput against P95 and P99, the steps in order of throughput (the search's refining steps
     * ran later at rates between held and broken ones: in the order they ran the curve doubles back),
     * the limits at those percentiles drawn, the knee and each step that broke marked.
     */
    static String capacityCurve(CapacityView capacity, List<Threshold> thresholds) {
        List<CapacityView.StepView> steps = byThroughput(capacity);
        List<double[]> p95 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (CapacityView.StepView step : steps) {
            if (step.p95Millis() != null) {
                p95.add(new double[] {step.requestsPerSec(), step.p95Millis()});
                p99.add(new double[] {step.requestsPerSec(), step.p99Millis()});
            }
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("P95", p95);
        series.put("P99", p99);
        return SvgChart.lines("Capacity curve: throughput against latency, step by step", "requests per second (all requests)",
                "ms", series, Map.of(), java.util.Set.of(), limits(thresholds, null, 95, 99),
                kneeAndBreaks(capacity, steps, CapacityView.StepView::p99Millis));
    }

    /** Each step's error share against its throughput, the error-rate limits drawn, the knee and the broken steps marked. */
    static String capacityErrors(CapacityView capacity, List<Threshold> thresholds) {
        List<CapacityView.StepView> steps = byThroughput(capacity);
        List<double[]> errors = new ArrayList<>();
        for (CapacityView.StepView step : steps) {
            if (step.errorPercent() != null) {
                errors.add(new double[] {step.requestsPerSec(), step.errorPercent()});
            }
        }
        List<SvgChart.Limit> limits = new ArrayList<>();
        for (Threshold threshold : thresholds) {
            if (threshold instanceof Threshold.ErrorRateLimit limit) {
                limits.add(new SvgChart.Limit("limit: " + limit.describe(), limit.maxErrorPercent()));
            }
        }
        return SvgChart.lines("Capacity curve: error share, step by step", "requests per second (all requests)",
                "% of requests failed", Map.of("errors", errors), Map.of(), java.util.Set.of(), limits,
                kneeAndBreaks(capacity, steps, CapacityView.StepView::errorPercent));
    }

    private static List<CapacityView.StepView> byThroughput(CapacityView capacity) {
        return capacity.steps().stream().sorted(java.util.Comparator.comparingDouble(CapacityView.StepView::requestsPerSec)).toList();
    }

    /** The knee (the held step at the knee's rate) and each step that broke, at their value of {@code y}. */
    private static List<SvgChart.Marker> kneeAndBreaks(CapacityView capacity, List<CapacityView.StepView> steps,
                                                       java.util.function.Function<CapacityView.StepView, Double> y) {
        List<SvgChart.Marker> markers = new ArrayList<>();
        for (CapacityView.StepView step : steps) {
            Double value = y.apply(step);
            if (value == null) {
                continue;
            }
            if (capacity.kneeRatePerSec() != null && step.held() && step.ratePerSec() == capacity.kneeRatePerSec()) {
                markers.add(new SvgChart.Marker("knee " + io.stella.harness.config.Numbers.plain(step.ratePerSec()) + "/s", step.requestsPerSec(),
                        value));
            } else if (!step.held()) {
                markers.add(new SvgChart.Marker("broke", step.requestsPerSec(), value));
            }
        }
        return markers;
    }
}
