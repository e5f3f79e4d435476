package io.stella.harness.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stella.harness.config.Numbers;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.latency.LatencyWindow;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The printed figures of one latency window, in milliseconds with microsecond digits. Latency
 * figures are null when the window holds no response.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowFigures(long count, long errors, Double errorPercent, Map<ErrorKind, Long> errorsByKind,
                            Map<String, Double> percentilesMillis, Double minMillis, Double meanMillis,
                            Double maxMillis, Double throughputPerSec) {

    /** The percentiles every summary reports, whatever the thresholds ask. */
    public static final double[] REPORTED_PERCENTILES = {50, 90, 95, 99, 99.9};

    public static WindowFigures of(LatencyWindow window, double seconds) {
        Histogram histogram = window.latencyMicros();
        if (window.count() == 0) {
            return new WindowFigures(0, 0, null, Map.of(), Map.of(), null, null, null, 0.0);
        }
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (double percentile : REPORTED_PERCENTILES) {
            percentiles.put("p" + Numbers.plain(percentile),
                    Numbers.toThousandth(window.percentileMillis(percentile)));
        }
        return new WindowFigures(window.count(), window.errorCount(), Numbers.toThousandth(window.errorPercent()),
                window.errorsByKind(), percentiles,
                Numbers.toThousandth(window.minMillis()),
                Numbers.toThousandth(histogram.getMean() / 1000.0),
                Numbers.toThousandth(window.maxMillis()),
                seconds > 0 ? Numbers.toThousandth(window.count() / seconds) : null);
    }
}
