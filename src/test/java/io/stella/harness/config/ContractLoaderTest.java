package io.stella.harness.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContractLoaderTest {

    static final Path OAUTH_NESTED = Path.of("src/test/resources/contracts/oauth-nested.json");

    @TempDir
    Path dir;

    @Test
    void aContractFileDescribesEveryCallAndWhereItsAnswersKeepTheirValues() {
        TargetContract contract = ContractLoader.load(OAUTH_NESTED);

        assertEquals("/v2/oauth/token", contract.paths().token());
        assertEquals("/v2/voice/sessions/42", contract.paths().sessionPath("42"));
        assertEquals(TargetContract.TokenEncoding.FORM, contract.token().encoding());
        assertEquals("grant_type=client_credentials&client_id=the+client&client_secret=s%26cret",
                contract.tokenRequestBody("the client", "s&cret"));
        assertEquals("{\"agentName\":\"stella-agent\",\"context\":{\"run\":\"r1\"}}", contract.createSessionBody("{\"run\":\"r1\"}"));
        assertEquals("$.session.livekit.token", contract.sessions().participantTokenPath());
        assertEquals(200, contract.sessions().endStatus());
    }

    @Test
    void whatAContractFileLeavesOutIsV1() throws IOException {
        Path file = Files.writeString(dir.resolve("paths-only.json"), "{\"paths\": {\"healthz\": \"/livez\"}}");

        TargetContract contract = ContractLoader.load(file);

        assertEquals("/livez", contract.paths().healthz());
        assertEquals(TargetContract.V1.token(), contract.token());
        assertEquals("{\"clientId\":\"c\",\"clientSecret\":\"s\"}", contract.tokenRequestBody("c", "s"));
        assertEquals("{\"agent\":\"stella-agent\",\"metadata\":{}}", contract.createSessionBody("{}"));
    }

    @Test
    void theAccessTokenIsReadAtItsPathOrTheAnswerIsNamed() throws IOException {
        TargetContract contract = ContractLoader.load(OAUTH_NESTED);

        assertEquals("t0k", contract.accessTokenIn(200, "{\"access_token\": \"t0k\", \"expires_in\": 60}"));
        IOException missing = assertThrows(IOException.class, () -> contract.accessTokenIn(200, "{\"accessToken\": \"t0k\"}"));
        assertEquals("/v2/oauth/token answered without an access token at $.access_token", missing.getMessage());
        IOException refused = assertThrows(IOException.class, () -> contract.accessTokenIn(401, "{}"));
        assertEquals("/v2/oauth/token answered 401 to the harness's credentials (the contract expects 200)", refused.getMessage());
    }

    @Test
    void everyMistakeIsOneLineNamingFilePathRuleAndValue() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), """
                {"paths": {"session": "/s", "tokn": "/t"},
                 "token": {"encoding": "xml", "status": 401, "accessTokenPath": "access_token", "extraFields": {"a": 1}},
                 "sessions": {"createBody": [], "idPath": "$..id"}}
                """);

        ConfigException error = assertThrows(ConfigException.class, () -> ContractLoader.load(file));

        assertEquals(List.of(
                file + ": /paths/tokn is not a contract field (did you mean token?); known: healthz, readyz, token, sessions,"
                        + " session, metrics, staticAsset",
                file + ": /paths/session must contain {id} (was /s)",
                file + ": /token/encoding must be \"json\" or \"form\" (OAuth2 client credentials) (was xml)",
                file + ": /token/extraFields must be an object of text fields, e.g. {\"grant_type\": \"client_credentials\"}"
                        + " (was {\"a\":1})",
                file + ": /token/status must be a success status, 200..299 (was 401)",
                file + ": /token/accessTokenPath must be a JSON path of .name and [index] steps, e.g. $.data.id (was \"access_token\")",
                file + ": /sessions/createBody must be a JSON object, with \"{{metadata}}\" where the run's metadata goes (was [])",
                file + ": /sessions/idPath must be a JSON path of .name and [index] steps, e.g. $.data.id (was \"$..id\")"),
                error.problems());
    }

    @Test
    void aPathsFileAndAContractFileTogetherAreRefused() {
        ConfigException error = assertThrows(ConfigException.class, () -> TargetLoader.contract(new Settings(Map.of(
                "STELLA_PATHS", "paths.json", "STELLA_CONTRACT", OAUTH_NESTED.toString()))));

        assertEquals("STELLA_PATHS, STELLA_CONTRACT: give one; a contract file has the paths too (its \"paths\")", error.getMessage());
    }
}
