package io.stella.harness.signoff;

import io.stella.harness.latency.DegradationMeasurements;
import io.stella.harness.latency.Histograms;
import io.stella.harness.latency.LatencyWindow;
import io.stella.harness.latency.RequestStats;
import io.stella.harness.results.CapacityView;
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
        List<String> plots = new ArrayList<>();
        plots.add(spectrum(byRequest));
        plots.add(overTime(intervalLog));
        if (capacity != null) {
            plots.add(capacityCurve(capacity));
        }
        if (degradation != null) {
            plots.addAll(degradationTimeline(degradation));
        }
        return plots;
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

    static String spectrum(Map<String, RequestStats> byRequest) {
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
        return SvgChart.lines("Percentile distribution per request (measured window)", "percentile", "ms", series,
                SPECTRUM_TICKS);
    }

    /** P50 and P99 of all requests, second by second, merged from the interval log's tags. */
    static String overTime(Path intervalLog) {
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
                series, Map.of());
    }

    static String capacityCurve(CapacityView capacity) {
        List<double[]> p95 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (CapacityView.StepView step : capacity.steps()) {
            if (step.p95Millis() != null) {
                p95.add(new double[] {step.requestsPerSec(), step.p95Millis()});
                p99.add(new double[] {step.requestsPerSec(), step.p99Millis()});
            }
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("P95", p95);
        series.put("P99", p99);
        return SvgChart.lines("Capacity curve: throughput against latency, step by step", "requests per second", "ms",
                series, Map.of());
    }
}
