package io.stella.harness.api;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.stella.harness.config.ContractPaths;
import io.stella.harness.config.TargetContract;
import io.stella.harness.run.HarnessRun;

import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyLength;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The backend calls every STELLA journey starts and ends with: the client-credentials token,
 * creating a voice session (which hands out the LiveKit room and the participant token), and ending
 * it, written as the target's contract says ({@code STELLA_CONTRACT}; v1 by default). Each is timed
 * live. Request names are the report rows and threshold keys; what they save in the session is named
 * by the constants below, the same whatever the contract.
 */
public final class BackendChains {

    public static final String TOKEN = "token";
    public static final String CREATE_SESSION = "createSession";
    public static final String END_SESSION = "endSession";

    /** Session attributes the calls save, for the requests that follow them. */
    public static final String ACCESS_TOKEN = "accessToken";
    public static final String SESSION_ID = "sessionId";
    public static final String PARTICIPANT_TOKEN = "participantToken";
    public static final String LIVEKIT_URL = "livekitUrl";

    /**
     * The largest JSON answer the harness accepts; a larger one fails as a bad answer before its body
     * is parsed. Gatling's HTTP client has no body limit of its own: it holds a body whose checks read
     * it until they ran (and drops those of other requests as they arrive), so this bounds the
     * parsing and the time a body is kept, not the bytes received.
     */
    static final long MAX_JSON_BODY_BYTES = 1024 * 1024;

    private final TargetContract contract;
    private final ContractPaths paths;
    private final String tokenRequestBody;
    private final String createSessionBody;
    private final Function<HttpRequestActionBuilder, ChainBuilder> timed;

    BackendChains(HarnessRun run, Function<HttpRequestActionBuilder, ChainBuilder> timed) {
        this.contract = run.target().contract();
        this.paths = contract.paths();
        this.tokenRequestBody = run.tokenRequestBody();
        this.createSessionBody = run.createSessionBody();
        this.timed = timed;
    }

    /** Logs in; saves {@value #ACCESS_TOKEN}. The user stops here if it cannot. */
    public ChainBuilder token() {
        TargetContract.TokenCall call = contract.token();
        return timed.apply(http(TOKEN).post(paths.token())
                .header("Content-Type", call.encoding().contentType())
                .body(StringBody(tokenRequestBody))
                .check(jsonAnswer(status().is(call.status()), jsonPath(call.accessTokenPath()).saveAs(ACCESS_TOKEN))))
                .exitHereIfFailed();
    }

    /** Creates a session; saves {@value #SESSION_ID}, {@value #PARTICIPANT_TOKEN} and {@value #LIVEKIT_URL}. */
    public ChainBuilder createSession() {
        TargetContract.SessionCalls calls = contract.sessions();
        return timed.apply(http(CREATE_SESSION).post(paths.sessions())
                .header("Authorization", "Bearer #{" + ACCESS_TOKEN + "}")
                .body(StringBody(createSessionBody))
                .check(jsonAnswer(status().is(calls.createStatus()), jsonPath(calls.idPath()).saveAs(SESSION_ID),
                        jsonPath(calls.participantTokenPath()).saveAs(PARTICIPANT_TOKEN),
                        jsonPath(calls.livekitUrlPath()).saveAs(LIVEKIT_URL))))
                .exitHereIfFailed();
    }

    /** Reads the session back. */
    public HttpRequestActionBuilder getSession(String name) {
        return http(name).get(paths.sessionPath("#{" + SESSION_ID + "}"))
                .header("Authorization", "Bearer #{" + ACCESS_TOKEN + "}")
                .check(status().is(contract.sessions().getStatus()));
    }

    /** Lists the client's sessions, a page of {@code limit}. */
    public HttpRequestActionBuilder listSessions(String name, int limit) {
        return http(name).get(paths.sessions() + "?limit=" + limit)
                .header("Authorization", "Bearer #{" + ACCESS_TOKEN + "}")
                .check(jsonAnswer(status().is(contract.sessions().listStatus()), jsonPath(contract.sessions().itemsPath()).exists()));
    }

    public ChainBuilder endSession() {
        return timed.apply(http(END_SESSION).delete(paths.sessionPath("#{" + SESSION_ID + "}"))
                .header("Authorization", "Bearer #{" + ACCESS_TOKEN + "}")
                .check(status().is(contract.sessions().endStatus())));
    }

    /**
     * The checks of an answer whose JSON is read: the status first, then that it says it is JSON and
     * is not oversized (chunked answers included), then the body's own checks. Gatling stops at the
     * first failing check, so a refusal reads as its status and an HTML error page or an 8 MB body is
     * never parsed.
     */
    public static CheckBuilder[] jsonAnswer(CheckBuilder status, CheckBuilder... bodyChecks) {
        CheckBuilder[] checks = new CheckBuilder[bodyChecks.length + 3];
        checks[0] = status;
        checks[1] = header("Content-Type").transform(value -> value.split(";")[0].trim()).is("application/json");
        checks[2] = bodyLength().lte((int) MAX_JSON_BODY_BYTES);
        System.arraycopy(bodyChecks, 0, checks, 3, bodyChecks.length);
        return checks;
    }
}
