package io.stella.harness.signoff.probes;

import io.javalin.Javalin;
import io.stella.harness.config.TargetContract;
import io.stella.harness.signoff.ItemResult;
import io.stella.harness.signoff.ItemStatus;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Targets that get health checks and metrics wrong, served by a bare Javalin on loopback. */
class HealthAndMetricsProbesTest {

    static Javalin server(java.util.function.Consumer<io.javalin.config.JavalinConfig> routes) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            routes.accept(config);
        }).start(0);
    }

    static ProbeTarget targetOf(Javalin server) {
        return new ProbeTarget(URI.create("http://127.0.0.1:" + server.port()), TargetContract.V1, "c", "s", null, List.of(),
                Duration.ofSeconds(5), null);
    }

    @Test
    void aReadinessProbeThatAnswers503FailsHealthChecks() {
        Javalin server = server(config -> {
            config.routes.get("/healthz", ctx -> ctx.result("ok"));
            config.routes.get("/readyz", ctx -> ctx.status(503));
        });
        try {
            ItemResult result = Probes.run(targetOf(server), Set.of("healthChecks")).get(0);

            assertEquals(ItemStatus.FAIL, result.status());
            assertEquals("/readyz answered {503=10}", result.reason());
        } finally {
            server.stop();
        }
    }

    @Test
    void metricsWithoutSessionsAndDatabaseConnectionsFailKeyMetrics() {
        Javalin server = server(config -> config.routes.get("/metrics", ctx -> ctx.result("""
                # HELP http_request_duration_seconds latency
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{le="0.1"} 3
                http_request_errors_total{route="/x"} 1
                """)));
        try {
            ItemResult result = Probes.run(targetOf(server), Set.of("keyMetrics")).get(0);

            assertEquals(ItemStatus.FAIL, result.status());
            assertEquals("missing: active sessions, agent pod count, database connections", result.reason());
        } finally {
            server.stop();
        }
    }

    @Test
    void noMetricsEndpointAtAllFailsKeyMetrics() {
        Javalin server = server(config -> { });
        try {
            ItemResult result = Probes.run(targetOf(server), Set.of("keyMetrics")).get(0);
            assertEquals(ItemStatus.FAIL, result.status());
            assertEquals("/metrics answered 404", result.reason());
        } finally {
            server.stop();
        }
    }

    @Test
    void aTargetThatIsNotThereFailsEachProbeWithTheReason() {
        ProbeTarget nowhere = new ProbeTarget(URI.create("http://127.0.0.1:9"), TargetContract.V1, "c", "s", null, List.of(),
                Duration.ofSeconds(2), null);

        ItemResult result = Probes.run(nowhere, Set.of("healthChecks")).get(0);

        assertEquals(ItemStatus.FAIL, result.status());
        assertTrue(result.reason().startsWith("the target did not answer the probe: "), result.reason());
    }

    @Test
    void metricNamesAreTheFirstTokenOfEachSampleLine() {
        assertEquals(Set.of("a_total", "b_bucket", "c"), KeyMetricsProbe.metricNames("""
                # TYPE a_total counter
                a_total 1
                b_bucket{le="1"} 2

                c 3
                """));
    }
}
