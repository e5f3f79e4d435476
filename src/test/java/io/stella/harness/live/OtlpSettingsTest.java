package io.stella.harness.live;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OtlpSettingsTest {

    @Test
    void offUnlessAnEndpointIsGivenAsOpenTelemetryNamesItPropertyOrEnvironment() {
        assertEquals(Optional.empty(), OtlpSettings.from(new Settings(Map.of())));
        assertEquals(Optional.of(new OtlpSettings(URI.create("http://127.0.0.1:4318"), "http/protobuf", 5)),
                OtlpSettings.from(new Settings(Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318"))));
        assertEquals(Optional.of(new OtlpSettings(URI.create("http://collector:4317"), "grpc", 15)),
                OtlpSettings.from(new Settings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "otel.metric.export.interval", "15000"))));
    }

    @Test
    void overHttpMetricsGoUnderTheBasesV1MetricsAsTheConventionsSay() {
        assertEquals("http://127.0.0.1:4318/v1/metrics", OtlpPush.metricsEndpoint(
                new OtlpSettings(URI.create("http://127.0.0.1:4318/"), "http/protobuf", 5)));
        assertEquals("http://gateway/otlp/metrics", OtlpPush.metricsEndpoint(
                new OtlpSettings(URI.create("http://gateway/otlp/metrics"), "http/protobuf", 5)));
        assertEquals("http://collector:4317", OtlpPush.metricsEndpoint(new OtlpSettings(URI.create("http://collector:4317"), "grpc", 5)));
    }

    @Test
    void aBadValueIsOneLineNamingTheSetting() {
        assertEquals("otel.exporter.otlp.endpoint: must be an http(s) URL of an OTLP receiver, e.g. http://127.0.0.1:4318"
                + " (was collector:4318)", assertThrows(ConfigException.class, () -> OtlpSettings.from(new Settings(Map.of(
                "otel.exporter.otlp.endpoint", "collector:4318")))).problems().get(0));
        assertEquals("otel.exporter.otlp.protocol: must be http/protobuf or grpc (was http/json)", assertThrows(ConfigException.class,
                () -> OtlpSettings.from(new Settings(Map.of("otel.exporter.otlp.endpoint", "http://c:4318",
                        "otel.exporter.otlp.protocol", "http/json")))).problems().get(0));
        assertEquals("otel.metric.export.interval: must be whole milliseconds within 1000..3600000 (was 5s)",
                assertThrows(ConfigException.class, () -> OtlpSettings.from(new Settings(Map.of("otel.exporter.otlp.endpoint",
                        "http://c:4318", "otel.metric.export.interval", "5s")))).problems().get(0));
    }
}
