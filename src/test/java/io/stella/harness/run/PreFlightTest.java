package io.stella.harness.run;

import com.sun.net.httpserver.HttpServer;
import io.stella.harness.config.TargetContract;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.signoff.probes.TlsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-flight against real servers on loopback: each stage that fails is named, with the URL. */
class PreFlightTest {

    private static final PreFlight PRE_FLIGHT = new PreFlight(Duration.ofSeconds(2));

    @TempDir
    Path dir;

    @Test
    void aHealthyTargetPassesEveryStage() throws Exception {
        try (Server server = new Server(200)) {
            List<String> passed = PRE_FLIGHT.check(target(server.baseUrl()));

            assertEquals(2, passed.size(), passed.toString());
            assertTrue(passed.get(0).startsWith("STELLA_BASE_URL " + server.baseUrl() + ": DNS, TCP ok (127.0.0.1:"), passed.get(0));
            assertTrue(passed.get(1).startsWith("STELLA_BASE_URL " + server.baseUrl() + ": GET /healthz 200 ("), passed.get(1));
            assertEquals(1, server.requests(), "the pre-flight sends one request");
        }
    }

    @Test
    void nothingListeningIsATcpFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort);

        PreFlight.TargetDown down = assertThrows(PreFlight.TargetDown.class, () -> PRE_FLIGHT.check(target(url)));

        assertTrue(down.getMessage().startsWith("STELLA_BASE_URL " + url + ": TCP: no connection to 127.0.0.1:" + closedPort
                + " within 2000 ms (ConnectException"), down.getMessage());
    }

    @Test
    void anUnhealthyAnswerIsAHealthzFailure() throws Exception {
        try (Server server = new Server(503)) {
            PreFlight.TargetDown down = assertThrows(PreFlight.TargetDown.class, () -> PRE_FLIGHT.check(target(server.baseUrl())));

            assertEquals("STELLA_BASE_URL " + server.baseUrl() + ": healthz: GET " + server.baseUrl() + "/healthz answered 503,"
                    + " not 2xx: the target says it is not healthy", down.getMessage());
        }
    }

    @Test
    void aCertificateNobodyTrustsIsATlsFailure() throws Exception {
        try (TlsServer server = new TlsServer(TlsServer.selfSignedCertificate(dir, "untrusted", 365))) {
            PreFlight.TargetDown down = assertThrows(PreFlight.TargetDown.class, () -> PRE_FLIGHT.check(target(server.baseUrl())));

            assertTrue(down.getMessage().startsWith("STELLA_BASE_URL " + server.baseUrl() + ": TLS: the handshake with 127.0.0.1:"
                    + server.baseUrl().getPort() + " failed ("), down.getMessage());
        }
    }

    private static TargetConfig target(URI baseUrl) {
        return new TargetConfig(baseUrl, false, "client", "secret", TargetContract.V1, null);
    }

    /** The JDK's HTTP server on loopback answering /healthz with one status, counting requests. */
    private static final class Server implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        Server(int status) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
