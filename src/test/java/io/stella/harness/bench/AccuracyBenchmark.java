package io.stella.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.Numbers;
import io.stella.harness.latency.Histograms;
import io.stella.harness.latency.IntervalLogWindows;
import io.stella.harness.latency.LatencyWindow;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Issue 7, part 2: our percentiles and Gatling's report's against the true quantiles, for runs
 * against a reference target that adds a known latency. The truth is the base run's own latency
 * distribution (no latency added) plus the known added distribution: 2,000,000 draws, each a base
 * latency drawn from the base run's histogram (inverse CDF) plus an added delay drawn as the
 * reference target draws it. Reads results folders bench/accuracy.sh made; writes bench/results/accuracy.json.
 * <pre>args: base-folder mix-folder lognormal-folder output.json</pre>
 */
public final class AccuracyBenchmark {

    private static final String REQUEST = "healthz";
    private static final int DRAWS = 2_000_000;
    private static final double[] PERCENTILES = {50, 90, 95, 99, 99.9};

    private AccuracyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        Histogram baseLatencies = IntervalLogWindows.readMeasured(base.resolve("latency.hlog")).get(REQUEST).latencyMicros();
        Random random = new Random(7);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("request", REQUEST);
        result.put("truth", "the base run's " + REQUEST + " latencies plus the added distribution, " + DRAWS + " draws");
        result.put("base", figures(base, null));
        result.put("mix 98%:10ms,2%:200ms", compare(Path.of(args[1]), baseLatencies, random,
                () -> random.nextDouble() < 0.98 ? 10_000 : 200_000));
        result.put("lognormal(20ms,0.5)", compare(Path.of(args[2]), baseLatencies, random,
                () -> 20_000 * Math.exp(0.5 * random.nextGaussian())));
        Files.createDirectories(Path.of(args[3]).toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(Path.of(args[3]).toFile(), result);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    private static Map<String, Object> compare(Path run, Histogram base, Random random, DoubleSupplier addedMicros)
            throws Exception {
        Histogram truth = Histograms.newMicros();
        for (int i = 0; i < DRAWS; i++) {
            long baseMicros = base.getValueAtPercentile(random.nextDouble() * 100);
            truth.recordValue(Math.round(baseMicros + addedMicros.getAsDouble()));
        }
        LatencyWindow truthWindow = new LatencyWindow(1);
        truthWindow.addLatencies(truth);
        Map<String, Double> truthMillis = new LinkedHashMap<>();
        for (double p : PERCENTILES) {
            truthMillis.put(key(p), round(truthWindow.percentileMillis(p)));
        }
        return figures(run, truthMillis);
    }

    /** Ours (measured window = whole run here: no warm-up) and Gatling's report's, with their errors against the truth. */
    private static Map<String, Object> figures(Path run, Map<String, Double> truthMillis) throws Exception {
        JsonNode request = new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("requests").get(REQUEST);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("count", request.get("measured").get("count").asLong());
        figures.put("truthMillis", truthMillis);
        for (String who : List.of("ours", "gatling")) {
            JsonNode percentiles = who.equals("ours") ? request.get("measured").get("percentilesMillis")
                    : request.get("gatling").get("percentilesMillis");
            Map<String, Object> values = new LinkedHashMap<>();
            percentiles.fields().forEachRemaining(entry -> {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("millis", entry.getValue().asDouble());
                if (truthMillis != null && truthMillis.containsKey(entry.getKey())) {
                    value.put("errorMillis", round(entry.getValue().asDouble() - truthMillis.get(entry.getKey())));
                }
                values.put(entry.getKey(), value);
            });
            figures.put(who, values);
        }
        return figures;
    }

    private static String key(double percentile) {
        return "p" + Numbers.plain(percentile);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
