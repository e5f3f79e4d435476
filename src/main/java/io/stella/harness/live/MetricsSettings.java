package io.stella.harness.live;

import io.stella.harness.config.ConfigException;
import io.stella.harness.config.Settings;

import java.util.Optional;

/**
 * Where the run's live figures are served for Prometheus to scrape: {@code -Dmetrics.port} (off when
 * not given), on {@code -Dmetrics.host} (loopback unless told: the figures name the target's
 * requests), served on for {@code -Dmetrics.lingerSec} after the results are written so that a
 * scraper's last visit sees the final totals and the run's status.
 */
public record MetricsSettings(String host, int port, int lingerSec) {

    public static final String PORT = "metrics.port";
    public static final String HOST = "metrics.host";
    public static final String LINGER_SEC = "metrics.lingerSec";
    /** Prometheus's common scrape interval: one more scrape after the end sees the last figures. */
    static final int DEFAULT_LINGER_SEC = 15;

    /** The settings when {@code -Dmetrics.port} is given; a bad value is a one-line error naming the flag. */
    public static Optional<MetricsSettings> from(Settings settings) {
        if (settings.get(PORT).isEmpty()) {
            return Optional.empty();
        }
        int port = settings.wholeNumber(PORT, 0, 1, 65_535);
        String host = settings.getOrDefault(HOST, "127.0.0.1");
        if (host.contains("/") || host.contains(" ")) {
            throw new ConfigException(HOST + ": must be a host name or address to listen on (was " + host + ")");
        }
        return Optional.of(new MetricsSettings(host, port, settings.wholeNumber(LINGER_SEC, DEFAULT_LINGER_SEC, 0, 3_600)));
    }
}
