package io.stella.harness.latency;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;

/**
 * Everything measured for one request name (or all requests) over one stretch of a run: the latency
 * of every response, failed ones included (as Gatling's "total" column), and the failures by kind.
 * {@code sampleResolutionMicros} is how finely the samples were taken (1000 for Gatling's whole
 * milliseconds); figures are never printed finer than that.
 */
public final class LatencyWindow {

    /** Gatling times requests in whole milliseconds. */
    public static final long GATLING_RESOLUTION_MICROS = 1000;

    private final Histogram latencyMicros = Histograms.newMicros();
    private final long sampleResolutionMicros;
    private final EnumMap<ErrorKind, Long> errorsByKind = new EnumMap<>(ErrorKind.class);
    private long count;

    public LatencyWindow(long sampleResolutionMicros) {
        if (sampleResolutionMicros < 1) {
            throw new IllegalArgumentException("sampleResolutionMicros must be >= 1 (was " + sampleResolutionMicros + ")");
        }
        this.sampleResolutionMicros = sampleResolutionMicros;
    }

    public long sampleResolutionMicros() {
        return sampleResolutionMicros;
    }

    /** The latency at a percentile in millis, at this window's resolution; NaN when empty. */
    public double percentileMillis(double percentile) {
        return Histograms.valueAtPercentileMillis(latencyMicros, percentile, sampleResolutionMicros);
    }

    public double maxMillis() {
        return Histograms.maxMillis(latencyMicros, sampleResolutionMicros);
    }

    public double minMillis() {
        return Histograms.minMillis(latencyMicros, sampleResolutionMicros);
    }

    public void record(long latencyMicros, ErrorKind errorOrNull) {
        Histograms.recordMicros(this.latencyMicros, latencyMicros);
        count++;
        if (errorOrNull != null) {
            errorsByKind.merge(errorOrNull, 1L, Long::sum);
        }
    }

    /**
     * Adds latencies recorded elsewhere (an interval log's histogram, another injector's) losslessly;
     * they count as answered, as the interval log keeps no failures apart.
     */
    public void addLatencies(Histogram latencies) {
        latencyMicros.add(latencies);
        count += latencies.getTotalCount();
    }

    /**
     * Marks {@code errors} of the latencies already added as failures of {@code kind}: an interval log
     * keeps every response's latency but not whether it failed, which its summary counts.
     */
    public void addErrors(ErrorKind kind, long errors) {
        if (errors < 0 || errorCount() + errors > count) {
            throw new IllegalArgumentException("errors must be within 0.." + (count - errorCount()) + " (was " + errors + ")");
        }
        if (errors > 0) {
            errorsByKind.merge(kind, errors, Long::sum);
        }
    }

    /** Adds this window's latencies and failures to another's. */
    public void addTo(LatencyWindow into) {
        into.addLatencies(latencyMicros);
        errorsByKind.forEach(into::addErrors);
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
