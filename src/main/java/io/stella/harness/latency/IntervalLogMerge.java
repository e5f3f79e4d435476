package io.stella.harness.latency;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several runs' interval logs as one: every interval of each, tags kept (warm-up tags too), one log
 * after the other, under the earliest part's base time. Reading the result gives exactly the sum of
 * the parts (readers of interval logs do not need them in time order), so a merged folder reads like
 * any other. Each interval line is copied as it is with its start time moved onto the common base:
 * the compressed histogram is never decoded and encoded again (that was most of a large merge's time,
 * see BENCHMARKS.md), and only one line is in memory at a time.
 */
public final class IntervalLogMerge {

    private static final Pattern BASE_TIME = Pattern.compile("#\\[BaseTime: (\\d+(?:\\.\\d+)?) ");
    // [Tag=<tag>,]<start seconds>,<rest>: the start is relative to the log's base time
    private static final Pattern INTERVAL = Pattern.compile("((?:Tag=[^,]*,)?)(\\d+(?:\\.\\d+)?),(.*)");

    private IntervalLogMerge() {
    }

    /** Writes the merged log; returns how many interval histograms it holds. */
    public static int write(List<Path> intervalLogs, OutputStream out, String comment) throws IOException {
        List<BigDecimal> bases = new ArrayList<>();
        for (Path intervalLog : intervalLogs) {
            bases.add(baseTimeSec(intervalLog));
        }
        BigDecimal base = bases.stream().min(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII));
        writer.write("#[Histogram log format version 1.3]\n");
        writer.write("#" + comment.replace('\n', ' ') + "\n");
        writer.write("#[StartTime: " + base.toPlainString() + " (seconds since epoch)]\n");
        writer.write("#[BaseTime: " + base.toPlainString() + " (seconds since epoch)]\n");
        writer.write("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n");
        int written = 0;
        for (int part = 0; part < intervalLogs.size(); part++) {
            BigDecimal shift = bases.get(part).subtract(base);
            try (BufferedReader reader = Files.newBufferedReader(intervalLogs.get(part), StandardCharsets.US_ASCII)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    Matcher interval = INTERVAL.matcher(line);
                    if (line.startsWith("#") || line.startsWith("\"") || !interval.matches()) {
                        continue;
                    }
                    BigDecimal start = new BigDecimal(interval.group(2)).add(shift);
                    writer.write(interval.group(1) + start.setScale(3, RoundingMode.HALF_UP).toPlainString()
                            + "," + interval.group(3) + "\n");
                    written++;
                }
            }
        }
        writer.flush();
        return written;
    }

    /** The log's base time in seconds since the epoch, as written by HdrHistogram's log writer. */
    private static BigDecimal baseTimeSec(Path intervalLog) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(intervalLog, StandardCharsets.US_ASCII)) {
            for (String line = reader.readLine(); line != null && line.startsWith("#"); line = reader.readLine()) {
                Matcher base = BASE_TIME.matcher(line);
                if (base.lookingAt()) {
                    return new BigDecimal(base.group(1));
                }
            }
        }
        throw new IOException(intervalLog + ": no #[BaseTime: ...] line; not an interval log the harness wrote");
    }
}
