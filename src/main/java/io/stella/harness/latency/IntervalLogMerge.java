package io.stella.harness.latency;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Several runs' interval logs as one: every interval histogram of each, tags kept (warm-up tags too),
 * one log after the other. Reading the result gives exactly the sum of the parts (HdrHistograms add
 * without loss; readers of interval logs do not need them in time order), so a merged folder reads
 * like any other. Streamed: one interval in memory at a time, however many parts and hours.
 */
public final class IntervalLogMerge {

    private IntervalLogMerge() {
    }

    /** Writes the merged log; returns how many interval histograms it holds. */
    public static int write(List<Path> intervalLogs, OutputStream out, String comment) throws IOException {
        long base = Long.MAX_VALUE;
        for (Path intervalLog : intervalLogs) {
            try (HistogramLogReader reader = new HistogramLogReader(intervalLog.toFile())) {
                EncodableHistogram first = reader.nextIntervalHistogram();
                if (first != null) {
                    base = Math.min(base, first.getStartTimeStamp());
                }
            }
        }
        base = base == Long.MAX_VALUE ? 0 : base;
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputLogFormatVersion();
        writer.outputComment(comment);
        writer.outputStartTime(base);
        writer.setBaseTime(base);
        writer.outputBaseTime(base);
        writer.outputLegend();
        int written = 0;
        for (Path intervalLog : intervalLogs) {
            try (HistogramLogReader reader = new HistogramLogReader(intervalLog.toFile())) {
                EncodableHistogram interval;
                while ((interval = reader.nextIntervalHistogram()) != null) {
                    writer.outputIntervalHistogram(interval);
                    written++;
                }
            }
        }
        writer.close();
        return written;
    }
}
