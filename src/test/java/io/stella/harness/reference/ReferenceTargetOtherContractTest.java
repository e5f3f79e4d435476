package io.stella.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.Settings;
import io.stella.harness.config.TargetContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Told to speak another contract (REFERENCE_CONTRACT), the reference target answers in its shape, and only there. */
class ReferenceTargetOtherContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "other-contract-secret";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ReferenceTarget target;
    static TargetContract contract;

    @BeforeAll
    static void start() {
        target = ReferenceTarget.start(ReferenceSettings.from(new Settings(Map.of("STELLA_CLIENT_SECRET", SECRET,
                ReferenceSettings.CONTRACT, "src/test/resources/contracts/oauth-nested.json"))));
        contract = target.settings().contract();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @Test
    void aSessionIsMadeReadListedAndEndedInTheContractsShape() throws Exception {
        HttpResponse<String> token = HTTP.send(contract.tokenRequest(target.baseUrl(), target.settings().clientId(), SECRET,
                Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString());
        String bearer = "Bearer " + contract.accessTokenIn(token.statusCode(), token.body());

        HttpResponse<String> created = send("POST", "/v2/voice/sessions", bearer, contract.createSessionBody("{\"run\":\"r1\"}"));
        assertEquals(200, created.statusCode(), created.body());
        JsonNode session = JSON.readTree(created.body()).get("session");
        String id = contract.sessionIdIn(created.body());
        assertEquals(id, session.get("id").asText());
        assertTrue(session.get("livekit").get("url").asText().startsWith("ws://127.0.0.1:"), created.body());
        assertTrue(session.get("livekit").get("token").asText().startsWith("eyJ"), "a participant token");

        assertEquals(200, send("GET", "/v2/voice/sessions/" + id, bearer, null).statusCode());
        JsonNode listed = JSON.readTree(send("GET", "/v2/voice/sessions?limit=5", bearer, null).body());
        assertEquals(id, listed.get("data").get("sessions").get(0).get("session").get("id").asText(), listed.toString());
        assertEquals(200, send("DELETE", "/v2/voice/sessions/" + id, bearer, null).statusCode());
    }

    @Test
    void theV1CallsAreNotThere() throws Exception {
        assertEquals(404, send("POST", "/api/auth/token", null, "{\"clientId\":\"stella-harness\",\"clientSecret\":\"" + SECRET + "\"}")
                .statusCode());
        assertEquals(200, send("GET", "/v2/health/live", null, null).statusCode());
    }

    @Test
    void aTokenRequestWithoutTheGrantTypeIsRefused() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v2/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=stella-harness&client_secret=" + SECRET)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(400, answer.statusCode());
        assertEquals("\"grant_type\" must be client_credentials", JSON.readTree(answer.body()).get("message").asText());
    }

    private static HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
