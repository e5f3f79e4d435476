package io.stella.harness.latency;

import io.stella.harness.config.Threshold;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a run's {@code latency.hlog} back into one window per request name (and "all"), adding the
 * 1-second interval histograms that start inside a span: exact, since HdrHistograms add without loss.
 * An interval holds the responses that ended in it, so a span's edges are whole seconds of ends.
 */
public final class IntervalLogWindows {

    private IntervalLogWindows() {
    }

    /** Windows of the intervals starting in {@code [fromEpochMillis, untilEpochMillis)}, by tag and "all". */
    public static Map<String, LatencyWindow> read(Path intervalLog, long fromEpochMillis, long untilEpochMillis)
            throws FileNotFoundException {
        Map<String, LatencyWindow> windows = new TreeMap<>();
        HistogramLogReader reader = new HistogramLogReader(intervalLog.toFile());
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null) {
            long start = interval.getStartTimeStamp();
            if (start < fromEpochMillis || start >= untilEpochMillis || !(interval instanceof Histogram histogram)) {
                continue;
            }
            String tag = histogram.getTag() == null ? "(untagged)" : histogram.getTag();
            for (String name : new String[] {tag, Threshold.ALL_REQUESTS}) {
                windows.computeIfAbsent(name, n -> new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS))
                        .addLatencies(histogram);
            }
        }
        return windows;
    }
}
