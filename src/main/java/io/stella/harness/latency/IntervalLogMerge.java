package io.stella.harness.latency;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several runs' interval logs as one: every interval histogram of each, in start order, tags kept
 * (warm-up tags too). Reading the result gives exactly the sum of the parts (HdrHistograms add
 * without loss), so a merged folder reads like any other.
 */
public final class IntervalLogMerge {

    private IntervalLogMerge() {
    }

    /** Writes the merged log; returns how many interval histograms it holds. */
    public static int write(List<Path> intervalLogs, OutputStream out, String comment) throws FileNotFoundException {
        List<Histogram> intervals = new ArrayList<>();
        for (Path intervalLog : intervalLogs) {
            HistogramLogReader reader = new HistogramLogReader(intervalLog.toFile());
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                if (interval instanceof Histogram histogram) {
                    intervals.add(histogram);
                }
            }
        }
        intervals.sort(Comparator.comparingLong(Histogram::getStartTimeStamp));
        long base = intervals.isEmpty() ? 0 : intervals.get(0).getStartTimeStamp();
        HistogramLogWriter writer = new HistogramLogWriter(out);
        writer.outputLogFormatVersion();
        writer.outputComment(comment);
        writer.outputStartTime(base);
        writer.setBaseTime(base);
        writer.outputBaseTime(base);
        writer.outputLegend();
        intervals.forEach(writer::outputIntervalHistogram);
        writer.close();
        return intervals.size();
    }
}
