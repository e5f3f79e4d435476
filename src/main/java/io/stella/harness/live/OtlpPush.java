package io.stella.harness.live;

import io.prometheus.metrics.exporter.opentelemetry.OpenTelemetryExporter;
import io.stella.harness.config.ConfigException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Pushes a run's {@link LiveSeries} over OTLP every interval through the Prometheus client's
 * OpenTelemetry exporter, from the same registry the {@code /metrics} endpoint serves, so both carry
 * the same figures under the same names. It is closed once the run is judged: its last push carries
 * the final totals and the judged {@code run_status}.
 */
public final class OtlpPush implements AutoCloseable {

    private final OpenTelemetryExporter exporter;
    private final OtlpSettings settings;

    private OtlpPush(OpenTelemetryExporter exporter, OtlpSettings settings) {
        this.exporter = exporter;
        this.settings = settings;
    }

    /**
     * The exporter's SDK logs a failed push with a stack trace (java.util.logging); a collector that
     * is down is the user's setting, not a harness failure: one line each, once per message. Held
     * here because java.util.logging keeps its loggers weakly.
     */
    private static final Logger SDK_LOG = Logger.getLogger("io.prometheus.metrics.shaded");

    private static void reportPushFailuresOnOneLine(OtlpSettings settings) {
        Set<String> said = ConcurrentHashMap.newKeySet();
        SDK_LOG.setUseParentHandlers(false);
        SDK_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getMessage() != null) {
                    String line = "STELLA harness: warning: pushing the live metrics to " + settings.endpoint() + ": "
                            + record.getMessage().lines().findFirst().orElse("");
                    if (said.add(line)) {
                        System.out.println(line);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** @param instance this injector's name in the run (the resource's service.instance.id) */
    public static OtlpPush start(OtlpSettings settings, LiveSeries series, String instance) {
        reportPushFailuresOnOneLine(settings);
        try {
            OpenTelemetryExporter exporter = OpenTelemetryExporter.builder().registry(series.registry())
                    .endpoint(metricsEndpoint(settings)).protocol(settings.protocol()).intervalSeconds(settings.intervalSec())
                    .serviceName("stella-load-harness").serviceInstanceId(instance).buildAndStart();
            return new OtlpPush(exporter, settings);
        } catch (RuntimeException e) {
            throw new ConfigException(OtlpSettings.ENDPOINT + ": cannot push the live metrics to " + settings.endpoint() + " ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * As OpenTelemetry's conventions read {@code otel.exporter.otlp.endpoint}: over http/protobuf it is
     * the receiver's base, metrics go to {@code /v1/metrics} under it (a URL with a path of its own is
     * taken as it is); over gRPC it is used as given.
     */
    static String metricsEndpoint(OtlpSettings settings) {
        String endpoint = settings.endpoint().toString();
        String path = settings.endpoint().getPath();
        boolean baseOnly = path == null || path.isEmpty() || path.equals("/");
        return settings.protocol().equals("http/protobuf") && baseOnly
                ? endpoint.replaceAll("/$", "") + "/v1/metrics" : endpoint;
    }

    public String describe() {
        return settings.endpoint() + " (" + settings.protocol() + ", every " + settings.intervalSec() + " s)";
    }

    @Override
    public void close() {
        exporter.close();
    }
}
