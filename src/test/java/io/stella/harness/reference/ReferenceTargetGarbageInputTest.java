package io.stella.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference target fed garbage: each answer is a 4xx in the JSON error shape, never a 5xx, and
 * it keeps serving; under an overload every session it said it created is still in its database.
 */
class ReferenceTargetGarbageInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "garbage-test-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ReferenceTarget target;
    private static String bearer;

    @BeforeAll
    static void start() throws Exception {
        target = ReferenceTarget.start(ReferenceSettings.from(new Settings(Map.of("STELLA_CLIENT_SECRET", SECRET,
                ReferenceSettings.MAX_CONCURRENT, "4", ReferenceSettings.RATE_LIMIT, "100000"))));
        bearer = "Bearer " + JSON.readTree(send("POST", "/api/auth/token", null, "application/json",
                "{\"clientId\":\"stella-harness\",\"clientSecret\":\"" + SECRET + "\"}").body()).get("accessToken").asText();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    /** A garbage request: what it is, and the call. */
    record Garbage(String what, String method, String path, boolean authorized, String contentType, String body) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Garbage> garbage() {
        String deepNesting = "[".repeat(100_000) + "]".repeat(100_000);
        return Stream.of(
                new Garbage("malformed JSON to the token endpoint", "POST", "/api/auth/token", false, "application/json", "{\"clientId\":"),
                new Garbage("a JSON array for credentials", "POST", "/api/auth/token", false, "application/json", "[1,2,3]"),
                new Garbage("credentials as form data", "POST", "/api/auth/token", false, "application/x-www-form-urlencoded", "clientId=a&clientSecret=b"),
                new Garbage("an empty body to create a session", "POST", "/api/sessions", true, "application/json", ""),
                new Garbage("a JSON string to create a session", "POST", "/api/sessions", true, "application/json", "\"stella\""),
                new Garbage("JSON nested 100,000 deep", "POST", "/api/sessions", true, "application/json", deepNesting),
                new Garbage("a 5 MB body", "POST", "/api/sessions", true, "application/json",
                        "{\"agent\": \"" + "a".repeat(5 * 1024 * 1024) + "\"}"),
                new Garbage("bytes that are not UTF-8", "POST", "/api/sessions", true, "application/json",
                        new String(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, StandardCharsets.ISO_8859_1)),
                new Garbage("metadata that is no object", "POST", "/api/sessions", true, "application/json",
                        "{\"agent\": \"stella-agent\", \"metadata\": [1]}"),
                new Garbage("a bearer token that is no JWT", "GET", "/api/sessions", false, null, null),
                new Garbage("a session id full of odd characters", "GET", "/api/sessions/%00%2F..%2F..%2Fetc", true, null, null),
                new Garbage("a negative page size", "GET", "/api/sessions?limit=-1", true, null, null),
                new Garbage("a cursor that is no number", "GET", "/api/sessions?cursor=abc", true, null, null),
                new Garbage("an unknown path", "GET", "/api/../../etc/passwd", false, null, null),
                new Garbage("a method the route does not have", "PUT", "/api/sessions", true, "application/json", "{}"),
                new Garbage("ending a session that does not exist", "DELETE", "/api/sessions/no-such-session", true, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageGetsA4xxInTheErrorShapeAndNeverA5xx(Garbage garbage) throws Exception {
        HttpResponse<String> answer = send(garbage.method(), garbage.path(),
                garbage.authorized() ? bearer : (garbage.what().contains("bearer") ? "Bearer not-a-jwt" : null),
                garbage.contentType(), garbage.body());

        assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, garbage + ": " + answer.statusCode() + " " + answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertTrue(body.hasNonNull("error") && body.hasNonNull("message"), garbage + ": " + answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), garbage.toString());
        assertEquals(200, send("GET", "/healthz", null, null, null).statusCode(), "still serving after " + garbage);
    }

    @Test
    void clientsThatSendSlowlyDoNotStopOthersBeingServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.baseUrl().getPort());
                OutputStream out = socket.getOutputStream();
                // Logged in, as a slow mobile client or a slowloris with a stolen token is: refused at the door, it would prove nothing.
                out.write(("POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ag").getBytes(StandardCharsets.US_ASCII));
                out.flush(); // and then nothing more
                slow.add(socket);
            }
            long started = System.nanoTime();
            HttpResponse<String> created = send("POST", "/api/sessions", bearer, "application/json", "{\"agent\":\"stella-agent\"}");
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertEquals(201, created.statusCode(), created.body());
            assertTrue(millis < 5_000, "a normal call waited " + millis + " ms behind 50 slow clients");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void everySessionAnsweredAsCreatedSurvivesAnOverload() throws Exception {
        // 300 creations at once against a limit of 4 in flight: many are refused (503), and every one
        // answered 201 must be in the database afterwards, and nothing else.
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(HTTP.sendAsync(request("POST", "/api/sessions", bearer, "application/json",
                    "{\"agent\":\"stella-agent\",\"metadata\":{\"n\":" + i + "}}"), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> created = new HashSet<>();
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> answer = call.join();
            if (answer.statusCode() == 201) {
                created.add(JSON.readTree(answer.body()).get("id").asText());
            } else {
                assertTrue(answer.statusCode() == 503 || answer.statusCode() == 429, answer.statusCode() + " " + answer.body());
                refused++;
            }
        }
        assertTrue(refused > 0 && !created.isEmpty(), "an overload with both outcomes: " + created.size() + " created, " + refused + " refused");

        Set<String> stored = new HashSet<>();
        String cursor = null;
        do {
            HttpResponse<String> page = retryWhileRefused("/api/sessions?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            JsonNode body = JSON.readTree(page.body());
            body.get("items").forEach(item -> stored.add(item.get("id").asText()));
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
        } while (cursor != null);
        assertTrue(stored.containsAll(created), "every session answered 201 is stored: missing "
                + created.stream().filter(id -> !stored.contains(id)).toList());
    }

    private static HttpResponse<String> retryWhileRefused(String path) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> answer = send("GET", path, bearer, null, null);
            if (answer.statusCode() != 503 || attempt == 20) {
                assertEquals(200, answer.statusCode(), answer.body());
                return answer;
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String contentType, String body)
            throws IOException, InterruptedException {
        return HTTP.send(request(method, path, authorization, contentType, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, String path, String authorization, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.baseUrl().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }
}
