package io.stella.harness.run;

import io.stella.harness.config.LivekitTarget;
import io.stella.harness.config.TargetConfig;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the target before any load: its name resolves, a TCP connection opens, TLS (for https and
 * wss) completes with a certificate valid for the name, and {@code /healthz} answers 2xx. A target
 * that fails any of these gets one line naming the URL and the stage, and the run sends nothing.
 */
public final class PreFlight {

    /** Why the target cannot be loaded: the setting, its URL, the stage that failed and how. */
    public static final class TargetDown extends Exception {
        public TargetDown(String message) {
            super(message, null, false, false);
        }
    }

    private final Duration timeout;

    public PreFlight(Duration timeout) {
        this.timeout = timeout;
    }

    /** The stages passed, one short line each; throws at the first that fails. */
    public List<String> check(TargetConfig target) throws TargetDown {
        List<String> passed = new ArrayList<>();
        URI api = target.baseUrl();
        String apiName = "STELLA_BASE_URL " + api;
        passed.add(reach(apiName, api.getHost(), portOf(api), "https".equals(api.getScheme())));
        URI healthz = URI.create(target.baseUrlText() + target.paths().healthz());
        passed.add(healthz(apiName, healthz));
        LivekitTarget livekit = target.livekit();
        if (livekit != null && !target.embedded()) {
            URI url = URI.create(LivekitTarget.httpUrlOf(livekit.url()));
            passed.add(reach("LIVEKIT_URL " + livekit.url(), url.getHost(), portOf(url), "https".equals(url.getScheme())));
        }
        return passed;
    }

    private String reach(String name, String host, int port, boolean tls) throws TargetDown {
        long started = System.nanoTime();
        InetAddress address;
        try {
            address = InetAddress.getAllByName(host)[0];
        } catch (UnknownHostException e) {
            throw new TargetDown(name + ": DNS: " + host + " does not resolve");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            if (tls) {
                handshake(name, socket, host, port);
            }
        } catch (TargetDown e) {
            throw e;
        } catch (IOException e) {
            throw new TargetDown(name + ": TCP: no connection to " + address.getHostAddress() + ":" + port + " within "
                    + timeout.toMillis() + " ms (" + reason(e) + ")");
        }
        return name + ": DNS, TCP" + (tls ? ", TLS" : "") + " ok (" + address.getHostAddress() + ":" + port + ", "
                + (System.nanoTime() - started) / 1_000_000 + " ms)";
    }

    private void handshake(String name, Socket plain, String host, int port) throws TargetDown {
        try (SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, false)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name this host
            tls.setSSLParameters(parameters);
            tls.setSoTimeout((int) timeout.toMillis());
            tls.startHandshake();
        } catch (IOException e) {
            throw new TargetDown(name + ": TLS: the handshake with " + host + ":" + port + " failed (" + reason(e) + ")");
        }
    }

    private String healthz(String name, URI healthz) throws TargetDown {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(healthz).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new TargetDown(name + ": healthz: GET " + healthz + " answered " + response.statusCode()
                        + ", not 2xx: the target says it is not healthy");
            }
            return name + ": GET " + healthz.getPath() + " " + response.statusCode() + " ("
                    + (System.nanoTime() - started) / 1_000_000 + " ms)";
        } catch (IOException e) {
            throw new TargetDown(name + ": healthz: GET " + healthz + " failed (" + reason(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetDown(name + ": healthz: interrupted");
        }
    }

    private static int portOf(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
