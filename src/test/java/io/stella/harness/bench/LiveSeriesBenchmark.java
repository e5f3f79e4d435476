package io.stella.harness.bench;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.ErrorKind;
import io.stella.harness.live.FixedSources;
import io.stella.harness.live.LiveSeries;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 18: what the live metrics cost, in the two places they cost anything: each request ended
 * (a counter and a histogram observed, and an arrival counted) and each scrape (every series
 * collected and written as Prometheus text). A run's extra CPU per request is the first plus the
 * second divided by the requests between two scrapes; bench/live-metrics.sh measures the same end to
 * end, where the shared machine's noise is larger than the effect. Not a test: bench/run.sh
 * live-metrics runs it and writes bench/results/live-series.json.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LiveSeriesBenchmark {

    /** BackendApiSimulation's requests and VoiceSessionSimulation's: the series a voice run scrapes. */
    private static final List<String> REQUESTS = List.of("token", "createSession", "getSession", "listSessions", "endSession",
            "healthz", "join", "awaitAgent", "ping", "leave", "close");

    private LiveSeries series;
    private long request;
    private final ByteArrayOutputStream scraped = new ByteArrayOutputStream(64 * 1024);

    @Setup
    public void setUp() {
        series = new LiveSeries("smoke-20261202T000000Z", 0, "smoke", "BackendApiSimulation", new LoadShape(5, 5, 0, 10, 60),
                List.of(new Threshold.PercentileLimit("all", 99, 250), new Threshold.ErrorRateLimit("all", 1)),
                new FixedSources(() -> 30.0, 12, 40, 0, 0.2, List::of));
        for (String name : REQUESTS) {
            for (int i = 0; i < 100; i++) {
                series.requestEnded(name, i % 60, i % 50 == 0 ? ErrorKind.HTTP_5XX : null);
            }
        }
        for (String metric : io.stella.harness.latency.VoiceMetrics.NAMES) {
            series.voiceSampled(metric, 200);
        }
    }

    /** What LiveRun adds to one request when the metrics are on (its arrival counted too). */
    @Benchmark
    public void requestEnded() {
        long n = request++;
        series.userArrived(true);
        series.requestEnded(REQUESTS.get((int) (n % REQUESTS.size())), n % 40, null);
    }

    private final io.stella.harness.latency.SlowestRequests slowest = new io.stella.harness.latency.SlowestRequests();

    /**
     * What every timed HTTP request now pays whether metrics are on or not: its trace context made and
     * written as the two headers, and its end offered to the slowest requests (latencies 0..39 ms, so
     * most leave on the fast path once five are kept).
     */
    @Benchmark
    public int traceAndSlowest() {
        long n = request++;
        io.stella.harness.latency.TraceContext trace = io.stella.harness.latency.TraceContext.newRoot(false);
        String traceparent = trace.traceparent();
        slowest.record(REQUESTS.get((int) (n % REQUESTS.size())), trace.requestId(), n, n % 40);
        return traceparent.length();
    }

    /** One scrape of a voice run's series, as Prometheus's text. */
    @Benchmark
    public int scrape() throws IOException {
        scraped.reset();
        PrometheusTextFormatWriter.create().write(scraped, series.registry().scrape());
        return scraped.size();
    }
}
