package io.stella.harness.latency;

import io.stella.harness.config.Threshold;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a run's {@code latency.hlog} back into the measured window of each request name (and "all"):
 * every interval histogram not tagged as warm-up, added together. Exact, since HdrHistograms add
 * without loss, and the same requests summary.json's {@code measured} counts (those started after
 * the warm-up), wherever their responses ended.
 */
public final class IntervalLogWindows {

    private IntervalLogWindows() {
    }

    /**
     * The measured window by tag and "all". Voice metrics (tags {@value IntervalLogRecorder#VOICE_TAG_PREFIX}name)
     * come under their own names and stay out of "all", which is the requests'.
     */
    public static Map<String, LatencyWindow> readMeasured(Path intervalLog) throws IOException {
        Map<String, LatencyWindow> windows = new TreeMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(intervalLog.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (!(interval instanceof Histogram histogram)) {
                    continue;
                }
                String tag = histogram.getTag() == null ? "(untagged)" : histogram.getTag();
                if (tag.startsWith(IntervalLogRecorder.WARM_UP_TAG_PREFIX)) {
                    continue;
                }
                windows.computeIfAbsent(tag, n -> new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS)).addLatencies(histogram);
            }
        }
        Map<String, LatencyWindow> voice = new TreeMap<>();
        windows.keySet().removeIf(tag -> {
            if (tag.startsWith(IntervalLogRecorder.VOICE_TAG_PREFIX)) {
                voice.put(tag.substring(IntervalLogRecorder.VOICE_TAG_PREFIX.length()), windows.get(tag));
                return true;
            }
            return false;
        });
        // "all" from the tags' sums, not interval by interval: adding costs the same for a sparse
        // interval as for a full window, and this halves the adds (the top cost of a large merge).
        LatencyWindow all = new LatencyWindow(LatencyWindow.GATLING_RESOLUTION_MICROS);
        windows.values().forEach(window -> all.addLatencies(window.latencyMicros()));
        if (!windows.isEmpty()) {
            windows.put(Threshold.ALL_REQUESTS, all);
        }
        windows.putAll(voice);
        return windows;
    }
}
