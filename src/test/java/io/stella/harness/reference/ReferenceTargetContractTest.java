package io.stella.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livekit.server.RoomServiceClient;
import io.stella.harness.config.Settings;
import livekit.LivekitModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The STELLA target contract (DESIGN.md), row by row, through real HTTP calls on loopback. */
class ReferenceTargetContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "contract-test-secret";
    static ReferenceTarget target;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        target = ReferenceTarget.start(ReferenceSettings.from(new Settings(Map.of(
                "STELLA_CLIENT_SECRET", SECRET, "CORS_ORIGINS", "https://app.example, https://admin.example"))));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    void itListensOnLoopbackOnly() {
        assertEquals("127.0.0.1", target.baseUrl().getHost());
    }

    @Test
    void livenessAnswersOk() throws Exception {
        HttpResponse<String> health = call("GET", "/healthz", null, null);
        assertEquals(200, health.statusCode());
        assertEquals("ok", json(health).get("status").asText());
    }

    @Test
    void readinessAnswersWhileTheDatabaseDoes() throws Exception {
        assertEquals(200, call("GET", "/readyz", null, null).statusCode());
    }

    @Test
    void aTokenIsAnHs256JwtForTheClient() throws Exception {
        HttpResponse<String> answer = call("POST", "/api/auth/token", null,
                "{\"clientId\":\"stella-harness\",\"clientSecret\":\"" + SECRET + "\"}");

        assertEquals(200, answer.statusCode());
        String token = json(answer).get("accessToken").asText();
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("HS256", header.get("alg").asText());
        assertEquals("stella-harness", claims.get("sub").asText());
        assertEquals(3600, json(answer).get("expiresIn").asLong());
    }

    @Test
    void badCredentialsGet401InTheErrorShape() throws Exception {
        HttpResponse<String> answer = call("POST", "/api/auth/token", null,
                "{\"clientId\":\"stella-harness\",\"clientSecret\":\"wrong\"}");

        assertEquals(401, answer.statusCode());
        assertErrorShape(answer, "unauthorized");
    }

    @Test
    void aSessionIsCreatedReadListedAndEnded() throws Exception {
        String bearer = bearer();
        HttpResponse<String> created = call("POST", "/api/sessions", bearer, "{\"agent\":\"stella-agent\",\"metadata\":{\"k\":1}}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode session = json(created);
        for (String field : new String[] {"id", "roomName", "livekitUrl", "participantIdentity", "participantToken", "status", "createdAt"}) {
            assertTrue(session.hasNonNull(field), field + " missing from " + session);
        }
        assertEquals("active", session.get("status").asText());
        String id = session.get("id").asText();

        HttpResponse<String> read = call("GET", "/api/sessions/" + id, bearer, null);
        assertEquals(200, read.statusCode());
        assertEquals(id, json(read).get("id").asText());
        assertFalse(json(read).has("participantToken"), "the participant token is given once, at creation");

        HttpResponse<String> listed = call("GET", "/api/sessions?limit=100", bearer, null);
        assertEquals(200, listed.statusCode());
        assertTrue(json(listed).get("items").findValuesAsText("id").contains(id));

        assertEquals(204, call("DELETE", "/api/sessions/" + id, bearer, null).statusCode());
        assertEquals("ended", json(call("GET", "/api/sessions/" + id, bearer, null)).get("status").asText());
        assertEquals(204, call("DELETE", "/api/sessions/" + id, bearer, null).statusCode(), "ending twice is harmless");
    }

    @Test
    void theParticipantTokenIsALivekitJoinGrantForTheSessionsRoom() throws Exception {
        JsonNode session = json(call("POST", "/api/sessions", bearer(), "{\"agent\":\"stella-agent\"}"));
        String token = session.get("participantToken").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));

        assertEquals(target.settings().livekit().apiKey(), claims.get("iss").asText());
        assertEquals(session.get("participantIdentity").asText(), claims.get("sub").asText());
        assertTrue(claims.get("video").get("roomJoin").asBoolean());
        assertEquals(session.get("roomName").asText(), claims.get("video").get("room").asText());
        assertTrue(claims.get("exp").asLong() > System.currentTimeMillis() / 1000, "the token must not be expired");
    }

    @Test
    void aSessionOpensALivekitRoomWithItsAgentAndEndingItClosesTheRoom() throws Exception {
        RoomServiceClient rooms = RoomServiceClient.createClient(target.baseUrl().toString(),
                target.settings().livekit().apiKey(), target.settings().livekit().apiSecret());
        String bearer = bearer();
        JsonNode session = json(call("POST", "/api/sessions", bearer, "{\"agent\":\"stella-agent\"}"));
        String room = session.get("roomName").asText();

        assertEquals(List.of(room), rooms.listRooms(List.of(room)).execute().body().stream()
                .map(LivekitModels.Room::getName).toList());
        long deadline = System.currentTimeMillis() + 5_000;
        List<LivekitModels.ParticipantInfo> participants = List.of();
        while (participants.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            participants = rooms.listParticipants(room).execute().body();
        }
        assertEquals(1, participants.size(), "the dispatched agent joins the room");
        assertEquals(LivekitModels.ParticipantInfo.Kind.AGENT, participants.get(0).getKind());
        assertEquals("stella-agent", participants.get(0).getName());

        assertEquals(204, call("DELETE", "/api/sessions/" + session.get("id").asText(), bearer, null).statusCode());
        assertEquals(List.of(), rooms.listRooms(List.of(room)).execute().body());
    }

    @Test
    void listingPagesWithACursorUntilTheLastPage() throws Exception {
        String bearer = bearer();
        for (int i = 0; i < 5; i++) {
            call("POST", "/api/sessions", bearer, "{\"agent\":\"pager\"}");
        }
        JsonNode first = json(call("GET", "/api/sessions?limit=2", bearer, null));
        assertEquals(2, first.get("items").size());
        String cursor = first.get("nextCursor").asText();
        JsonNode second = json(call("GET", "/api/sessions?limit=2&cursor=" + cursor, bearer, null));
        assertEquals(2, second.get("items").size());
        assertFalse(second.get("items").findValuesAsText("id").contains(first.get("items").get(1).get("id").asText()));
        JsonNode all = json(call("GET", "/api/sessions?limit=100", bearer, null));
        assertTrue(all.get("nextCursor").isNull());
    }

    @Test
    void sessionCallsWithoutAValidTokenGet401() throws Exception {
        assertErrorShape(call("GET", "/api/sessions", null, null), "unauthorized");
        assertErrorShape(call("GET", "/api/sessions", "Bearer forged.token.value", null), "unauthorized");
        assertEquals(401, call("POST", "/api/sessions", null, "{}").statusCode());
    }

    @Test
    void unknownSessionsAndRoutesGet404InTheErrorShape() throws Exception {
        HttpResponse<String> unknown = call("GET", "/api/sessions/no-such-id", bearer(), null);
        assertEquals(404, unknown.statusCode());
        assertErrorShape(unknown, "not_found");
        HttpResponse<String> noRoute = call("GET", "/no/such/route", null, null);
        assertEquals(404, noRoute.statusCode());
        assertErrorShape(noRoute, "not_found");
    }

    @Test
    void malformedBodiesGet400InTheErrorShape() throws Exception {
        HttpResponse<String> garbage = call("POST", "/api/sessions", bearer(), "{not json");
        assertEquals(400, garbage.statusCode());
        assertErrorShape(garbage, "bad_request");
        assertEquals(400, call("POST", "/api/sessions", bearer(), "{\"agent\": 5}").statusCode());
        assertEquals(400, call("GET", "/api/sessions?limit=abc", bearer(), null).statusCode());
        assertEquals(400, call("GET", "/api/sessions?limit=1000", bearer(), null).statusCode());
    }

    @Test
    void metricsExposeTheKeyMetricsInPrometheusText() throws Exception {
        call("GET", "/healthz", null, null);
        HttpResponse<String> metrics = call("GET", "/metrics", null, null);

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        for (String name : new String[] {"http_request_duration_seconds_bucket", "http_request_errors_total",
                "stella_active_sessions", "db_pool_connections", "stella_agent_workers", "stella_agent_conversations",
                "stella_agent_jobs_waiting", "stella_agent_jobs_unanswered_total"}) {
            assertTrue(metrics.body().contains(name), name + " missing");
        }
    }

    @Test
    void theStaticAssetIsCacheableAndRevalidates() throws Exception {
        HttpResponse<String> first = call("GET", "/static/app.js", null, null);
        assertEquals(200, first.statusCode());
        assertEquals("public, max-age=3600", first.headers().firstValue("Cache-Control").orElseThrow());
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(url("/static/app.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void aPreflightFromATrustedOriginIsAllowedAndAnyOtherIsNot() throws Exception {
        HttpResponse<String> trusted = preflight("https://admin.example");
        assertEquals("https://admin.example", trusted.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(trusted.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));

        HttpResponse<String> other = preflight("https://evil.example");
        assertNull(other.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertNull(other.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
    }

    private static HttpResponse<String> preflight(String origin) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url("/api/sessions")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String bearer() throws Exception {
        HttpResponse<String> answer = call("POST", "/api/auth/token", null,
                "{\"clientId\":\"stella-harness\",\"clientSecret\":\"" + SECRET + "\"}");
        return "Bearer " + json(answer).get("accessToken").asText();
    }

    static HttpResponse<String> call(String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        return call(target, method, path, authorization, body);
    }

    static HttpResponse<String> call(ReferenceTarget on, String method, String path, String authorization, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(on.baseUrl().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI url(String path) {
        return target.baseUrl().resolve(path);
    }

    static JsonNode json(HttpResponse<String> answer) throws IOException {
        return JSON.readTree(answer.body());
    }

    static void assertErrorShape(HttpResponse<String> answer, String error) throws IOException {
        JsonNode body = json(answer);
        assertEquals(error, body.get("error").asText(), answer.body());
        assertNotNull(body.get("message").asText());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }
}
