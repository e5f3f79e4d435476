package io.stella.harness.latency;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C trace context the harness starts (it is the trace's root): a random 128-bit trace id and
 * 64-bit span id, and whether the trace is sampled. Every timed HTTP request and the request-id probe
 * send one, with the trace id as their {@code X-Request-Id}, so that a request found in a service's
 * logs by its id is the trace of the same name, and summary.json's slowest requests can be looked up
 * in either.
 *
 * <p>Whether it is sampled is the run's setting ({@code -Dtrace.sampled}), handed down by whoever
 * makes the context: a target that follows its caller's decision (OpenTelemetry's default,
 * parent-based sampling) records every request marked sampled, so a load test marked so would make
 * it trace all of its load.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/">W3C Trace Context</a>
 */
public record TraceContext(String traceId, String spanId, boolean sampled) {

    public static final String TRACEPARENT = "traceparent";
    public static final String REQUEST_ID = "X-Request-Id";

    public static TraceContext newRoot(boolean sampled) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new TraceContext(hex(nonZero(random)) + hex(random.nextLong()), hex(nonZero(random)), sampled);
    }

    /** {@code 00-<trace id>-<span id>-<flags>}: version 0, flags {@code 01} when sampled, else {@code 00}. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    public String requestId() {
        return traceId;
    }

    /** All zeros is an invalid id in the W3C format. */
    private static long nonZero(ThreadLocalRandom random) {
        long value;
        do {
            value = random.nextLong();
        } while (value == 0);
        return value;
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
