package io.stella.harness.signoff.probes;

import io.stella.harness.latency.Histograms;
import io.stella.harness.signoff.ChecklistItem;
import io.stella.harness.signoff.ItemResult;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An indexed list costs the same at any table size; an unindexed one grows with the rows. The probe
 * times the list call ({@code samples} paced calls after a warm-up) at the table as it is, adds
 * {@code seedRows} sessions through the API, and times it again. It FAILS when the median grew by
 * more than {@value #MAX_RATIO}x and by more than {@value #NOISE_MILLIS} ms (smaller moves are loopback
 * noise, not a scan), or when the P95 did and the median moved with it (more than
 * {@value #MEDIAN_ALONG_RATIO}x): a scan slows every call, while a busy shared machine can double a
 * P95 of 200 calls on its own (seen: 2.27 -> 5.05 ms with the index, median 1.2 -> 1.66 ms; without
 * it the median grew 3.4x after 5,000 rows and 10.5x after 20,000). Seeding writes real rows (each session is ended at once, so no room or agent is
 * left running): it runs only when a profile names this probe.
 */
public final class DatabaseIndexesProbe extends Probe {

    static final double MAX_RATIO = 2.0;
    static final double NOISE_MILLIS = 1.0;
    static final double MEDIAN_ALONG_RATIO = 1.5;
    static final int SEED_IN_FLIGHT = 16;
    private static final int MAX_SEED_FAILURES = 100;
    private static final int WARM_UP_CALLS = 300;
    private static final int SEED_LIMIT_MINUTES = 10;
    // Paced below the reference target's default per-client rate so the probe times lists, not 429s.
    private static final long LIST_PACE_NANOS = 10_000_000;
    private static final String SEED_METADATA = "{\"source\":\"stella-load-harness probe\"}";

    private final int seedRows;
    private final int samples;

    public DatabaseIndexesProbe(int seedRows, int samples) {
        super("databaseIndexes", ChecklistItem.DATABASE_INDEXES);
        this.seedRows = seedRows;
        this.samples = samples;
    }

    @Override
    public List<ItemResult> run(ProbeTarget target) throws Exception {
        ProbeHttp http = new ProbeHttp(target);
        String bearer = http.bearer();
        HttpRequest list = http.request(target.paths().sessions() + "?limit=20").header("Authorization", bearer).GET().build();
        Histogram small = timeLists(http, list);
        long seedStartNanos = System.nanoTime();
        int seeded = seed(http, target, bearer);
        long seedMillis = (System.nanoTime() - seedStartNanos) / 1_000_000;
        Histogram large = timeLists(http, list);

        double smallP95 = Histograms.valueAtPercentileMillis(small, 95, 1);
        double largeP95 = Histograms.valueAtPercentileMillis(large, 95, 1);
        double smallP50 = Histograms.valueAtPercentileMillis(small, 50, 1);
        double largeP50 = Histograms.valueAtPercentileMillis(large, 50, 1);
        double ratio = largeP95 / Math.max(smallP95, 0.001);
        double medianRatio = largeP50 / Math.max(smallP50, 0.001);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("listP95MillisBefore", round(smallP95));
        evidence.put("listP95MillisAfter", round(largeP95));
        evidence.put("listP50MillisBefore", round(smallP50));
        evidence.put("listP50MillisAfter", round(largeP50));
        evidence.put("ratio", round(ratio));
        evidence.put("medianRatio", round(medianRatio));
        evidence.put("rowsAdded", seeded);
        evidence.put("seedMillis", seedMillis);
        evidence.put("samplesEach", samples);
        List<String> problems = new ArrayList<>();
        if (seeded < seedRows) {
            problems.add("only " + seeded + " of " + seedRows + " sessions could be added to grow the table");
        } else if (medianRatio > MAX_RATIO && largeP50 - smallP50 > NOISE_MILLIS) {
            problems.add(String.format("list P50 grew %.1fx (%.2f -> %.2f ms) after %,d more rows: the list is not served by an index",
                    medianRatio, smallP50, largeP50, seeded));
        } else if (ratio > MAX_RATIO && largeP95 - smallP95 > NOISE_MILLIS && medianRatio > MEDIAN_ALONG_RATIO) {
            problems.add(String.format("list P95 grew %.1fx (%.2f -> %.2f ms) and its median %.1fx after %,d more rows:"
                    + " the list is not served by an index", ratio, smallP95, largeP95, medianRatio, seeded));
        }
        return List.of(outcome(problems, String.format("list median flat: %.2f -> %.2f ms (%.1fx; P95 %.2f -> %.2f ms)"
                + " after %,d more rows", smallP50, largeP50, medianRatio, smallP95, largeP95, seeded), evidence));
    }

    private Histogram timeLists(ProbeHttp http, HttpRequest list) throws IOException, InterruptedException {
        Histogram latencyMicros = Histograms.newMicros();
        long next = System.nanoTime();
        int warmUp = WARM_UP_CALLS; // the connection, the server's JIT and the query plan: not what is measured
        while (latencyMicros.getTotalCount() < samples) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += LIST_PACE_NANOS;
            long startNanos = System.nanoTime();
            HttpResponse<Void> answer = http.client().send(list, HttpResponse.BodyHandlers.discarding());
            long micros = (System.nanoTime() - startNanos) / 1000;
            int listed = http.contract().sessions().listStatus();
            if (answer.statusCode() == listed && warmUp > 0) {
                warmUp--;
            } else if (answer.statusCode() == listed) {
                Histograms.recordMicros(latencyMicros, micros);
            } else if (answer.statusCode() == 429 || answer.statusCode() == 503) {
                waitRetryAfter(answer);
            } else {
                throw new IOException(list.uri().getPath() + " answered " + answer.statusCode() + " to the list call");
            }
        }
        return latencyMicros;
    }

    private static void waitRetryAfter(HttpResponse<?> answer) throws InterruptedException {
        Thread.sleep(retryAfterSec(answer) * 1000L);
    }

    /** The refusal's Retry-After in seconds, kept within 1..5 so a wrong header cannot stall the probe. */
    private static long retryAfterSec(HttpResponse<?> answer) {
        try {
            long sec = Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1").trim());
            return Math.min(5, Math.max(1, sec));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Adds rows by creating sessions and ending each one at once, {@value #SEED_IN_FLIGHT} at a time:
     * a created session holds a room and an agent, which a probe must not leave running. A refusal
     * waits out its Retry-After and is tried again. Returns how many rows were added.
     */
    private int seed(ProbeHttp http, ProbeTarget target, String bearer) throws InterruptedException {
        HttpRequest create = http.request(target.paths().sessions()).header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(target.contract().createSessionBody(SEED_METADATA))).build();
        AtomicInteger claimed = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(SEED_IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "probe-database-seed");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < SEED_IN_FLIGHT; i++) {
            workers.execute(() -> {
                while (claimed.getAndIncrement() < seedRows && failed.get() < MAX_SEED_FAILURES) {
                    try {
                        HttpResponse<String> answer = sendRespectingRefusals(http, create);
                        if (answer.statusCode() != target.contract().sessions().createStatus()) {
                            failed.incrementAndGet();
                            continue;
                        }
                        created.incrementAndGet();
                        String id = target.contract().sessionIdIn(answer.body());
                        sendRespectingRefusals(http, http.request(target.paths().sessionPath(id))
                                .header("Authorization", bearer).DELETE().build());
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(SEED_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            workers.shutdownNow();
        }
        return created.get();
    }

    private static HttpResponse<String> sendRespectingRefusals(ProbeHttp http, HttpRequest request)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.client().send(request, HttpResponse.BodyHandlers.ofString());
        for (int attempt = 0; attempt < 30 && (answer.statusCode() == 429 || answer.statusCode() == 503); attempt++) {
            waitRetryAfter(answer);
            answer = http.client().send(request, HttpResponse.BodyHandlers.ofString());
        }
        return answer;
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
