package io.stella.harness.live;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.stella.harness.config.ConfigException;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Serves a run's {@link LiveSeries} at {@code http://<host>:<port>/metrics} (Prometheus text, or its
 * protobuf format, with native histograms, to a scraper that asks for it) from before the load until
 * the results are written and {@code lingerSec} more.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final HTTPServer server;
    private final MetricsSettings settings;

    private MetricsEndpoint(HTTPServer server, MetricsSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** Starts serving; a port that cannot be had refuses the run before any load, naming the flag. */
    public static MetricsEndpoint start(MetricsSettings settings, LiveSeries series) {
        try {
            HTTPServer server = HTTPServer.builder().hostname(settings.host()).port(settings.port())
                    .registry(series.registry()).buildAndStart();
            return new MetricsEndpoint(server, settings);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(MetricsSettings.PORT + ": cannot serve the live metrics on " + settings.host() + ":"
                    + settings.port() + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    public String url() {
        return "http://" + settings.host() + ":" + server.getPort() + "/metrics";
    }

    /** Keeps serving {@code lingerSec} so that a scraper sees the final figures, then stops. */
    public void lingerAndClose(PrintStream out) {
        if (settings.lingerSec() > 0) {
            out.println("STELLA harness: serving the final live metrics at " + url() + " for " + settings.lingerSec()
                    + " s more (-D" + MetricsSettings.LINGER_SEC + ")");
            out.flush();
            try {
                Thread.sleep(settings.lingerSec() * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    @Override
    public void close() {
        server.close();
    }
}
