package io.stella.harness.reference;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stella.harness.reference.livekit.AgentPool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The key metrics the checklist names, in Prometheus text: request latency, errors, active
 * sessions, database pool connections, and the agent pool (workers, conversations busy and free, jobs waiting). One registry per target, so tests can run several.
 */
final class ReferenceMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram requestSeconds;
    private final Counter errors;
    private final AtomicLong activeSessions = new AtomicLong();

    ReferenceMetrics(Database database) {
        requestSeconds = Histogram.builder().name("http_request_duration_seconds")
                .help("HTTP request latency, by method, route and status").labelNames("method", "route", "status")
                .classicOnly().classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        errors = Counter.builder().name("http_request_errors_total")
                .help("HTTP answers with status >= 400, by route and status").labelNames("route", "status")
                .register(registry);
        GaugeWithCallback.builder().name("stella_active_sessions").help("Sessions created and not yet ended")
                .callback(callback -> callback.call(activeSessions.get())).register(registry);
        GaugeWithCallback.builder().name("db_pool_connections").help("Database pool connections, by state")
                .labelNames("state")
                .callback(callback -> {
                    var pool = database.poolStats();
                    callback.call(pool.getActiveConnections(), "active");
                    callback.call(pool.getIdleConnections(), "idle");
                    callback.call(pool.getThreadsAwaitingConnection(), "pending");
                }).register(registry);
    }

    /** The agent pool's gauges: the pod count the checklist names, and how full the pool is. */
    void agentPool(java.util.function.Supplier<AgentPool.Load> load) {
        GaugeWithCallback.builder().name("stella_agent_workers").help("Agent workers (pods) taking conversations")
                .callback(callback -> callback.call(load.get().workers())).register(registry);
        GaugeWithCallback.builder().name("stella_agent_conversations").help("Agent conversation slots, by state")
                .labelNames("state")
                .callback(callback -> {
                    AgentPool.Load now = load.get();
                    callback.call(now.busy(), "busy");
                    callback.call(now.free(), "free");
                }).register(registry);
        GaugeWithCallback.builder().name("stella_agent_jobs_waiting").help("Conversations waiting for a free agent")
                .callback(callback -> callback.call(load.get().waiting())).register(registry);
        CounterWithCallback.builder().name("stella_agent_jobs_unanswered").help("Conversations no agent took within the wait limit")
                .callback(callback -> callback.call(load.get().unanswered())).register(registry);
    }

    void observe(String method, String route, int status, double seconds) {
        String statusText = Integer.toString(status);
        requestSeconds.labelValues(method, route, statusText).observe(seconds);
        if (status >= 400) {
            errors.labelValues(route, statusText).inc();
        }
    }

    void sessionStarted() {
        activeSessions.incrementAndGet();
    }

    void sessionEnded() {
        activeSessions.decrementAndGet();
    }

    void activeSessionsAtStart(long count) {
        activeSessions.set(count);
    }

    String contentType() {
        return writer.getContentType();
    }

    byte[] scrape() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
