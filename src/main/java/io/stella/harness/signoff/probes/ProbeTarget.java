package io.stella.harness.signoff.probes;

import io.stella.harness.config.ContractPaths;
import io.stella.harness.config.TargetContract;
import io.stella.harness.config.LivekitTarget;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * What the probes need to know of the target. {@code trustedOrigins} are the origins CORS should
 * allow ({@code CORS_ORIGINS}); {@code sslContext} is null for the JVM's default trust;
 * {@code traceSampled} is the run's {@code -Dtrace.sampled}, for a probe that sends a traceparent.
 */
public record ProbeTarget(URI baseUrl, TargetContract contract, String clientId, String clientSecret, LivekitTarget livekit,
                          List<String> trustedOrigins, Duration timeout, SSLContext sslContext, boolean traceSampled) {

    public ProbeTarget {
        trustedOrigins = List.copyOf(trustedOrigins);
    }

    /** A target probed outside a run's settings: traceparents not marked sampled, as a run's are by default. */
    public ProbeTarget(URI baseUrl, TargetContract contract, String clientId, String clientSecret, LivekitTarget livekit,
                       List<String> trustedOrigins, Duration timeout, SSLContext sslContext) {
        this(baseUrl, contract, clientId, clientSecret, livekit, trustedOrigins, timeout, sslContext, false);
    }

    public ContractPaths paths() {
        return contract.paths();
    }

    public URI url(String path) {
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1)
                : baseUrl.toString();
        return URI.create(base + path);
    }

    public boolean https() {
        return "https".equals(baseUrl.getScheme());
    }

    /** Only the name is looked at: no lookup is made for a host that is not already an address. */
    public boolean loopback() {
        String host = baseUrl.getHost();
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ProbeTarget[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=***, livekit=" + livekit + "]";
    }
}
