package io.stella.harness.live;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;

import java.net.URI;
import java.util.Optional;

/**
 * Where the run's live figures are pushed over OTLP when nothing can scrape the injector, named as
 * OpenTelemetry's own conventions name it: {@code -Dotel.exporter.otlp.endpoint} (or
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}), {@code otel.exporter.otlp.protocol} ({@code http/protobuf}, the
 * default, or {@code grpc}) and {@code otel.metric.export.interval} in milliseconds. OpenTelemetry's
 * default interval is a minute, which sees a ten-minute run ten times: here it is 5 s unless set.
 */
public record OtlpSettings(URI endpoint, String protocol, int intervalSec) {

    public static final String ENDPOINT = "otel.exporter.otlp.endpoint";
    public static final String PROTOCOL = "otel.exporter.otlp.protocol";
    public static final String INTERVAL = "otel.metric.export.interval";
    static final int DEFAULT_INTERVAL_MILLIS = 5_000;

    public static Optional<OtlpSettings> from(Settings settings) {
        Optional<String> endpoint = either(settings, ENDPOINT);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(endpoint.get());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigException(ENDPOINT + ": must be an http(s) URL of an OTLP receiver, e.g. http://127.0.0.1:4318"
                    + " (was " + endpoint.get() + ")");
        }
        String protocol = either(settings, PROTOCOL).orElse("http/protobuf");
        if (!protocol.equals("http/protobuf") && !protocol.equals("grpc")) {
            throw new ConfigException(PROTOCOL + ": must be http/protobuf or grpc (was " + protocol + ")");
        }
        String intervalText = either(settings, INTERVAL).orElse(Integer.toString(DEFAULT_INTERVAL_MILLIS));
        int intervalMillis;
        try {
            intervalMillis = Integer.parseInt(intervalText);
        } catch (NumberFormatException e) {
            intervalMillis = -1;
        }
        if (intervalMillis < 1_000 || intervalMillis > 3_600_000) {
            throw new ConfigException(INTERVAL + ": must be whole milliseconds within 1000..3600000 (was " + intervalText + ")");
        }
        return Optional.of(new OtlpSettings(uri, protocol, intervalMillis / 1000));
    }

    /** The system property, or OpenTelemetry's environment variable of the same name. */
    private static Optional<String> either(Settings settings, String property) {
        return settings.get(property).or(() -> settings.get(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_')));
    }
}
