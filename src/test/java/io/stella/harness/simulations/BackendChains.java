package io.stella.harness.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.stella.harness.config.ContractPaths;
import io.stella.harness.config.TargetConfig;
import io.stella.harness.run.CapacityGate;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
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

    private static final String LIVE_START = "harness.liveStartMillis";
    private static final String LIVE_STATUS = "harness.liveStatus";
    private static final String LIVE_RETRY_AFTER = "harness.liveRetryAfter";

    private final ContractPaths paths;
    private final String tokenRequestBody;
    private final CapacityGate gate;

    BackendChains(TargetConfig target, String tokenRequestBody) {
        this(target, tokenRequestBody, null);
    }

    /** @param gate where requests are timed live for a degradation phase, or null for none */
    BackendChains(TargetConfig target, String tokenRequestBody, CapacityGate gate) {
        this.paths = target.paths();
        this.tokenRequestBody = tokenRequestBody;
        this.gate = gate;
    }

    static HttpProtocolBuilder protocol(TargetConfig target) {
        return io.gatling.javaapi.http.HttpDsl.http.baseUrl(target.baseUrlText())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("stella-load-harness");
    }

    /** Logs in; saves {@code accessToken}. The user stops here if it cannot. */
    ChainBuilder token() {
        return timed(TOKEN, http(TOKEN).post(paths.token())
                .body(StringBody(tokenRequestBody)),
                status().is(200), jsonPath("$.accessToken").saveAs("accessToken"))
                .exitHereIfFailed();
    }

    /** Creates a session; saves {@code sessionId}, {@code participantToken} and {@code livekitUrl}. */
    ChainBuilder createSession() {
        return timed(CREATE_SESSION, http(CREATE_SESSION).post(paths.sessions())
                .header("Authorization", "Bearer #{accessToken}")
                .body(StringBody("{\"agent\":\"stella-agent\",\"metadata\":{\"source\":\"stella-load-harness\"}}")),
                status().is(201), jsonPath("$.id").saveAs("sessionId"),
                jsonPath("$.participantToken").saveAs("participantToken"),
                jsonPath("$.livekitUrl").saveAs("livekitUrl"))
                .exitHereIfFailed();
    }

    ChainBuilder endSession() {
        return timed(END_SESSION, http(END_SESSION).delete(paths.sessionPath("#{sessionId}"))
                .header("Authorization", "Bearer #{accessToken}"),
                status().is(204));
    }

    /**
     * The request with its checks; with a degradation phase it is also timed here as it runs, so that
     * the gate can judge the stairs before Gatling's log is readable, and each refusal's
     * {@code Retry-After} is noted (Gatling's log keeps no headers). Those checks come first: Gatling
     * stops at a request's first failing check, and the request's own fail on every refusal.
     */
    ChainBuilder timed(String name, HttpRequestActionBuilder request, CheckBuilder... checks) {
        if (gate == null) {
            return exec(request.check(checks));
        }
        return exec(session -> session.set(LIVE_START, System.currentTimeMillis()))
                .exec(request.check(status().saveAs(LIVE_STATUS), header("Retry-After").optional().saveAs(LIVE_RETRY_AFTER))
                        .check(checks))
                .exec(session -> {
                    long startMillis = session.getLong(LIVE_START);
                    Integer status = session.contains(LIVE_STATUS) ? session.getInt(LIVE_STATUS) : null;
                    gate.record(name, startMillis, System.currentTimeMillis() - startMillis, status,
                            session.contains(LIVE_RETRY_AFTER));
                    return session.remove(LIVE_STATUS).remove(LIVE_RETRY_AFTER);
                });
    }


    ContractPaths paths() {
        return paths;
    }
}
