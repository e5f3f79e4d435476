package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.judgement.ExitCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's live metrics as a team would watch them: a real Prometheus (Debian's package, which .ci/run
 * installs) started on loopback scrapes a voice run's {@code -Dmetrics.port} every second; after the
 * run its query API holds the series, their totals equal summary.json's, every query of the shipped
 * Grafana dashboard returns data, and no secret or token is in any series. The run is one of
 * VoiceSessionEndToEndIT's runs judged on errors, side by side with them.
 */
class LiveMetricsEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HOME = Path.of("target", "e2e", "live-metrics-prometheus").toAbsolutePath();
    private static final String CLIENT_SECRET = "live-metrics-client-secret-77a1";
    private static final String JWT_SECRET = "live-metrics-jwt-secret-0c4e";
    private static final String LIVEKIT_SECRET = "live-metrics-livekit-secret-9b3d";
    /** The harness serves its final figures this long after the results: four scrapes at 1 s. */
    private static final int LINGER_SEC = 4;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Process prometheus;
    private static String prometheusUrl;
    private static Instant runStart;
    private static Instant runEnd;

    /**
     * Starts Prometheus on loopback and the scraped run; a run of VoiceSessionEndToEndIT's group of
     * runs judged on errors (it asserts totals, not latency), so it overlaps them. Prometheus stays up
     * until the JVM ends: this class may query it long after the group ran.
     */
    static GatlingFork.Result prometheusScrapesARun() throws Exception {
        Path binary = Path.of("/usr/bin/prometheus");
        assertTrue(Files.isExecutable(binary), binary + " is missing: .ci/run installs Debian's prometheus package");
        GatlingFork.deleteTree(HOME);
        Files.createDirectories(HOME);
        int metricsPort = freePort();
        int prometheusPort = freePort();
        Path config = Files.writeString(HOME.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                scrape_configs:
                  - job_name: stella-harness
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(metricsPort));
        prometheusUrl = "http://127.0.0.1:" + prometheusPort;
        prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + HOME.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(HOME.resolve("prometheus.log").toFile()).start();
        Process started = prometheus;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "stop-prometheus"));
        awaitReady();
        OTLP_RECEIVER.start();
        runStart = Instant.now();
        Map<String, String> properties = new java.util.HashMap<>(Map.of(
                "profile", "src/test/resources/profiles/live-metrics.json", "metrics.port", Integer.toString(metricsPort),
                "metrics.lingerSec", Integer.toString(LINGER_SEC), "REFERENCE_ERROR_PERCENT", "10",
                "STELLA_CLIENT_SECRET", CLIENT_SECRET, "JWT_SECRET", JWT_SECRET, "LIVEKIT_API_SECRET", LIVEKIT_SECRET));
        properties.putAll(Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + OTLP_RECEIVER.getAddress().getPort(),
                "otel.metric.export.interval", "1000"));
        GatlingFork.Result run = GatlingFork.run("live-metrics", VoiceSessionSimulation.class, properties);
        runEnd = Instant.now();
        OTLP_RECEIVER.stop(0);
        return run;
    }

    /** The OTLP/HTTP receiver the run pushes to: OpenTelemetry's own message classes read each push. */
    private static final com.sun.net.httpserver.HttpServer OTLP_RECEIVER = otlpReceiver();
    private static final List<io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest> PUSHES =
            java.util.Collections.synchronizedList(new ArrayList<>());

    private static com.sun.net.httpserver.HttpServer otlpReceiver() {
        try {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/metrics", exchange -> {
                try (exchange) {
                    PUSHES.add(io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest.parseFrom(
                            exchange.getRequestBody().readAllBytes()));
                    byte[] answer = io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse.getDefaultInstance()
                            .toByteArray();
                    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static GatlingFork.Result run() throws Exception {
        return VoiceSessionEndToEndIT.ERRORS_AND_ABORTS.result("live-metrics");
    }

    @Test
    void prometheusHoldsTheRunsSeriesWithTheTotalsOfSummaryJson() throws Exception {
        GatlingFork.Result run = run();
        assertTrue(List.of(ExitCode.OK.code(), ExitCode.NO_GO.code()).contains(run.exitCode()), "the run measured: " + run.output());
        assertTrue(run.output().contains("  metrics http://127.0.0.1:"), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        String runId = run.onlyRunFolder().getFileName().toString();

        Map<String, Double> requests = byLabel(query("stella_harness_requests_total{run_id=\"" + runId + "\"}"), "request");
        Map<String, Double> failures = byLabel(query("sum by (request) (stella_harness_request_failures_total{run_id=\""
                + runId + "\"})"), "request");
        Map<String, Double> voice = byLabel(query("stella_harness_voice_duration_seconds_count{run_id=\"" + runId + "\"}"), "metric");
        List<String> onlyInGatlingsLog = new ArrayList<>();
        summary.get("requests").fields().forEachRemaining(entry -> {
            if (entry.getKey().equals("all")) {
                return;
            }
            if (!requests.containsKey(entry.getKey())) {
                onlyInGatlingsLog.add(entry.getKey());
                return;
            }
            JsonNode whole = entry.getValue().get("wholeRun");
            assertEquals(whole.get("count").asDouble(), requests.get(entry.getKey()), entry.getKey() + " answers: " + requests);
            assertEquals(whole.get("errors").asDouble(), failures.getOrDefault(entry.getKey(), 0.0),
                    entry.getKey() + " failures: " + failures);
        });
        // Gatling logs the frame a WebSocket request awaits as a row of its own; live, it is inside the
        // timing of the request that awaits it (join, awaitAgent, ping), so it has no series.
        assertEquals(List.of("agentVisible", "joinResponse", "pong"), onlyInGatlingsLog.stream().sorted().toList());
        assertTrue(summary.get("requests").get("all").get("wholeRun").get("errors").asLong() > 0, "the target failed some calls");
        summary.get("voiceMetrics").fields().forEachRemaining(entry -> {
            long count = entry.getValue().get("wholeRun").get("count").asLong();
            if (count > 0) {
                assertEquals((double) count, voice.get(entry.getKey()), entry.getKey() + " samples: " + voice);
            }
        });
        Map<String, Double> status = byLabel(query("stella_harness_run_status{run_id=\"" + runId + "\"}"), "status");
        assertEquals(1.0, status.get(summary.get("status").asText()), "the run's status as judged: " + status);
        assertEquals(0.0, status.get("RUNNING"), status.toString());
    }

    /**
     * The push whose figures were collected last, by the run_status point's own time. Not the last to arrive:
     * an interval's push collected before the run was judged can still be on the wire while the final one,
     * made as the exporter closes, overtakes it (seen once in four fresh-clone suites: RUNNING arrived last).
     */
    private static io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest lastCollected(
            List<io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest> pushes) {
        return pushes.stream().max(java.util.Comparator.comparingLong(LiveMetricsEndToEndIT::runStatusTimeNanos)).orElseThrow();
    }

    private static long runStatusTimeNanos(io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest push) {
        return push.getResourceMetricsList().stream().flatMap(resource -> resource.getScopeMetricsList().stream())
                .flatMap(scope -> scope.getMetricsList().stream())
                .filter(metric -> metric.getName().equals("stella_harness_run_status"))
                .flatMap(metric -> metric.getGauge().getDataPointsList().stream())
                .mapToLong(point -> point.getTimeUnixNano()).max().orElse(Long.MIN_VALUE);
    }

    /** The same figures pushed over OTLP: the last one collected (as the exporter closed) holds summary.json's totals. */
    @Test
    void theOtlpPushReachesAReceiverWithTheSameTotals() throws Exception {
        GatlingFork.Result run = run();
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        assertTrue(run.output().contains("  metrics pushed over OTLP to http://127.0.0.1:"), run.output());
        assertTrue(PUSHES.size() >= 3, "pushes every second and at the end: " + PUSHES.size());

        Map<String, Double> requests = new HashMap<>();
        Map<String, Double> status = new HashMap<>();
        io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest last = lastCollected(PUSHES);
        last.getResourceMetricsList().forEach(resource -> resource.getScopeMetricsList().forEach(scope ->
                scope.getMetricsList().forEach(metric -> {
                    if (metric.getName().matches("stella_harness_requests(_total)?")) {
                        metric.getSum().getDataPointsList().forEach(point -> requests.put(attribute(point.getAttributesList(), "request"),
                                point.hasAsDouble() ? point.getAsDouble() : point.getAsInt()));
                    }
                    if (metric.getName().equals("stella_harness_run_status")) {
                        metric.getGauge().getDataPointsList().forEach(point -> status.put(attribute(point.getAttributesList(), "status"),
                                point.hasAsDouble() ? point.getAsDouble() : point.getAsInt()));
                    }
                })));
        summary.get("requests").fields().forEachRemaining(entry -> {
            if (!entry.getKey().equals("all") && requests.containsKey(entry.getKey())) {
                assertEquals(entry.getValue().get("wholeRun").get("count").asDouble(), requests.get(entry.getKey()), entry.getKey());
            }
        });
        assertEquals(8, requests.size(), "every request timed live: " + requests);
        // the run is judged on its own thread before the exporter is closed: the last push carries the judged status
        String collectedAt = "run_status collected at (ns, in arrival order) "
                + PUSHES.stream().map(LiveMetricsEndToEndIT::runStatusTimeNanos).toList();
        assertEquals(1.0, status.get(summary.get("status").asText()), status + "; " + collectedAt);
        assertEquals(0.0, status.getOrDefault("RUNNING", 0.0), status + "; " + collectedAt);
        String pushed = PUSHES.toString();
        List<String> leaks = new ArrayList<>();
        VoiceSessionEndToEndIT.scan("the OTLP pushes", pushed, List.of(CLIENT_SECRET, JWT_SECRET, LIVEKIT_SECRET), leaks);
        assertEquals(List.of(), leaks);
    }

    private static String attribute(List<io.opentelemetry.proto.common.v1.KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue()).findFirst().orElse("");
    }

    @Test
    void everyQueryOfTheShippedDashboardReturnsDataFromThatPrometheus() throws Exception {
        JsonNode dashboard = JSON.readTree(Path.of("deploy/grafana/stella-harness.json").toFile());
        String runId = run().onlyRunFolder().getFileName().toString();
        List<String> empty = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queries++;
                String expr = target.get("expr").asText().replace("$run_id", runId).replace("$__rate_interval", "4s");
                if (!hasAValue(queryRange(expr))) {
                    empty.add(panel.get("title").asText() + ": " + expr);
                }
            }
        }
        assertTrue(queries >= 20, "the dashboard's queries: " + queries);
        assertEquals(List.of(), empty, "queries with no data");
    }

    @Test
    void noSecretOrTokenIsInAnySeriesOrLabel() throws Exception {
        GatlingFork.Result run = run();
        String series = get("/api/v1/series?match[]=" + encode("{__name__=~\"stella_harness_.+\"}")
                + "&start=" + runStart.getEpochSecond() + "&end=" + (runEnd.getEpochSecond() + 1));
        assertTrue(series.contains("stella_harness_requests_total"), series);
        List<String> leaks = new ArrayList<>();
        VoiceSessionEndToEndIT.scan("Prometheus's series", series, List.of(CLIENT_SECRET, JWT_SECRET, LIVEKIT_SECRET), leaks);
        assertEquals(List.of(), leaks);
        VoiceSessionEndToEndIT.assertNoSecretIn(run, List.of(CLIENT_SECRET, JWT_SECRET, LIVEKIT_SECRET));
    }

    /**
     * The query at the end of the run, while the harness still served its final figures: once its
     * endpoint is gone, Prometheus marks the series stale and a query after that finds none.
     */
    private static JsonNode query(String promql) throws Exception {
        double finalFiguresServed = (runEnd.toEpochMilli() - LINGER_SEC * 1000 / 2) / 1000.0;
        JsonNode answer = JSON.readTree(get("/api/v1/query?query=" + encode(promql) + "&time=" + finalFiguresServed));
        assertEquals("success", answer.get("status").asText(), answer.toString());
        return answer.get("data").get("result");
    }

    private static JsonNode queryRange(String promql) throws Exception {
        JsonNode answer = JSON.readTree(get("/api/v1/query_range?query=" + encode(promql) + "&start=" + runStart.getEpochSecond()
                + "&end=" + (runEnd.getEpochSecond() + 1) + "&step=1"));
        assertEquals("success", answer.get("status").asText(), promql + ": " + answer);
        return answer.get("data").get("result");
    }

    /** Whether any series of a range query has a number (histogram_quantile gives NaN where nothing was answered). */
    private static boolean hasAValue(JsonNode result) {
        for (JsonNode series : result) {
            for (JsonNode point : series.get("values")) {
                if (!point.get(1).asText().equals("NaN")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, Double> byLabel(JsonNode result, String label) {
        Map<String, Double> values = new HashMap<>();
        for (JsonNode series : result) {
            values.merge(series.get("metric").path(label).asText(), series.get("value").get(1).asDouble(), Double::sum);
        }
        return values;
    }

    private static String get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), pathAndQuery + ": " + answer.body());
        return answer.body();
    }

    private static void awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            assertFalse(!prometheus.isAlive(), "Prometheus stopped: " + Files.readString(HOME.resolve("prometheus.log")));
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Prometheus was not ready in 30 s: " + Files.readString(HOME.resolve("prometheus.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
