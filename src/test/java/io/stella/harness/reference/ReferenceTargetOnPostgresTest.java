package io.stella.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.stella.harness.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code DATABASE_URL=postgresql://...} puts the reference target on PostgreSQL. Runs where
 * {@code STELLA_TEST_DATABASE_URL} names a database that may be written to: {@code .ci/run} starts a
 * throwaway one on loopback.
 */
@EnabledIfEnvironmentVariable(named = "STELLA_TEST_DATABASE_URL", matches = "postgres(ql)?://([^@/]*@)?(127\\.0\\.0\\.1|localhost)[:/].*")
class ReferenceTargetOnPostgresTest {

    static final String DATABASE_URL = System.getenv("STELLA_TEST_DATABASE_URL");

    @Test
    void sessionsAreStoredInPostgresAndReadinessChecksIt() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start(ReferenceSettings.from(new Settings(Map.of(
                "DATABASE_URL", DATABASE_URL, "STELLA_CLIENT_SECRET", "pg-secret"))))) {
            assertEquals(200, ReferenceTargetContractTest.call(target, "GET", "/readyz", null, null).statusCode());
            JsonNode token = ReferenceTargetContractTest.json(ReferenceTargetContractTest.call(target, "POST",
                    "/api/auth/token", null, "{\"clientId\":\"stella-harness\",\"clientSecret\":\"pg-secret\"}"));
            String bearer = "Bearer " + token.get("accessToken").asText();
            String id = ReferenceTargetContractTest.json(ReferenceTargetContractTest.call(target, "POST", "/api/sessions",
                    bearer, "{\"agent\":\"on-postgres\"}")).get("id").asText();
            assertEquals(204, ReferenceTargetContractTest.call(target, "DELETE", "/api/sessions/" + id, bearer, null).statusCode());

            try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                    "SELECT status, agent FROM sessions WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next(), "the session row is in PostgreSQL");
                    assertEquals("ended", row.getString("status"));
                    assertEquals("on-postgres", row.getString("agent"));
                }
            }
        }
    }

    private static Connection connect() throws Exception {
        URI uri = URI.create(DATABASE_URL);
        String user = uri.getUserInfo() == null ? null : uri.getUserInfo().split(":")[0];
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getPath(), user, null);
    }
}
