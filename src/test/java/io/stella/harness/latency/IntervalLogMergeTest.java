package io.stella.harness.latency;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Given interval logs with different base times, the merge holds every interval at its own time, exactly. */
class IntervalLogMergeTest {

    private static final long FIRST_RUN = 1_795_737_600_000L;
    private static final long SECOND_RUN = FIRST_RUN + 2_345; // started 2.345 s later

    @TempDir
    Path dir;

    @Test
    void everyIntervalKeepsItsTagItsHistogramAndItsTimeOnTheCommonBase() throws IOException {
        Path first = log("first.hlog", FIRST_RUN, "warm-up:token", "token", 5);
        Path second = log("second.hlog", SECOND_RUN, "token", "createSession", 7);
        Path merged = dir.resolve("merged.hlog");
        try (OutputStream out = Files.newOutputStream(merged)) {
            assertEquals(6, IntervalLogMerge.write(List.of(first, second), out, "merged for a test"));
        }

        List<EncodableHistogram> expected = new ArrayList<>(intervals(first));
        expected.addAll(intervals(second));
        List<EncodableHistogram> actual = intervals(merged);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getStartTimeStamp(), actual.get(i).getStartTimeStamp(), "start of interval " + i);
            assertEquals(expected.get(i).getTag(), actual.get(i).getTag());
            assertEquals(expected.get(i), actual.get(i), "interval " + i + " unchanged");
        }
        Map<String, LatencyWindow> windows = IntervalLogWindows.readMeasured(merged);
        // measured: the first log's token second (5), the second log's two token seconds and its createSession (3 x 7);
        // the first log's warm-up seconds stay out
        assertEquals(5 + 2 * 7, windows.get("token").count());
        assertEquals(7, windows.get("createSession").count());
        assertEquals(windows.get("token").count() + windows.get("createSession").count(), windows.get("all").count());
    }

    /** Three 1-s intervals tagged a, b, a, each with {@code samples} latencies. */
    private Path log(String name, long baseEpochMillis, String a, String b, int samples) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (IntervalLogRecorder recorder = new IntervalLogRecorder(bytes, baseEpochMillis, name)) {
            for (int second = 0; second < 3; second++) {
                for (int i = 0; i < samples; i++) {
                    recorder.record(second == 1 ? b : a, baseEpochMillis + second * 1000L + 10 * i, 1000L * (second + 1) + i);
                }
            }
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private static List<EncodableHistogram> intervals(Path log) throws IOException {
        List<EncodableHistogram> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram interval;
            while ((interval = reader.nextIntervalHistogram()) != null) {
                intervals.add(interval);
            }
        }
        intervals.sort((x, y) -> Long.compare(x.getStartTimeStamp(), y.getStartTimeStamp()) != 0
                ? Long.compare(x.getStartTimeStamp(), y.getStartTimeStamp()) : x.getTag().compareTo(y.getTag()));
        return intervals;
    }
}
