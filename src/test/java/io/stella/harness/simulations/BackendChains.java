package io.stella.harness.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.stella.harness.config.ContractPaths;
import io.stella.harness.config.TargetConfig;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The backend calls every STELLA journey starts and ends with, shared by the simulations: the
 * client-credentials token, creating a voice session (which hands out the LiveKit room and the
 * participant token), and ending it. Request names are the report rows and threshold keys.
 */
final class BackendChains {

    static final String TOKEN = "token";
    static final String CREATE_SESSION = "createSession";
    static final String END_SESSION = "endSession";

    private final ContractPaths paths;
    private final String tokenRequestBody;

    BackendChains(TargetConfig target, String tokenRequestBody) {
        this.paths = target.paths();
        this.tokenRequestBody = tokenRequestBody;
    }

    static HttpProtocolBuilder protocol(TargetConfig target) {
        return io.gatling.javaapi.http.HttpDsl.http.baseUrl(target.baseUrlText())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("stella-load-harness");
    }

    /** Logs in; saves {@code accessToken}. The user stops here if it cannot. */
    ChainBuilder token() {
        return exec(http(TOKEN).post(paths.token())
                .body(StringBody(tokenRequestBody))
                .check(status().is(200), jsonPath("$.accessToken").saveAs("accessToken")))
                .exitHereIfFailed();
    }

    /** Creates a session; saves {@code sessionId}, {@code participantToken} and {@code livekitUrl}. */
    ChainBuilder createSession() {
        return exec(http(CREATE_SESSION).post(paths.sessions())
                .header("Authorization", "Bearer #{accessToken}")
                .body(StringBody("{\"agent\":\"stella-agent\",\"metadata\":{\"source\":\"stella-load-harness\"}}"))
                .check(status().is(201), jsonPath("$.id").saveAs("sessionId"),
                        jsonPath("$.participantToken").saveAs("participantToken"),
                        jsonPath("$.livekitUrl").saveAs("livekitUrl")))
                .exitHereIfFailed();
    }

    ChainBuilder endSession() {
        return exec(http(END_SESSION).delete(paths.sessionPath("#{sessionId}"))
                .header("Authorization", "Bearer #{accessToken}")
                .check(status().is(204)));
    }

    ContractPaths paths() {
        return paths;
    }
}
