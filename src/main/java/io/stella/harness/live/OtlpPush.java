package io.stella.harness.live;

import io.prometheus.metrics.exporter.opentelemetry.OpenTelemetryExporter;
import io.stella.harness.config.ConfigException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** The last push's reader never pushes on its own: a day is longer than any run's end. */
    private static final int NEVER_SEC = 24 * 60 * 60;

    private final OpenTelemetryExporter exporter;
    private final OtlpSettings settings;
    private final LiveSeries series;
    private final String instance;
    private final AtomicBoolean closing;

    private OtlpPush(OpenTelemetryExporter exporter, OtlpSettings settings, LiveSeries series, String instance, AtomicBoolean closing) {
        this.exporter = exporter;
        this.settings = settings;
        this.series = series;
        this.instance = instance;
        this.closing = closing;
    }

    /**
     * The exporter's SDK logs a failed push with a stack trace (java.util.logging); a collector that
     * is down is the user's setting, not a harness failure: one line each, once per message. Held
     * here because java.util.logging keeps its loggers weakly.
     */
    private static final Logger SDK_LOG = Logger.getLogger("io.prometheus.metrics.shaded");

    private static void reportPushFailuresOnOneLine(OtlpSettings settings, AtomicBoolean closing) {
        Set<String> said = ConcurrentHashMap.newKeySet();
        SDK_LOG.setUseParentHandlers(false);
        SDK_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                // closing the interval reader cancels its push on the wire: expected, the last push follows
                boolean cancelledByClose = closing.get() && String.valueOf(record.getMessage()).contains("Canceled");
                if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getMessage() != null && !cancelledByClose) {
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
        AtomicBoolean closing = new AtomicBoolean();
        reportPushFailuresOnOneLine(settings, closing);
        try {
            return new OtlpPush(exporter(settings, series, instance, settings.intervalSec()), settings, series, instance, closing);
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

    private static OpenTelemetryExporter exporter(OtlpSettings settings, LiveSeries series, String instance, int intervalSec) {
        return OpenTelemetryExporter.builder().registry(series.registry())
                .endpoint(metricsEndpoint(settings)).protocol(settings.protocol()).intervalSeconds(intervalSec)
                .serviceName("stella-load-harness").serviceInstanceId(instance).buildAndStart();
    }

    /**
     * Stops the interval pushes, then makes the last push, with the judged figures, on a reader of its own. The
     * interval reader's own last push is dropped ("Exporter busy") when one of its pushes is still on the wire,
     * as it often is at one push a second; a reader that has never pushed makes it, and its close waits for it
     * (up to 5 s, the SDK's bound).
     */
    @Override
    public void close() {
        closing.set(true);
        exporter.close();
        try {
            exporter(settings, series, instance, NEVER_SEC).close();
        } catch (RuntimeException e) {
            System.out.println("STELLA harness: warning: the last push of the live metrics to " + settings.endpoint()
                    + " failed (" + e.getMessage() + ")");
        }
    }
}
