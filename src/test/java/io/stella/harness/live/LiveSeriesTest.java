package io.stella.harness.live;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.LoadShape;
import io.stella.harness.config.Threshold;
import io.stella.harness.latency.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live series as a scraper reads them: served on loopback, read over HTTP in Prometheus's text format. */
class LiveSeriesTest {

    private static final Map<String, String> RUN = Map.of("injector", "0", "profile", "smoke", "run_id", "smoke-20261201T020000Z",
            "simulation", "BackendApiSimulation");
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{(.*)\\} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final AtomicReference<Double> secondsIntoRun = new AtomicReference<>(-1.0);
    private final AtomicReference<List<LiveSeries.AbortRuleState>> abortRules = new AtomicReference<>(List.of());
    private final LiveSeries series = new LiveSeries("smoke-20261201T020000Z", 0, "smoke", "BackendApiSimulation",
            new LoadShape(5, 2, 0, 10, 15), List.of(new Threshold.PercentileLimit("createSession", 99, 250),
            new Threshold.ErrorRateLimit("all", 1)), new FixedSources(secondsIntoRun::get, 3, 2, 0, 0.25, abortRules::get));
    private MetricsEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void everyRequestAndFailureIsCountedByNameAndKindWithTheRunsLabels() throws Exception {
        series.requestEnded("createSession", 12, null);
        series.requestEnded("createSession", 40, ErrorKind.HTTP_5XX);
        series.requestEnded("token", 3, null);

        String text = scrape();

        assertSample(text, "stella_harness_requests_total", "2.0", "request", "createSession");
        assertSample(text, "stella_harness_requests_total", "1.0", "request", "token");
        assertSample(text, "stella_harness_request_failures_total", "1.0", "kind", "HTTP_5XX", "request", "createSession");
        assertSample(text, "stella_harness_request_duration_seconds_count", "2", "request", "createSession");
        assertSample(text, "stella_harness_requests_in_flight", "3.0");
        assertSample(text, "stella_harness_voice_sessions_held", "2.0");
        assertSample(text, "stella_harness_injector_cpu_ratio", "0.25");
    }

    @Test
    void eachThresholdsLimitIsABucketBoundOfItsOwnAndASeriesToDraw() throws Exception {
        series.requestEnded("createSession", 240, null);
        series.requestEnded("createSession", 260, null);

        String text = scrape();

        assertSample(text, "stella_harness_request_duration_seconds_bucket", "1", "request", "createSession", "le", "0.25");
        assertSample(text, "stella_harness_request_duration_seconds_bucket", "2", "request", "createSession", "le", "0.3");
        assertSample(text, "stella_harness_threshold_seconds", "0.25", "percentile", "99", "request", "createSession");
        assertSample(text, "stella_harness_threshold_error_percent", "1.0", "request", "all");
    }

    @Test
    void theScheduleAndThePhaseAreReadWhenScraped() throws Exception {
        series.userArrived(true);
        series.userArrived(false);
        secondsIntoRun.set(8.0);

        String text = scrape();

        // 5 s at 2/s, then 3 s at 10/s
        assertSample(text, "stella_harness_users_planned_total", "40.0");
        assertSample(text, "stella_harness_users_arrived_total", "2.0");
        assertSample(text, "stella_harness_users_started_total", "1.0");
        assertSample(text, "stella_harness_phase", "1.0", "phase", "steady");
        assertSample(text, "stella_harness_phase", "0.0", "phase", "warm-up");
        assertSample(text, "stella_harness_arrival_rate_per_sec", "10.0");
    }

    @Test
    void theStatusIsRunningUntilTheRunIsJudgedAndEachAbortRuleShowsItsState() throws Exception {
        abortRules.set(List.of(new LiveSeries.AbortRuleState("abortOnFail/0 (all errors > 50% for 3 s)", 2, 3, false)));
        assertSample(scrape(), "stella_harness_run_status", "1.0", "status", "RUNNING");

        series.runJudged("FAIL");

        String text = scrape();
        assertSample(text, "stella_harness_run_status", "0.0", "status", "RUNNING");
        assertSample(text, "stella_harness_run_status", "1.0", "status", "FAIL");
        assertSample(text, "stella_harness_abort_rule_bad_seconds", "2.0", "rule", "abortOnFail/0 (all errors > 50% for 3 s)");
        assertSample(text, "stella_harness_abort_rule_fired", "0.0", "rule", "abortOnFail/0 (all errors > 50% for 3 s)");
    }

    @Test
    void aPortThatIsTakenRefusesTheRunNamingTheFlag() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ConfigException refused = assertThrows(ConfigException.class, () -> MetricsEndpoint.start(
                    new MetricsSettings("127.0.0.1", taken.getLocalPort(), 0), series));

            assertTrue(refused.problems().get(0).startsWith("metrics.port: cannot serve the live metrics on 127.0.0.1:"
                    + taken.getLocalPort() + " ("), refused.problems().get(0));
        }
    }

    private String scrape() throws Exception {
        if (endpoint == null) {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            endpoint = MetricsEndpoint.start(new MetricsSettings("127.0.0.1", port, 0), series);
        }
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.url())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        return answer.body();
    }

    /** A sample of {@code name} whose labels are the run's and {@code labels} (name, value, ...), of that value. */
    private static void assertSample(String text, String name, String value, String... labels) {
        Map<String, String> wanted = new HashMap<>(RUN);
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        for (String line : text.lines().toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches() && sample.group(1).equals(name) && sample.group(3).equals(value)) {
                Map<String, String> found = new HashMap<>();
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
                if (found.equals(wanted)) {
                    return;
                }
            }
        }
        throw new AssertionError("no sample " + name + wanted + " " + value + " in\n" + text);
    }
}
