package io.stella.harness.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stella.harness.config.Numbers;
import io.stella.harness.config.Threshold;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code thresholds.json} in a results folder: the rules the run was judged by, in the format of a
 * shared thresholds file ({@code thresholdsFrom}), so that a merge or a re-judge reads exactly them
 * and a user can copy, tighten and pass it back.
 */
public final class ThresholdsFile {

    public static final String FILE_NAME = "thresholds.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ThresholdsFile() {
    }

    public static void write(Path folder, String description, List<Threshold> thresholds) throws IOException {
        Map<String, Map<String, Object>> byRequest = new LinkedHashMap<>();
        for (Threshold rule : thresholds) {
            Map<String, Object> rules = byRequest.computeIfAbsent(rule.request(), request -> new LinkedHashMap<>());
            if (rule instanceof Threshold.PercentileLimit limit) {
                @SuppressWarnings("unchecked")
                Map<String, Double> percentiles = (Map<String, Double>) rules.computeIfAbsent("maxMillisAtPercentile",
                        key -> new LinkedHashMap<String, Double>());
                percentiles.put(Numbers.plain(limit.percentile()), limit.maxMillis());
            } else if (rule instanceof Threshold.ErrorRateLimit limit) {
                rules.put("maxErrorPercent", limit.maxErrorPercent());
            } else if (rule instanceof Threshold.ThroughputFloor floor) {
                rules.put("minThroughputPerSec", floor.minPerSec());
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("description", description);
        document.put("thresholds", byRequest);
        AtomicFiles.write(folder.resolve(FILE_NAME), JSON.writeValueAsBytes(document));
    }
}
