package io.stella.harness.api;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.http.response.Response;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.stella.harness.latency.TraceContext;
import io.stella.harness.run.live.LiveRun;

import static io.gatling.javaapi.core.CoreDsl.exec;

/**
 * Times every request as it runs, for what must be judged before Gatling's log can be read: the
 * ceiling on requests in flight, the abort rules and a capacity search's gate. A request (HTTP, or
 * any other action such as a WebSocket connect or an awaited frame) is wrapped in two steps that
 * tell {@link LiveRun} when it starts and ends; the HTTP status and whether a refusal carried
 * {@code Retry-After} are noted as the answer arrives, by the protocol's response hook: it runs
 * before a request's own checks (Gatling stops at the first failing check), and, being no check,
 * leaves Gatling's default status check in place for a request that has no status check of its own.
 *
 * <p>What the steps share travels in one {@link LiveRequest} that the checks fill in, rather than
 * in session attributes saved and removed again: each attribute write copies Gatling's immutable
 * attribute map, and those copies were the top cost of the harness's own code in the throughput
 * benchmark's profile (BENCHMARKS.md, part 1). GracefulDegradationEndToEndIT's refusals with and
 * without {@code Retry-After} tell whether the header is noted.
 */
final class LiveRequests {

    private static final String LIVE_REQUEST = "harness.liveRequest";

    private final LiveRun live;
    /** The run's {@code -Dtrace.sampled}: whether each request's traceparent asks the target to trace it. */
    private final boolean traceSampled;

    LiveRequests(LiveRun live, boolean traceSampled) {
        this.live = live;
        this.traceSampled = traceSampled;
    }

    /** For the protocol's response hook: notes the status and {@code Retry-After} of the request being timed, if one is. */
    Response noteAnswer(Response response, Session session) {
        LiveRequest request = liveRequest(session);
        if (request == null) {
            live.untimedRequestSeen();
        } else {
            request.status = response.status().code();
            request.retryAfter = response.headers().contains("Retry-After");
        }
        return response;
    }

    /**
     * An HTTP request, timed under the name it was given in {@code http(...)}, carrying a W3C
     * {@code traceparent} and an {@code X-Request-Id} (its trace id) of its own: summary.json names the
     * slowest requests' trace ids, to be looked up in the target's tracing or logs. The traceparent is
     * marked sampled only when the run says so.
     */
    ChainBuilder timed(HttpRequestActionBuilder request) {
        String name = RequestNames.of(request);
        return timed(name, request.header(TraceContext.TRACEPARENT, session -> traceOf(session).traceparent())
                .header(TraceContext.REQUEST_ID, session -> traceOf(session).requestId()));
    }

    /** The trace of the request being sent: the step before it made one. */
    private TraceContext traceOf(Session session) {
        LiveRequest request = liveRequest(session);
        if (request.trace == null) {
            request.trace = TraceContext.newRoot(traceSampled);
        }
        return request.trace;
    }

    /**
     * Any action that sends something and waits for its answer, timed under {@code name}. The user's
     * failed flag is cleared for the action and restored after, so that this action's own failure can
     * be told.
     */
    ChainBuilder timed(String name, ActionBuilder action) {
        return exec(this::started).exec(action).exec(session -> ended(name, session));
    }

    /** The step before the action: the request is in flight from now. */
    Session started(Session session) {
        live.requestStarts();
        return session.set(LIVE_REQUEST, new LiveRequest(System.currentTimeMillis(), session.isFailed())).markAsSucceeded();
    }

    /** The step after it: the request has ended, failed or not, and the user's earlier failure is restored. */
    Session ended(String name, Session session) {
        LiveRequest started = liveRequest(session);
        started.ended = true;
        boolean failed = session.isFailed();
        live.requestEnds(name, started.trace == null ? null : started.trace.traceId(), started.startMillis,
                System.currentTimeMillis() - started.startMillis, started.status, started.retryAfter, failed);
        return failed || !started.failedBefore ? session : session.markAsFailed();
    }

    /** The request being timed, or null (an ended one stays in the session: removing it would copy the attributes). */
    private static LiveRequest liveRequest(Session session) {
        LiveRequest request = session.contains(LIVE_REQUEST) ? session.get(LIVE_REQUEST) : null;
        return request == null || request.ended ? null : request;
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
        boolean ended;
        /** Made when an HTTP request's headers are written; null for other actions. */
        TraceContext trace;

        LiveRequest(long startMillis, boolean failedBefore) {
            this.startMillis = startMillis;
            this.failedBefore = failedBefore;
        }
    }
}
