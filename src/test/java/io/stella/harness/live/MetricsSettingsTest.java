package io.stella.harness.live;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsSettingsTest {

    @Test
    void offUnlessAPortIsGivenAndOnLoopbackUnlessAHostIs() {
        assertEquals(Optional.empty(), MetricsSettings.from(new Settings(Map.of())));
        assertEquals(Optional.of(new MetricsSettings("127.0.0.1", 9464, 15)),
                MetricsSettings.from(new Settings(Map.of("metrics.port", "9464"))));
        assertEquals(Optional.of(new MetricsSettings("0.0.0.0", 9464, 0)),
                MetricsSettings.from(new Settings(Map.of("metrics.port", "9464", "metrics.host", "0.0.0.0", "metrics.lingerSec", "0"))));
    }

    @Test
    void aBadValueIsOneLineNamingTheFlag() {
        assertEquals("metrics.port: must be a whole number within 1..65535 (was ninety)", assertThrows(ConfigException.class,
                () -> MetricsSettings.from(new Settings(Map.of("metrics.port", "ninety")))).problems().get(0));
        assertEquals("metrics.lingerSec: must be a whole number within 0..3600 (was -1)", assertThrows(ConfigException.class,
                () -> MetricsSettings.from(new Settings(Map.of("metrics.port", "9464", "metrics.lingerSec", "-1")))).problems().get(0));
        assertEquals("metrics.host: must be a host name or address to listen on (was http://x/)", assertThrows(ConfigException.class,
                () -> MetricsSettings.from(new Settings(Map.of("metrics.port", "9464", "metrics.host", "http://x/")))).problems().get(0));
    }
}
