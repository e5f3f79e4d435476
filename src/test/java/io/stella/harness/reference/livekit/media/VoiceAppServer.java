package io.stella.harness.reference.livekit.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A voice app's web server on loopback: its page, LiveKit's JavaScript client for the page, and its
 * one API call, {@code POST /session}, which gets a session from the STELLA backend server-side, so
 * that the client credentials never reach the browser.
 */
final class VoiceAppServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    VoiceAppServer(Path page, Path livekitClientBundle, StellaBackend backend) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> serveFile(exchange, "/", page, "text/html; charset=utf-8"));
        server.createContext("/livekit-client.umd.js", exchange -> serveFile(exchange, "/livekit-client.umd.js",
                livekitClientBundle, "text/javascript; charset=utf-8"));
        server.createContext("/session", exchange -> {
            if (!exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 405, "text/plain", "POST only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            try {
                answer(exchange, 200, "application/json", backend.newSession().toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                answer(exchange, 502, "text/plain", ("no session: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer(exchange, 503, "text/plain", "interrupted".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    /** The page's address, where the browser is sent. */
    URI pageUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void serveFile(HttpExchange exchange, String path, Path file, String contentType) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            answer(exchange, 404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8));
            return;
        }
        answer(exchange, 200, contentType, Files.readAllBytes(file));
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
