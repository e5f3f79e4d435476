package io.stella.harness.latency;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C trace context the harness starts (it is the trace's root): a random 128-bit trace id and
 * 64-bit span id, sampled. Every timed HTTP request and the request-id probe send one, with the
 * trace id as their {@code X-Request-Id}, so that a request found in a service's logs by its id is
 * the trace of the same name, and summary.json's slowest requests can be looked up in either.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/">W3C Trace Context</a>
 */
public record TraceContext(String traceId, String spanId) {

    public static final String TRACEPARENT = "traceparent";
    public static final String REQUEST_ID = "X-Request-Id";

    public static TraceContext newRoot() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new TraceContext(hex(nonZero(random)) + hex(random.nextLong()), hex(nonZero(random)));
    }

    /** {@code 00-<trace id>-<span id>-01}: version 0, sampled. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-01";
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
