package io.stella.harness.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stella.harness.config.Settings;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With the busy signal on, the backend refuses a session while every agent is busy (503 with
 * Retry-After, fast) instead of opening a room no agent will come to; a session ended frees its agent.
 */
class AgentsBusySignalTest {

    @Test
    void aSessionBeyondTheFreeAgentsGetsABusySignalUntilOneEnds() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start(ReferenceSettings.from(new Settings(Map.of(
                "STELLA_CLIENT_SECRET", ReferenceTargetContractTest.SECRET, "REFERENCE_AGENT_WORKERS", "1",
                "REFERENCE_AGENT_CONVERSATIONS_PER_WORKER", "2", "REFERENCE_AGENT_BUSY_SIGNAL", "true"))))) {
            String bearer = "Bearer " + new ObjectMapper().readTree(ReferenceTargetContractTest.call(target, "POST", "/api/auth/token", null,
                    "{\"clientId\":\"stella-harness\",\"clientSecret\":\"" + ReferenceTargetContractTest.SECRET + "\"}").body())
                    .get("accessToken").asText();
            String first = create(target, bearer, 201);
            create(target, bearer, 201);

            HttpResponse<String> busy = ReferenceTargetContractTest.call(target, "POST", "/api/sessions", bearer,
                    "{\"agent\":\"stella-agent\"}");
            assertEquals(503, busy.statusCode(), busy.body());
            assertEquals("2", busy.headers().firstValue("Retry-After").orElse(null));
            assertEquals("agents_busy", new ObjectMapper().readTree(busy.body()).get("error").asText(), busy.body());

            assertEquals(204, ReferenceTargetContractTest.call(target, "DELETE", "/api/sessions/" + first, bearer, null).statusCode());
            create(target, bearer, 201);
        }
    }

    private static String create(ReferenceTarget target, String bearer, int status) throws Exception {
        HttpResponse<String> answer = ReferenceTargetContractTest.call(target, "POST", "/api/sessions", bearer, "{\"agent\":\"stella-agent\"}");
        assertEquals(status, answer.statusCode(), answer.body());
        return new ObjectMapper().readTree(answer.body()).get("id").asText();
    }
}
