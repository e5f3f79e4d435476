package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.stella.harness.reference.ReferenceTargetMain;
import io.stella.harness.run.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The target breaks while the load runs. The reference target runs in its own JVM here, so that it
 * can die the way a real one does (SIGKILL: no goodbye, connections refused from then on).
 */
class TargetFaultsEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_SECRET = "faults-client-secret";

    @Test
    void aTargetKilledHalfwayLeavesACompleteFolderAndAnAbortedSignOffNamingTheRule() throws Exception {
        try (ForkedReference reference = ForkedReference.start()) {
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(9_000); // the run's JVM starts, passes pre-flight, and loads the target for some seconds
                    reference.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "reference-killer");
            killer.start();
            GatlingFork.Result run = GatlingFork.run("target-killed", Map.of("profile", "src/test/resources/profiles/abort-on-fail.json",
                    "STELLA_BASE_URL", reference.baseUrl(), "STELLA_CLIENT_ID", "stella-harness",
                    "STELLA_CLIENT_SECRET", CLIENT_SECRET));
            killer.join();

            assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
            assertTrue(!run.output().contains("Exception\n\tat ") && !run.output().contains(" ERROR "),
                    "a dead target is no harness failure: no stack trace, no error logged\n" + run.output());
            assertTrue(run.output().contains("STELLA harness: ABORTED by abortOnFail/0 (all errors > 50% for 3 s) fired"),
                    run.output());
            Path folder = run.onlyRunFolder();
            for (String file : List.of("summary.json", "latency.hlog", "signoff.json", "signoff.md", "signoff.html",
                    "gatling/index.html")) {
                assertTrue(Files.size(folder.resolve(file)) > 0, file + " in " + folder);
            }
            JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
            assertEquals("ABORTED", summary.get("status").asText());
            assertTrue(summary.get("safety").get("abortedBy").asText().startsWith("abortOnFail/0"), summary.get("safety").toString());
            JsonNode all = summary.get("requests").get("all").get("wholeRun");
            assertTrue(all.get("count").asLong() > all.get("errors").asLong(), "answers before the kill are kept: " + all);
            JsonNode created = summary.get("requests").get("createSession").get("wholeRun");
            assertTrue(created.get("count").asLong() > created.get("errors").asLong(), "whole journeys ran before it: " + created);
            assertTrue(all.get("errorsByKind").get("CONNECTION").asLong() > 0, "failures counted by kind: " + all);
            long abortedAtSec = summary.get("safety").get("abortedAtSec").asLong();
            assertTrue(abortedAtSec < 2 + 20, "stopped before its planned end: " + abortedAtSec);
            Rejudge.assertSameVerdicts(folder, ExitCode.NO_GO);
            JsonNode signOff = JSON.readTree(folder.resolve("signoff.json").toFile());
            assertEquals("NO-GO", signOff.get("verdict").asText());
            assertTrue(Files.readString(folder.resolve("signoff.md")).contains("ABORTED by abortOnFail/0"),
                    Files.readString(folder.resolve("signoff.md")));
            VoiceSessionEndToEndTest.assertNoSecretIn(run, List.of(CLIENT_SECRET)); // nor in an aborted run's files
        }
    }

    @Test
    void aTargetWhoseNameStopsResolvingMidRunIsCountedAsConnectionFailuresAndAborts(@TempDir Path dir) throws Exception {
        String host = "stella-vanishing.example";
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 " + host + "\n");
        try (ForkedReference reference = ForkedReference.start()) {
            Thread vanish = new Thread(() -> {
                try {
                    Thread.sleep(9_000);
                    Files.writeString(hosts, "127.0.0.1 some-other-name.example\n");
                } catch (InterruptedException | IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "dns-vanishes");
            vanish.start();
            GatlingFork.Result run = GatlingFork.run("dns-vanished", Map.of("profile", "src/test/resources/profiles/abort-on-fail.json",
                    "STELLA_BASE_URL", "http://" + host + ":" + reference.baseUrl().replaceAll(".*:", ""),
                    "STELLA_CLIENT_ID", "stella-harness", "STELLA_CLIENT_SECRET", CLIENT_SECRET, "target.confirm", host,
                    "jdk.net.hosts.file", hosts.toString(), "sun.net.inetaddr.ttl", "0"));
            vanish.join();

            assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
            JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
            assertEquals("ABORTED", summary.get("status").asText(), run.output());
            JsonNode all = summary.get("requests").get("all").get("wholeRun");
            assertTrue(all.get("count").asLong() > all.get("errors").asLong(), "answers before the name vanished are kept: " + all);
            assertTrue(all.get("errorsByKind").get("CONNECTION").asLong() > 0, "counted as connection failures: " + all);
            assertTrue(summary.get("errorMessages").toString().contains("UnknownHostException"), summary.get("errorMessages").toString());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"garbage-json, BAD_ANSWER", "wrong-content-type, BAD_ANSWER", "huge-body, BAD_ANSWER",
            "trickle, TIMEOUT", "reset, CONNECTION", "stall, TIMEOUT"})
    void aBrokenAnswerIsCountedByItsKindAndTheRunGoesOn(String broken, String kind) throws Exception {
        GatlingFork.Result run = GatlingFork.run("broken-" + broken, Map.of(
                "profile", "src/test/resources/profiles/broken-answers.json", "REFERENCE_BROKEN_ANSWER", broken));

        assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
        assertTrue(!run.output().contains("Exception\n\tat ") && !run.output().contains("OutOfMemoryError"),
                "no stack trace, no exhausted heap:\n" + run.output());
        JsonNode requests = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile()).get("requests");
        JsonNode list = requests.get("listSessions").get("wholeRun");
        assertTrue(list.get("count").asLong() >= 12, "every journey reached the broken call: " + list);
        assertEquals(list.get("count").asLong(), list.get("errors").asLong(), "every broken answer failed: " + list);
        // a 50 MB body can take longer than the 5 s timeout on a busy machine: then it counts as one
        assertTrue(list.get("errorsByKind").path(kind).asLong() * 2 >= list.get("count").asLong(), "counted as " + kind + ": " + list);
        for (String healthy : List.of("token", "createSession", "getSession", "endSession")) {
            // the failures stay with the broken call; a reference target busy sending 50 MB bodies on a
            // shared machine may still time out one healthy call now and then, which is the target's doing
            JsonNode figures = requests.get(healthy).get("wholeRun");
            assertTrue(figures.get("errors").asLong() * 20 <= figures.get("count").asLong(), healthy + " stays healthy around it: " + figures);
        }
    }

    @Test
    void aTargetThatSaysItIsUnhealthyGetsItsOwnExitCodeAndNoLoad() throws Exception {
        HttpServer unhealthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger healthz = new AtomicInteger();
        AtomicInteger others = new AtomicInteger();
        unhealthy.createContext("/", exchange -> {
            (exchange.getRequestURI().getPath().equals("/healthz") ? healthz : others).incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        unhealthy.start();
        try {
            String url = "http://127.0.0.1:" + unhealthy.getAddress().getPort();
            GatlingFork.Result run = GatlingFork.run("target-unhealthy", Map.of("STELLA_BASE_URL", url,
                    "STELLA_CLIENT_ID", "c", "STELLA_CLIENT_SECRET", CLIENT_SECRET));

            assertEquals(ExitCode.TARGET_DOWN.code(), run.exitCode(), run.output());
            assertTrue(run.output().contains("STELLA harness: target down: STELLA_BASE_URL " + url + ": healthz: GET " + url
                    + "/healthz answered 503, not 2xx: the target says it is not healthy; no load was sent"), run.output());
            assertEquals(1, healthz.get(), "the pre-flight's one request");
            assertEquals(0, others.get(), "requests of the load");
            BackendApiSimulationEndToEndTest.assertNoLoadWasSent(run);
        } finally {
            unhealthy.stop(0);
        }
    }

    /** The reference target in a JVM of its own on a free loopback port. */
    static final class ForkedReference implements AutoCloseable {
        private final Process process;
        private final int port;

        private ForkedReference(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static ForkedReference start() throws IOException, InterruptedException {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    "-DREFERENCE_PORT=" + port, "-DSTELLA_CLIENT_SECRET=" + CLIENT_SECRET,
                    ReferenceTargetMain.class.getName()).redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith("STELLA reference target listening on")) {
                    Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "reference-output");
                    drain.setDaemon(true);
                    drain.start();
                    return new ForkedReference(process, port);
                }
            }
            throw new AssertionError("the reference target did not start:\n" + seen);
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        void kill() {
            process.destroyForcibly();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
