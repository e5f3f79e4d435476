package io.stella.harness.simulations;

import io.stella.harness.judgement.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A target named by a host that is not this machine is refused before any lookup or connection. No
 * packet leaves loopback: a made-up name is mapped to a loopback listener through the JVM's hosts
 * file ({@code jdk.net.hosts.file}), and the listener counts what arrives. The same name, confirmed,
 * does reach the listener: so a count of zero means the refusal worked, not that the name led nowhere.
 */
class TargetSafetyEndToEndIT {

    static final String MADE_UP_HOST = "stella-staging.example";

    @TempDir
    Path dir;

    @Test
    void anUnconfirmedHostIsRefusedAndNothingArrives() throws Exception {
        try (CountingListener listener = new CountingListener()) {
            GatlingFork.Result run = GatlingFork.run("unconfirmed-host", properties(listener, null));

            assertEquals(ExitCode.INVALID_CONFIG.code(), run.exitCode(), run.output());
            assertTrue(run.output().contains("STELLA_BASE_URL: " + MADE_UP_HOST + " is not this machine; to send load to it,"
                    + " confirm with -Dtarget.confirm=" + MADE_UP_HOST + " (nothing was sent)"), run.output());
            assertEquals(0, listener.accepted(), "connections that reached the listener");
            BackendApiSimulationEndToEndIT.assertNoLoadWasSent(run);
        }
    }

    @Test
    void theSameHostConfirmedIsReachedSoTheRefusalAboveMeantSomething() throws Exception {
        try (CountingListener listener = new CountingListener()) {
            GatlingFork.Result run = GatlingFork.run("confirmed-host", properties(listener, MADE_UP_HOST));

            assertTrue(listener.accepted() > 0, "the confirmed run reached the listener through the hosts file:\n" + run.output());
        }
    }

    @Test
    void aConfirmedHostWhoseNameNoLongerResolvesIsDownBeforeAnyLoad() throws Exception {
        try (CountingListener listener = new CountingListener()) {
            Map<String, String> properties = properties(listener, MADE_UP_HOST);
            Files.writeString(dir.resolve("hosts"), "127.0.0.1 some-other-name.example\n"); // the name is gone

            GatlingFork.Result run = GatlingFork.run("vanished-host", properties);

            assertEquals(ExitCode.TARGET_DOWN.code(), run.exitCode(), run.output());
            assertTrue(run.output().contains("STELLA harness: target down: STELLA_BASE_URL http://" + MADE_UP_HOST + ":"
                    + listener.port() + ": DNS: " + MADE_UP_HOST + " does not resolve; no load was sent"), run.output());
            assertEquals(0, listener.accepted(), "connections that reached the listener");
            BackendApiSimulationEndToEndIT.assertNoLoadWasSent(run);
        }
    }

    private Map<String, String> properties(CountingListener listener, String confirm) throws IOException {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 " + MADE_UP_HOST + "\n");
        Map<String, String> properties = new HashMap<>(Map.of("jdk.net.hosts.file", hosts.toString(),
                "STELLA_BASE_URL", "http://" + MADE_UP_HOST + ":" + listener.port(),
                "STELLA_CLIENT_ID", "safety", "STELLA_CLIENT_SECRET", "safety-secret",
                "profile", "src/test/resources/profiles/one-second.json"));
        if (confirm != null) {
            properties.put("target.confirm", confirm);
        }
        return properties;
    }

    /** A loopback listener that accepts, counts and closes every connection. */
    static final class CountingListener implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();

        CountingListener() throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "counting-listener");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
