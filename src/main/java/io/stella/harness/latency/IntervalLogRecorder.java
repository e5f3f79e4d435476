package io.stella.harness.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes per-interval histograms, one tag per request name ({@value #WARM_UP_TAG_PREFIX} before it for
 * requests started in the warm-up), in HdrHistogram's interval-log format
 * ({@code HistogramLogReader} reads it back). A response lands in the interval in which it ended.
 * Responses arrive roughly in end order, so only a few recent intervals stay open: memory is flat
 * however long the run. A straggler for an interval already written goes into the oldest open one.
 */
public final class IntervalLogRecorder implements AutoCloseable {

    public static final long INTERVAL_MILLIS = 1000;
    /**
     * Tags of responses to requests that started in the warm-up: the measured window is then exactly
     * the other tags, wherever their responses ended, as summary.json's {@code measured} counts it.
     */
    public static final String WARM_UP_TAG_PREFIX = "warm-up:";
    /** Tags of the voice metrics, which are no requests: a reader keeps them out of "all". */
    public static final String VOICE_TAG_PREFIX = "voice:";
    private static final int OPEN_INTERVALS = 4;

    private final HistogramLogWriter writer;
    private final long baseEpochMillis;
    private final TreeMap<Long, Map<String, Histogram>> open = new TreeMap<>();

    public IntervalLogRecorder(OutputStream out, long baseEpochMillis, String comment) {
        this.writer = new HistogramLogWriter(out);
        this.baseEpochMillis = baseEpochMillis;
        writer.outputLogFormatVersion();
        writer.outputComment(comment);
        writer.outputComment("values in microseconds; one interval = " + INTERVAL_MILLIS + " ms; tag = request name");
        writer.outputStartTime(baseEpochMillis);
        writer.setBaseTime(baseEpochMillis);
        writer.outputBaseTime(baseEpochMillis);
        writer.outputLegend();
    }

    public void record(String tag, long endEpochMillis, long latencyMicros) {
        long interval = Math.max(0, (endEpochMillis - baseEpochMillis) / INTERVAL_MILLIS);
        if (!open.isEmpty() && interval < open.firstKey()) {
            interval = open.firstKey();
        }
        Histogram histogram = open.computeIfAbsent(interval, key -> new HashMap<>())
                .computeIfAbsent(tag, key -> newTagged(key));
        Histograms.recordMicros(histogram, latencyMicros);
        while (open.size() > OPEN_INTERVALS) {
            flush(open.pollFirstEntry());
        }
    }

    private static Histogram newTagged(String tag) {
        Histogram histogram = Histograms.newMicros();
        histogram.setTag(tag.replaceAll("[\\s,]", "_"));
        return histogram;
    }

    private void flush(Map.Entry<Long, Map<String, Histogram>> interval) {
        long startEpochMillis = baseEpochMillis + interval.getKey() * INTERVAL_MILLIS;
        interval.getValue().values().stream()
                .sorted((a, b) -> a.getTag().compareTo(b.getTag()))
                .forEach(histogram -> {
                    histogram.setStartTimeStamp(startEpochMillis);
                    histogram.setEndTimeStamp(startEpochMillis + INTERVAL_MILLIS);
                    writer.outputIntervalHistogram(histogram);
                });
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            flush(open.pollFirstEntry());
        }
        writer.close();
    }
}
