package io.stella.harness.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.latency.Histograms;
import io.stella.harness.judgement.ExitCode;
import io.stella.harness.commands.Judge;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Issue 7, part 6: time and peak heap to merge and judge one hour of 1-second interval histograms
 * from 10 injectors (36,000 intervals, synthetic: lognormal latencies, 50 a second each), beside the
 * same for 1 and 5 injectors to see whether memory grows with the data. Not a test: bench/run.sh runs
 * it in its own JVM with a 256 MiB heap and it writes bench/results/merge-at-scale.json. The peak heap
 * is the sum of the heap pools' peaks since the last reset: an upper bound of the true peak.
 */
public final class MergeAtScaleBenchmark {

    private static final int SECONDS = 3600;
    private static final int SAMPLES_PER_SECOND = 50;
    private static final int REPETITIONS = 5;
    private static final long START = Instant.parse("2026-11-27T00:00:00Z").toEpochMilli();

    private MergeAtScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench/merge-at-scale");
        Path out = Path.of(args.length > 1 ? args[1] : "bench/results/merge-at-scale.json");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int injectors : new int[] {1, 5, 10}) {
            Path run = work.resolve("run-" + injectors);
            generate(run, injectors);
            long[] millis = new long[REPETITIONS];
            long[] peakMiB = new long[REPETITIONS];
            for (int i = 0; i < REPETITIONS; i++) {
                clearJudgement(run);
                System.gc();
                resetPeaks();
                long started = System.nanoTime();
                ExitCode code = Judge.run(new String[] {run.toString()}, new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
                millis[i] = (System.nanoTime() - started) / 1_000_000;
                peakMiB[i] = peakHeapBytes() / (1024 * 1024);
                if (code != ExitCode.OK) {
                    throw new IllegalStateException("the judge said " + code + " for " + run);
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("injectors", injectors);
            row.put("intervals", injectors * SECONDS);
            row.put("samples", (long) injectors * SECONDS * SAMPLES_PER_SECOND);
            row.put("medianMillis", median(millis));
            row.put("millis", millis);
            row.put("medianPeakHeapMiB", median(peakMiB));
            row.put("peakHeapMiB", peakMiB);
            rows.add(row);
            System.out.printf("%2d injectors, %6d intervals: median %5d ms, median peak heap %4d MiB (runs: %s ms)%n", injectors,
                    injectors * SECONDS, median(millis), median(peakMiB), Arrays.toString(millis));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "merge and judge 1 hour of 1-second interval histograms per injector");
        result.put("when", Instant.now().toString());
        result.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, " + Runtime.getRuntime().availableProcessors() + " cores");
        result.put("rows", rows);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        System.out.println("written " + out);
    }

    /** {@code run/injectors/<i>/} with latency.hlog, summary.json and thresholds.json as a run writes them. */
    private static void generate(Path run, int injectors) throws IOException {
        Random random = new Random(42);
        ObjectMapper json = new ObjectMapper();
        for (int injector = 0; injector < injectors; injector++) {
            Path folder = Files.createDirectories(run.resolve("injectors").resolve(Integer.toString(injector)));
            long count = 0;
            try (OutputStream file = Files.newOutputStream(folder.resolve("latency.hlog"))) {
                HistogramLogWriter writer = new HistogramLogWriter(file);
                writer.outputLogFormatVersion();
                writer.outputStartTime(START);
                writer.setBaseTime(START);
                writer.outputBaseTime(START);
                writer.outputLegend();
                for (int second = 0; second < SECONDS; second++) {
                    Histogram interval = Histograms.newMicros();
                    for (int i = 0; i < SAMPLES_PER_SECOND; i++) {
                        interval.recordValue(Math.round(Math.exp(9 + 0.5 * random.nextGaussian()))); // about 8 ms median
                    }
                    interval.setStartTimeStamp(START + second * 1000L);
                    interval.setEndTimeStamp(START + second * 1000L + 1000);
                    interval.setTag("createSession");
                    writer.outputIntervalHistogram(interval);
                    count += SAMPLES_PER_SECOND;
                }
            }
            Map<String, Object> measured = Map.of("count", count, "errors", 0, "errorsByKind", Map.of());
            json.writeValue(folder.resolve("summary.json").toFile(), Map.of("simulation", "BackendApiSimulation",
                    "profile", Map.of("name", "merge-bench"),
                    "window", Map.of("measuredFrom", Instant.ofEpochMilli(START).toString(), "measuredSec", SECONDS),
                    "requests", Map.of("createSession", Map.of("measured", measured), "all", Map.of("measured", measured))));
            Files.writeString(folder.resolve("thresholds.json"), """
                    {"description": "merge benchmark", "thresholds": {"all": {"maxMillisAtPercentile": {"99": 1000},
                     "maxErrorPercent": 1}}}""");
        }
    }

    private static void clearJudgement(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
