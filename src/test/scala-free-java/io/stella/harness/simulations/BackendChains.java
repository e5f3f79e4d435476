package io.stella.harness.simulations;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.stella.harness.config.Connections;
import io.stella.harness.config.ContractPaths;
import io.stella.harness.run.LiveRun;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyLength;
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

    private static final String LIVE_REQUEST = "harness.liveRequest";

    /**
     * The largest JSON answer the harness accepts; a larger one fails as a bad answer before its body
     * is parsed. Gatling's HTTP client has no body limit of its own: it holds a body whose checks read
     * it until they ran (and drops those of other requests as they arrive), so this bounds the
     * parsing and the time a body is kept, not the bytes received.
     */
    static final long MAX_JSON_BODY_BYTES = 1024 * 1024;

    private final ContractPaths paths;
    private final String tokenRequestBody;
    private final LiveRun live;
    private final Duration requestTimeout;

    private final String createSessionBody;

    /**
     * Every request is timed as it runs (ceiling, abort rules, capacity gate) and given the profile's
     * timeout: Gatling's own default (60 s) would let a stalled answer outlive the run.
     */
    BackendChains(HarnessRun run) {
        this.paths = run.target().paths();
        this.tokenRequestBody = run.tokenRequestBody();
        this.live = run.live();
        this.requestTimeout = run.requestTimeout();
        this.createSessionBody = "{\"agent\":\"stella-agent\",\"metadata\":" + run.sessionMetadataJson() + "}";
    }

    /** The target's base URL and headers; connections per user or shared, as the profile says. */
    static HttpProtocolBuilder protocol(HarnessRun run) {
        HttpProtocolBuilder protocol = io.gatling.javaapi.http.HttpDsl.http.baseUrl(run.target().baseUrlText())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("stella-load-harness");
        return run.profile().connections() == Connections.SHARED ? protocol.shareConnections() : protocol;
    }

    /** Logs in; saves {@code accessToken}. The user stops here if it cannot. */
    ChainBuilder token() {
        return timed(TOKEN, http(TOKEN).post(paths.token())
                .body(StringBody(tokenRequestBody)),
                jsonAnswer(status().is(200), jsonPath("$.accessToken").saveAs("accessToken")))
                .exitHereIfFailed();
    }

    /** Creates a session; saves {@code sessionId}, {@code participantToken} and {@code livekitUrl}. */
    ChainBuilder createSession() {
        return timed(CREATE_SESSION, http(CREATE_SESSION).post(paths.sessions())
                .header("Authorization", "Bearer #{accessToken}")
                .body(StringBody(createSessionBody)),
                jsonAnswer(status().is(201), jsonPath("$.id").saveAs("sessionId"),
                        jsonPath("$.participantToken").saveAs("participantToken"),
                        jsonPath("$.livekitUrl").saveAs("livekitUrl")))
                .exitHereIfFailed();
    }

    /**
     * The checks of an answer whose JSON is read: the status first, then that it says it is JSON and
     * is not oversized (chunked answers included), then the body's own checks. Gatling stops at the first failing check, so a
     * refusal reads as its status and an HTML error page or a 50 MB body is never parsed.
     */
    static CheckBuilder[] jsonAnswer(CheckBuilder status, CheckBuilder... bodyChecks) {
        CheckBuilder[] checks = new CheckBuilder[bodyChecks.length + 3];
        checks[0] = status;
        checks[1] = header("Content-Type").transform(value -> value.split(";")[0].trim()).is("application/json");
        checks[2] = bodyLength().lte((int) MAX_JSON_BODY_BYTES);
        System.arraycopy(bodyChecks, 0, checks, 3, bodyChecks.length);
        return checks;
    }

    ChainBuilder endSession() {
        return timed(END_SESSION, http(END_SESSION).delete(paths.sessionPath("#{sessionId}"))
                .header("Authorization", "Bearer #{accessToken}"),
                status().is(204));
    }

    /**
     * The request with its checks, also timed here as it runs: the ceiling on requests in flight, the
     * abort rules and a capacity search judge from these timings before Gatling's log is readable, and
     * each refusal's {@code Retry-After} is noted (Gatling's log keeps no headers). The status and
     * header checks come first: Gatling stops at a request's first failing check, and the request's
     * own fail on every refusal. The user's failed flag is cleared for the request and restored after,
     * so that this request's own failure can be told.
     *
     * <p>What the two hooks share travels in one {@link LiveRequest} that the checks fill in, rather than
     * in session attributes saved and removed again: each attribute write copies Gatling's immutable
     * attribute map, and those copies were the top cost of the harness's own code in the throughput
     * benchmark's profile (BENCHMARKS.md, part 1). Gatling calls an optional check's transform with
     * null when the header is missing, hence {@code value != null}: GracefulDegradationEndToEndTest's
     * refusals without {@code Retry-After} tell the difference.
     */
    ChainBuilder timed(String name, HttpRequestActionBuilder request, CheckBuilder... checks) {
        return exec(session -> {
            live.requestStarts();
            return session.set(LIVE_REQUEST, new LiveRequest(System.currentTimeMillis(), session.isFailed()))
                    .markAsSucceeded();
        })
                .exec(request.requestTimeout(requestTimeout)
                        .check(status().transformWithSession((status, session) -> liveRequest(session).status = status),
                                header("Retry-After").transformWithSession((value, session) -> liveRequest(session).retryAfter = value != null)
                                        .optional())
                        .check(checks))
                .exec(session -> {
                    LiveRequest started = liveRequest(session);
                    boolean failed = session.isFailed();
                    live.requestEnds(name, started.startMillis, System.currentTimeMillis() - started.startMillis, started.status,
                            started.retryAfter, failed);
                    return failed || !started.failedBefore ? session : session.markAsFailed();
                });
    }

    private static LiveRequest liveRequest(Session session) {
        return session.get(LIVE_REQUEST);
    }

    /**
     * One request as the live watch sees it. Mutable, and safe so: a virtual user runs one request at
     * a time, and each request gets a new one.
     */
    private static final class LiveRequest {
        final long startMillis;
        final boolean failedBefore;
        Integer status;
        boolean retryAfter;

        LiveRequest(long startMillis, boolean failedBefore) {
            this.startMillis = startMillis;
            this.failedBefore = failedBefore;
        }
    }

    ContractPaths paths() {
        return paths;
    }
}
