package io.stella.harness.latency;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalLogRecorderTest {

    static final long BASE = 1_800_000_000_000L;

    @Test
    void hdrHistogramsOwnReaderReadsBackEveryTagAndValue() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (IntervalLogRecorder recorder = new IntervalLogRecorder(out, BASE, "test run")) {
            for (int second = 0; second < 20; second++) {
                for (int i = 0; i < 10; i++) {
                    recorder.record("createSession", BASE + second * 1000L + i * 50, 5_000 + i);
                    recorder.record("healthz", BASE + second * 1000L + i * 50, 1_000);
                }
            }
        }

        Map<String, Histogram> totals = readTotals(out.toByteArray());

        assertEquals(200, totals.get("createSession").getTotalCount());
        assertEquals(200, totals.get("healthz").getTotalCount());
        assertEquals(5_009, totals.get("createSession").lowestEquivalentValue(totals.get("createSession").getMaxValue()), 4);
    }

    @Test
    void eachIntervalCoversOneSecondFromTheBase() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (IntervalLogRecorder recorder = new IntervalLogRecorder(out, BASE, "test run")) {
            recorder.record("token", BASE + 2_500, 1_000);
        }
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(out.toByteArray()));

        EncodableHistogram interval = reader.nextIntervalHistogram();

        assertEquals(BASE + 2_000, interval.getStartTimeStamp());
        assertEquals(BASE + 3_000, interval.getEndTimeStamp());
        assertEquals("token", interval.getTag());
    }

    @Test
    void aStragglerForAWrittenIntervalIsKeptNotLost() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (IntervalLogRecorder recorder = new IntervalLogRecorder(out, BASE, "test run")) {
            for (int second = 0; second < 10; second++) {
                recorder.record("token", BASE + second * 1000L, 1_000);
            }
            recorder.record("token", BASE + 100, 2_000); // ended in second 0, written long ago
        }

        assertEquals(11, readTotals(out.toByteArray()).get("token").getTotalCount());
    }

    static Map<String, Histogram> readTotals(byte[] log) {
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log));
        Map<String, Histogram> totals = new HashMap<>();
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
            assertTrue(next instanceof Histogram);
            totals.computeIfAbsent(next.getTag(), tag -> Histograms.newMicros()).add((Histogram) next);
        }
        return totals;
    }
}
