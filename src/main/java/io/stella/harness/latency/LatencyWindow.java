package io.stella.harness.latency;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;

/**
 * Everything measured for one request name (or all requests) over one stretch of a run: the latency
 * of every response, failed ones included (as Gatling's "total" column), and the failures by kind.
 */
public final class LatencyWindow {

    private final Histogram latencyMicros = Histograms.newMicros();
    private final EnumMap<ErrorKind, Long> errorsByKind = new EnumMap<>(ErrorKind.class);
    private long count;

    public void record(long latencyMicros, ErrorKind errorOrNull) {
        Histograms.recordMicros(this.latencyMicros, latencyMicros);
        count++;
        if (errorOrNull != null) {
            errorsByKind.merge(errorOrNull, 1L, Long::sum);
        }
    }

    public long count() {
        return count;
    }

    public long errorCount() {
        return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public double errorPercent() {
        return count == 0 ? Double.NaN : 100.0 * errorCount() / count;
    }

    public Map<ErrorKind, Long> errorsByKind() {
        return Map.copyOf(errorsByKind);
    }

    /** The histogram itself, read-only by convention: callers copy before they change it. */
    public Histogram latencyMicros() {
        return latencyMicros;
    }
}
