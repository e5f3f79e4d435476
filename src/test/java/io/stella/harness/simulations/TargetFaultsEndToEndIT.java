package io.stella.harness.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.stella.harness.reference.ReferenceTargetMain;
import io.stella.harness.judgement.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
class TargetFaultsEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_SECRET = "faults-client-secret";

    /** Gatling's line once the simulation (past the run's pre-flight) starts its load. */
    private static final String LOAD_STARTED = "Simulation " + BackendApiSimulation.class.getName() + " started";
    /** The target takes load at least this long before it breaks: the 2 s warm-up and 2 s at 20 journeys/s... */
    private static final Duration BREAKS_AFTER = Duration.ofSeconds(4);
    /** ...and until it has created this many sessions, however slowly a busy machine lets it start. */
    private static final int SESSIONS_BEFORE_IT_BREAKS = 20;

    /**
     * The runs whose target breaks mid-run wait on the clock and count errors: they run side by side
     * (the suite pays for one), each judged by its own test.
     */
    private static final GatlingFork.SideBySide BROKEN_MID_RUN = new GatlingFork.SideBySide(2)
            .add("target-killed", TargetFaultsEndToEndIT::runWithTheTargetKilledHalfway)
            .add("dns-vanished", TargetFaultsEndToEndIT::runWithTheTargetsNameVanishingHalfway);

    /**
     * The broken-answer runs count errors by kind, two of them mostly waiting out 5 s timeouts: two at
     * a time, the longest first. Not the 8 MB bodies: moving them is CPU work, and on a busy machine
     * they can outlast the timeout (see the test), so that run has the machine to itself.
     */
    private static final String RUNS_ALONE = "huge-body";
    private static final GatlingFork.SideBySide BROKEN_ANSWERS = new GatlingFork.SideBySide(2);

    static {
        for (String broken : List.of("stall", "trickle", "garbage-json", "wrong-content-type", "reset")) {
            BROKEN_ANSWERS.add(broken, () -> brokenAnswerRun(broken));
        }
    }

    private static GatlingFork.Result brokenAnswerRun(String broken) throws Exception {
        return GatlingFork.run("broken-" + broken, Map.of(
                "profile", "src/test/resources/profiles/broken-answers.json", "REFERENCE_BROKEN_ANSWER", broken));
    }

    private static GatlingFork.Result runWithTheTargetKilledHalfway() throws Exception {
        try (ForkedReference reference = ForkedReference.start()) {
            // the run's JVM starts, passes pre-flight, and loads the target for some seconds; then the target dies
            return GatlingFork.run("target-killed", BackendApiSimulation.class, Map.of(
                    "profile", "src/test/resources/profiles/abort-on-fail.json",
                    "STELLA_BASE_URL", reference.baseUrl(), "STELLA_CLIENT_ID", "stella-harness",
                    "STELLA_CLIENT_SECRET", CLIENT_SECRET), LOAD_STARTED, BREAKS_AFTER, harness -> {
                        reference.awaitSessionsCreated(SESSIONS_BEFORE_IT_BREAKS, harness);
                        reference.kill();
                    });
        }
    }

    private static GatlingFork.Result runWithTheTargetsNameVanishingHalfway() throws Exception {
        String host = "stella-vanishing.example";
        Path dir = Path.of("target", "e2e", "dns-vanished-hosts").toAbsolutePath();
        GatlingFork.deleteTree(dir);
        Files.createDirectories(dir);
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 " + host + "\n");
        try (ForkedReference reference = ForkedReference.start()) {
            return GatlingFork.run("dns-vanished", BackendApiSimulation.class, Map.of(
                    "profile", "src/test/resources/profiles/abort-on-fail.json",
                    "STELLA_BASE_URL", "http://" + host + ":" + reference.baseUrl().replaceAll(".*:", ""),
                    "STELLA_CLIENT_ID", "stella-harness", "STELLA_CLIENT_SECRET", CLIENT_SECRET, "target.confirm", host,
                    "jdk.net.hosts.file", hosts.toString(), "sun.net.inetaddr.ttl", "0"), LOAD_STARTED, BREAKS_AFTER,
                    harness -> {
                        reference.awaitSessionsCreated(SESSIONS_BEFORE_IT_BREAKS, harness);
                        Files.writeString(hosts, "127.0.0.1 some-other-name.example\n");
                    });
        }
    }

    @Test
    void aTargetKilledHalfwayLeavesACompleteFolderAndAnAbortedSignOffNamingTheRule() throws Exception {
        GatlingFork.Result run = BROKEN_MID_RUN.result("target-killed");

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
        VoiceSessionEndToEndIT.assertNoSecretIn(run, List.of(CLIENT_SECRET)); // nor in an aborted run's files
    }

    @Test
    void aTargetWhoseNameStopsResolvingMidRunIsCountedAsConnectionFailuresAndAborts() throws Exception {
        GatlingFork.Result run = BROKEN_MID_RUN.result("dns-vanished");

        assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
        JsonNode summary = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile());
        assertEquals("ABORTED", summary.get("status").asText(), run.output());
        JsonNode all = summary.get("requests").get("all").get("wholeRun");
        assertTrue(all.get("count").asLong() > all.get("errors").asLong(), "answers before the name vanished are kept: " + all);
        assertTrue(all.get("errorsByKind").get("CONNECTION").asLong() > 0, "counted as connection failures: " + all);
        assertTrue(summary.get("errorMessages").toString().contains("UnknownHostException"), summary.get("errorMessages").toString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"garbage-json, BAD_ANSWER", "wrong-content-type, BAD_ANSWER", "huge-body, BAD_ANSWER",
            "trickle, TIMEOUT", "reset, CONNECTION", "stall, TIMEOUT"})
    void aBrokenAnswerIsCountedByItsKindAndTheRunGoesOn(String broken, String kind) throws Exception {
        GatlingFork.Result run = broken.equals(RUNS_ALONE) ? brokenAnswerRun(broken) : BROKEN_ANSWERS.result(broken);

        assertEquals(ExitCode.NO_GO.code(), run.exitCode(), run.output());
        assertTrue(!run.output().contains("Exception\n\tat ") && !run.output().contains("OutOfMemoryError"),
                "no stack trace, no exhausted heap:\n" + run.output());
        JsonNode requests = JSON.readTree(run.onlyRunFolder().resolve("summary.json").toFile()).get("requests");
        JsonNode list = requests.get("listSessions").get("wholeRun");
        assertTrue(list.get("count").asLong() >= 12, "every journey reached the broken call: " + list);
        assertEquals(list.get("count").asLong(), list.get("errors").asLong(), "every broken answer failed: " + list);
        // a huge body can take longer than the 5 s timeout on a busy machine: then it counts as one. At 50 MB
        // (4 a second, both ends in one JVM) with one of the 2 cores taken, 10 of 16 did (P50 5.1 s): now 8 MB
        assertTrue(list.get("errorsByKind").path(kind).asLong() * 2 >= list.get("count").asLong(), "counted as " + kind + ": " + list);
        for (String healthy : List.of("token", "createSession", "getSession", "endSession")) {
            // the failures stay with the broken call; a reference target busy sending 8 MB bodies on a
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
            BackendApiSimulationEndToEndIT.assertNoLoadWasSent(run);
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

        /** Waits (at most 30 s, or until the harness ends) until the target has answered {@code count} session creates with 201. */
        void awaitSessionsCreated(long count, Process harness) throws IOException, InterruptedException {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest metrics = HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics")).timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (harness.isAlive() && System.nanoTime() < deadline) {
                long created = client.send(metrics, HttpResponse.BodyHandlers.ofString()).body().lines()
                        .filter(line -> line.startsWith("http_request_duration_seconds_count{")
                                && line.contains("method=\"POST\"") && line.contains("status=\"201\""))
                        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .sum();
                if (created >= count) {
                    return;
                }
                Thread.sleep(100);
            }
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
